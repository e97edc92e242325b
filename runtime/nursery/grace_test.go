package nursery

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Guarantee 10: a shutdown you can see.

// stubborn ignores the soft stop: it holds its nursery's shutdown until the
// hard cancel.
func stubborn(ctx context.Context) error {
	<-ctx.Done() // overdue: blocked here
	return nil
}

// polite returns at the soft stop.
func polite(ctx context.Context) error {
	<-Stopping(ctx).Done()
	return nil
}

// lineOf returns "grace_test.go:N", the place of the line of this file that
// ends with marker.
func lineOf(t *testing.T, marker string) string {
	t.Helper()
	f, err := os.Open("grace_test.go")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		if strings.HasSuffix(sc.Text(), marker) {
			return fmt.Sprintf("grace_test.go:%d", n)
		}
	}
	t.Fatalf("no line ends with %q", marker)
	return ""
}

func TestOnOverdueGetsWhatTheGraceWaitsFor(t *testing.T) {
	bubble(t, func(t *testing.T) {
		start := time.Now()
		var got []Overdue
		n := Config{Name: "svc", Grace: 5 * time.Second, OnOverdue: func(o Overdue) {
			if len(got) == 0 && o.Nursery.State != "stopping" {
				t.Errorf("OnOverdue ran in state %q, want stopping: before the hard cancel", o.Nursery.State)
			}
			got = append(got, o)
		}}.New(t.Context())
		n.Go(stubborn)
		n.Go(polite)
		n.Go(func(ctx context.Context) error {
			// No grace: conn keeps its tasks until the outer hard cancel.
			conn := Config{Name: "conn"}.New(ctx)
			conn.Go(keepalive) // returns at the soft stop
			conn.Go(stubborn)
			<-ctx.Done()
			return conn.Close()
		})
		time.Sleep(10 * time.Second)
		n.Go(stubborn) // a younger one at the same place
		time.Sleep(50 * time.Second)
		if err := n.Close(); err != nil { // soft stop at 1m, hard cancel at 1m5s
			t.Fatal(err)
		}

		if len(got) != 1 {
			t.Fatalf("OnOverdue called %d times, want once", len(got))
		}
		o := got[0]
		if o.At.Sub(start) != 65*time.Second || o.Grace != 5*time.Second || o.Cause != errShutdown {
			t.Errorf("report at %v, grace %v, cause %v; want at 1m5s, 5s, the shutdown", o.At.Sub(start), o.Grace, o.Cause)
		}
		svc := o.Nursery
		if svc.Name != "svc" || o.At.Sub(svc.SoftStop) != 5*time.Second {
			t.Errorf("nursery %q, soft stop %v before the report; want svc, 5s", svc.Name, o.At.Sub(svc.SoftStop))
		}
		pos := "nursery/" + lineOf(t, "// overdue: blocked here")
		at := "stubborn (" + pos + ")"
		var group TaskInfo
		for _, ti := range svc.Tasks {
			if strings.HasSuffix(ti.Name, ".stubborn") {
				group = ti
			}
			if strings.HasSuffix(ti.Name, ".polite") {
				t.Errorf("a task that returned at the soft stop is in the report: %+v", ti)
			}
		}
		if group.Count != 2 || group.State != "stopping" || !strings.HasSuffix(group.At, at) || o.At.Sub(group.Started) != 65*time.Second {
			t.Errorf("stubborn group = %+v, want 2 stopping at %s, the oldest aged 1m5s", group, at)
		}
		if len(svc.Children) != 1 || o.At.Sub(svc.Children[0].SoftStop) != 5*time.Second {
			t.Fatalf("nested nurseries %+v, want conn, soft-stopped 5s before", svc.Children)
		}

		var text strings.Builder
		o.WriteTo(&text)
		want := []string{
			`^grace of 5s ran out; still running:$`,
			`^  svc: 1 × .*\.TestOnOverdueGetsWhatTheGraceWaitsFor\.func1\.2, stopping, age 1m5s, 5s since the soft stop, at nursery/grace_test.go:\d+$`,
			`^  svc: 2 × .*\.stubborn, stopping, age 1m5s, 5s since the soft stop, at ` + regexp.QuoteMeta(pos) + `$`,
			// conn records no ages: its age bounds its tasks'.
			`^  svc/conn: 1 × .*\.stubborn, stopping, age ≤ 1m5s, 5s since the soft stop, at ` + regexp.QuoteMeta(pos) + `$`,
		}
		lines := strings.Split(strings.TrimSuffix(text.String(), "\n"), "\n")
		if len(lines) != len(want) {
			t.Fatalf("report has %d lines, want %d:\n%s", len(lines), len(want), text.String())
		}
		for i, re := range want {
			if !regexp.MustCompile(re).MatchString(lines[i]) {
				t.Errorf("report line %d = %q, want %s", i+1, lines[i], re)
			}
		}
	})
}

