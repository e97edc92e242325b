package nursery

import (
	"bytes"
	"context"
	"reflect"
	"regexp"
	"runtime/pprof"
	"strconv"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

// Guarantee 8: visibility.

func TestTasksCarryPprofLabels(t *testing.T) {
	bubble(t, func(t *testing.T) {
		Config{Name: "crawler"}.Run(t.Context(), func(n *Nursery) error {
			n.Go(func(ctx context.Context) error {
				if v, _ := pprof.Label(ctx, labelNursery); v != "crawler" {
					t.Errorf("label %q in the task's context = %q, want crawler", labelNursery, v)
				}
				return nil
			})
			return nil
		})
	})
}

// A task goroutine's own labels, as a profile records them, are its
// nursery's and its task's; a nested nursery's task has the inner nursery's,
// in place of those it inherited.
func TestTaskGoroutinesCarryTheirLabels(t *testing.T) {
	bubble(t, func(t *testing.T) {
		outer := Config{Name: "outer"}.New(t.Context())
		var inner *Nursery
		ready := make(chan struct{})
		outerTask := func(ctx context.Context) error {
			inner = Config{Name: "inner"}.New(ctx)
			inner.Go(fetchPage)
			close(ready)
			<-ctx.Done()
			return inner.Close()
		}
		outer.Go(outerTask)
		<-ready
		synctest.Wait()
		var buf bytes.Buffer
		pprof.Lookup("goroutine").WriteTo(&buf, 1)
		for _, want := range []string{
			`# labels: {"nursery":"outer", "nursery_id":"` + strconv.FormatUint(outer.id, 10) + `", "task":"` + funcName(funcPC(outerTask)) + `"}`,
			`# labels: {"nursery":"inner", "nursery_id":"` + strconv.FormatUint(inner.id, 10) + `", "task":"` + funcName(funcPC(fetchPage)) + `"}`,
		} {
			if !strings.Contains(buf.String(), want+"\n") {
				t.Errorf("no goroutine with labels %s in the profile:\n%s", want, buf.String())
			}
		}
		outer.Cancel(nil)
		outer.Wait()
	})
}

func fetchPage(ctx context.Context) error { <-ctx.Done(); return nil }

func keepalive(ctx context.Context) error { <-Stopping(ctx).Done(); return nil }

func listen(ctx context.Context, ready func()) error { ready(); <-ctx.Done(); return nil }

func TestTreeShowsNurseriesTasksAndStrays(t *testing.T) {
	bubble(t, func(t *testing.T) {
		server := Config{Name: "server", Limit: 10}.New(t.Context())
		if err := server.Start(listen); err != nil {
			t.Fatal(err)
		}
		for range 3 {
			server.Go(fetchPage)
		}
		strayDone := make(chan struct{})
		server.Go(func(ctx context.Context) error {
			conn := Config{Name: "conn"}.New(ctx)
			conn.Go(keepalive)
			go func() { <-strayDone }() // a bare goroutine started by a task
			<-ctx.Done()
			return conn.Close()
		})
		time.Sleep(time.Minute)
		synctest.Wait()

		info := server.Snapshot()
		if info.Name != "server" || info.State != "open" || info.Limit != 10 || info.Started.IsZero() {
			t.Errorf("server info = %+v", info)
		}
		tasks := map[string]TaskInfo{}
		for _, ti := range info.Tasks {
			tasks[ti.Name[strings.LastIndex(ti.Name, ".")+1:]+"/"+ti.State] = ti
		}
		if ti := tasks["fetchPage/running"]; ti.Count != 3 || !strings.Contains(ti.At, "fetchPage") {
			t.Errorf("fetchPage entry = %+v, want 3 running in fetchPage", ti)
		}
		if ti := tasks["listen/running"]; ti.Count != 1 || time.Since(ti.Started) != time.Minute {
			t.Errorf("listen entry = %+v, want a Start task aged 1m", ti)
		}
		if len(info.Children) != 1 || info.Children[0].Name != "conn" {
			t.Fatalf("children = %+v, want the conn nursery", info.Children)
		}
		conn := info.Children[0]
		var kinds []string
		for _, ti := range conn.Tasks {
			kinds = append(kinds, ti.State)
		}
		if len(conn.Tasks) != 1 || !strings.HasSuffix(conn.Tasks[0].Name, ".keepalive") {
			t.Errorf("conn tasks = %+v, want keepalive", conn.Tasks)
		}
		var stray bool
		for _, ti := range info.Tasks {
			stray = stray || ti.State == "stray"
		}
		if !stray {
			t.Errorf("no stray goroutine in %+v", info.Tasks)
		}

		var buf bytes.Buffer
		if err := WriteTree(&buf); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{
			`(?m)^server #\d+: open, age 1m0s, limit 10$`,
			`(?m)^  3 × .*\.fetchPage: running, at nursery/tree_test.go:\d+$`,
			`(?m)^  1 × .*\.listen: running, age 1m0s, at `,
			`(?m)^  conn #\d+: open, age 1m0s$`,
			`(?m)^    1 × .*\.keepalive: running, at `,
			`(?m)^  1 × .*: stray, at `,
		} {
			if !regexp.MustCompile(want).Match(buf.Bytes()) {
				t.Errorf("tree does not match %s:\n%s", want, buf.String())
			}
		}

		server.Shutdown(time.Second)
		synctest.Wait()
		if st := server.Snapshot().State; st != "stopping" {
			t.Errorf("state after Shutdown = %q, want stopping", st)
		}
		time.Sleep(time.Second)
		synctest.Wait()
		if st := server.Snapshot().State; st != "cancelled" {
			t.Errorf("state after the grace = %q, want cancelled", st)
		}
		close(strayDone)
		server.Wait()
		for _, root := range Snapshot() {
			if root.ID == info.ID || root.ID == conn.ID {
				t.Errorf("finished nursery %d still in the tree", root.ID)
			}
		}
	})
}

func TestTreeShowsStartingAndStopping(t *testing.T) {
	bubble(t, func(t *testing.T) {
		n := Config{Name: "svc"}.New(t.Context())
		n.Go(keepalive)
		go n.Start(func(ctx context.Context, ready func()) error { <-ctx.Done(); return nil })
		synctest.Wait()
		n.Shutdown(time.Hour)
		synctest.Wait()
		info := n.Snapshot()
		states := map[string]bool{}
		for _, ti := range info.Tasks {
			states[ti.State] = true
		}
		if info.State != "stopping" || !states["starting"] {
			t.Errorf("snapshot = %+v, want a stopping nursery with a starting task", info)
		}
		time.Sleep(2 * time.Second)
		var buf bytes.Buffer
		WriteTree(&buf)
		if want := `(?m)^svc #\d+: stopping, age 2s, 2s since the soft stop$`; !regexp.MustCompile(want).Match(buf.Bytes()) {
			t.Errorf("tree does not match %s:\n%s", want, buf.String())
		}
		n.Cancel(nil)
		n.Wait()
	})
}

func TestEscapedNestedNurseryStaysVisible(t *testing.T) {
	bubble(t, func(t *testing.T) {
		var escaped *Nursery
		Run(t.Context(), func(n *Nursery) error {
			escaped = New(context.WithoutCancel(n.Context()))
			return nil
		})
		found := false
		for _, root := range Snapshot() {
			found = found || root.ID == escaped.id
		}
		if !found {
			t.Error("a nursery that outlived its parent vanished from the tree")
		}
		escaped.Close()
	})
}

func TestParseProfile(t *testing.T) {
	const text = `goroutine profile: total 5
2 @ 0x1 0x2
# labels: {"nursery":"a \"b\"", "nursery_id":"7", "task":"main.work"}
#	0x4bc1e5	runtime.gopark+0x1	/go/src/runtime/proc.go:1
#	0x4bc1e5	main.wait+0x45	/src/app/main.go:33
#	0x4bc1e5	main.work+0x45	/src/app/main.go:40
#	0x4bc1e5	github.com/twine-go/twine/runtime/nursery.(*Nursery).run+0x45	/x/nursery.go:1
#	0x4bc1e5	github.com/twine-go/twine/runtime/nursery.(*Nursery).Go.gowrap1+0x45	/x/nursery.go:1

1 @ 0x1
# labels: {"nursery_id":"7", "task":"main.work"}
#	0x4bc1e5	main.loop+0x45	/src/app/main.go:50

1 @ 0x1
#	0x4bc1e5	main.main+0x45	/src/app/main.go:5

1 @ 0x1
# labels: {"nursery_id":"8", "started":"946684800000000000", "task":"example.com/srv.handle"}
#	0x4bc1e5	internal/poll.(*FD).Read+0x1	/go/src/internal/poll/fd_unix.go:1
#	0x4bc1e5	net.(*conn).Read+0x1	/go/src/net/net.go:1
#	0x4bc1e5	bufio.(*Reader).ReadString+0x1	/go/src/bufio/bufio.go:1
#	0x4bc1e5	github.com/twine-go/twine/runtime/proc.helper+0x1	/x/proc/proc.go:1
#	0x4bc1e5	example.com/srv/wire.readLine+0x45	/src/srv/wire/wire.go:12
#	0x4bc1e5	example.com/srv.(*conn).next+0x45	/src/srv/conn.go:20
#	0x4bc1e5	github.com/twine-go/twine/runtime/nursery.helperTest+0x45	/x/nursery/x_test.go:3
#	0x4bc1e5	example.com/srv.handle+0x45	/src/srv/conn.go:30
#	0x4bc1e5	github.com/twine-go/twine/runtime/nursery.(*Nursery).run+0x45	/x/nursery.go:1

1 @ 0x1
# labels: {"nursery_id":"9", "task":"net/http.(*Server).Serve"}
#	0x4bc1e5	runtime.gopark+0x1	/go/src/runtime/proc.go:1
#	0x4bc1e5	net/http.(*Server).Serve+0x1	/go/src/net/http/server.go:3
#	0x4bc1e5	github.com/twine-go/twine/runtime/nursery.(*Nursery).run+0x45	/x/nursery.go:1
`
	got := parseProfile(text)
	want := map[uint64][]profTask{
		7: {
			{count: 2, name: "main.work", places: []string{"main.wait (app/main.go:33)", "main.work (app/main.go:40)"}},
			{count: 1, name: "main.loop", places: []string{"main.loop (app/main.go:50)"}, stray: true},
		},
		8: {{count: 1, name: "example.com/srv.handle", started: time.Unix(0, 946684800000000000), places: []string{
			"example.com/srv/wire.readLine (wire/wire.go:12)", // not the standard library's or twine's frames
			"example.com/srv.(*conn).next (srv/conn.go:20)",
			"github.com/twine-go/twine/runtime/nursery.helperTest (nursery/x_test.go:3)", // twine's tests are user code
		}}},
		9: {{count: 1, name: "net/http.(*Server).Serve", places: []string{"net/http.(*Server).Serve (http/server.go:3)"}}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parseProfile =\n%+v\nwant\n%+v", got, want)
	}
	if m := parseLabels(`{"nursery":"a \"b\"", "x":"y"}`); m["nursery"] != `a "b"` || m["x"] != "y" {
		t.Errorf("parseLabels = %v", m)
	}
}