func TestOnOverdueOfANestedGrace(t *testing.T) {
	bubble(t, func(t *testing.T) {
		var got []Overdue
		Run(t.Context(), func(outer *Nursery) error {
			outer.Go(func(ctx context.Context) error {
				inner := Config{Grace: time.Second, OnOverdue: func(o Overdue) { got = append(got, o) }}.New(ctx)
				inner.Go(stubborn)
				<-ctx.Done()
				return inner.Close()
			})
			time.Sleep(time.Second)
			outer.Shutdown(time.Minute) // the inner grace of 1s runs out first
			return nil
		})
		if len(got) != 1 || got[0].Grace != time.Second || len(got[0].Nursery.Tasks) != 1 {
			t.Fatalf("inner OnOverdue got %+v, want one report of its stubborn task after 1s", got)
		}
		var text strings.Builder
		got[0].WriteTo(&text)
		if !regexp.MustCompile(`(?m)^  1 × .*\.stubborn, stopping, age 2s, 1s since the soft stop, at `).MatchString(text.String()) {
			t.Errorf("report of an unnamed nursery:\n%s", text.String())
		}
	})
}

func TestOnOverdueNotCalledWhenNothingIsOverdue(t *testing.T) {
	bubble(t, func(t *testing.T) {
		called := false
		hook := func(Overdue) { called = true }
		n := Config{Grace: time.Minute, OnOverdue: hook}.New(t.Context())
		n.Go(polite)
		n.Close() // every task returns within the grace
		n = Config{Grace: time.Minute, OnOverdue: hook}.New(t.Context())
		n.Go(stubborn)
		n.Shutdown(time.Minute)
		n.Cancel(nil) // cancelled before the grace runs out
		n.Wait()
		time.Sleep(time.Hour)
		if called {
			t.Error("OnOverdue called though no grace ran out with tasks running")
		}
	})
}

func TestMainWritesOverdueTasks(t *testing.T) {
	at := regexp.QuoteMeta(lineOf(t, "// overdue: blocked here"))
	t.Run("GraceRunsOut", func(t *testing.T) {
		bubble(t, func(t *testing.T) {
			var hooked []Overdue
			p := newProgram(WithGrace(5*time.Second), WithConfig(Config{OnOverdue: func(o Overdue) { hooked = append(hooked, o) }}))
			p.at(time.Second, syscall.SIGINT)
			code, _, _ := p.run(func(n *Nursery) error { n.Go(stubborn); return nil })
			prog := regexp.QuoteMeta(progName())
			for _, re := range []string{
				`(?m)^` + prog + `: grace of 5s ran out; still running:\n` +
					prog + `:   1 × .*\.stubborn, stopping, age 6s, 5s since the soft stop, at nursery/` + at + `$`,
			} {
				if !regexp.MustCompile(re).MatchString(p.stderr.String()) {
					t.Errorf("stderr does not match %s:\n%s", re, p.stderr.String())
				}
			}
			if code != 130 || len(hooked) != 1 {
				t.Errorf("exit %d, the user's OnOverdue called %d times; want 130, once", code, len(hooked))
			}
		})
	})
	t.Run("SecondSignal", func(t *testing.T) {
		bubble(t, func(t *testing.T) {
			p := newProgram(WithConfig(Config{Name: "app"}))
			p.at(time.Second, syscall.SIGINT)
			p.at(3*time.Second, syscall.SIGINT)
			p.run(func(n *Nursery) error { n.Go(stubborn); return nil })
			prog := regexp.QuoteMeta(progName())
			re := `(?m)^` + prog + `: interrupted by SIGINT: cancelling \(again to exit at once\)\n` +
				prog + `: still running at the hard cancel:\n` +
				prog + `:   app: 1 × .*\.stubborn, stopping, age 3s, 2s since the soft stop, at nursery/` + at + `$`
			if !regexp.MustCompile(re).MatchString(p.stderr.String()) {
				t.Errorf("stderr does not match %s:\n%s", re, p.stderr.String())
			}
		})
	})
}
