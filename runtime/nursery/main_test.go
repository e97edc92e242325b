package nursery

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Guarantee 9: Main, without the process (the process-level tests re-exec a
// real program; see runtime/proc).

type fakeProgram struct {
	*mainConfig
	sigs   chan os.Signal
	stderr syncBuffer
	exits  chan int
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func newProgram(opts ...MainOption) *fakeProgram {
	p := &fakeProgram{sigs: make(chan os.Signal, 8), exits: make(chan int, 3)}
	p.mainConfig = &mainConfig{signals: p.sigs, stderr: &p.stderr, exit: func(code int) { p.exits <- code }}
	for _, o := range opts {
		o(p.mainConfig)
	}
	return p
}

// at sends sig after d.
func (p *fakeProgram) at(d time.Duration, sig os.Signal) {
	time.AfterFunc(d, func() { p.sigs <- sig })
}

func TestMainFirstSignalShutsDownGracefully(t *testing.T) {
	for sig, want := range map[os.Signal]int{syscall.SIGINT: 130, syscall.SIGTERM: 143} {
		t.Run(sig.String(), func(t *testing.T) {
			bubble(t, func(t *testing.T) {
				p := newProgram()
				p.at(time.Second, sig)
				start := time.Now()
				var stopCause error
				code, err, failure := p.run(func(n *Nursery) error {
					n.Go(func(ctx context.Context) error {
						<-Stopping(ctx).Done()
						stopCause = context.Cause(Stopping(ctx))
						if ctx.Err() != nil {
							return errors.New("the first signal cancelled hard")
						}
						time.Sleep(time.Second) // finish in-flight work
						return nil
					})
					return nil
				})
				if code != want || failure != nil {
					t.Errorf("exit %d, failure %v; want %d and none", code, failure, want)
				}
				var se *SignalError
				if !errors.Is(err, ErrInterrupted) || !errors.As(err, &se) || se.Signal != sig {
					t.Errorf("err = %v, want a *SignalError for %v that is ErrInterrupted", err, sig)
				}
				if !errors.As(stopCause, &se) {
					t.Errorf("cause of Stopping = %v, want the signal", stopCause)
				}
				if d := time.Since(start); d != 2*time.Second {
					t.Errorf("program ended after %v, want 2s: the signal at 1s and 1s of work", d)
				}
			})
		})
	}
}

func TestMainSecondSignalCancelsHard(t *testing.T) {
	bubble(t, func(t *testing.T) {
		p := newProgram()
		p.at(time.Second, syscall.SIGINT)
		p.at(3*time.Second, syscall.SIGINT)
		start := time.Now()
		var hard time.Duration
		code, _, _ := p.run(func(n *Nursery) error {
			n.Go(func(ctx context.Context) error {
				<-ctx.Done() // ignores the soft stop
				hard = time.Since(start)
				return ctx.Err()
			})
			return nil
		})
		if code != 130 || hard != 3*time.Second {
			t.Errorf("exit %d, hard cancel at %v; want 130 at the second signal, 3s", code, hard)
		}
		if s := p.stderr.String(); !strings.Contains(s, "shutting down gracefully") || !strings.Contains(s, "cancelling") {
			t.Errorf("stderr = %q, want both steps said", s)
		}
	})
}

func TestMainThirdSignalExitsAtOnce(t *testing.T) {
	bubble(t, func(t *testing.T) {
		p := newProgram()
		for i := 1; i <= 3; i++ {
			p.at(time.Duration(i)*time.Second, syscall.SIGTERM)
		}
		start := time.Now()
		exited := make(chan time.Duration, 1)
		var code int
		go func() { code = <-p.exits; exited <- time.Since(start) }()
		p.run(func(n *Nursery) error {
			n.Go(func(ctx context.Context) error { time.Sleep(time.Minute); return nil }) // ignores everything
			return nil
		})
		if exitedAt := <-exited; code != 143 || exitedAt != 3*time.Second {
			t.Errorf("exit(%d) at %v, want exit(143) at the third signal, 3s", code, exitedAt)
		}
	})
}

func TestMainFailureExitsOne(t *testing.T) {
	bubble(t, func(t *testing.T) {
		p := newProgram()
		code, err, failure := p.run(func(n *Nursery) error {
			n.Go(func(ctx context.Context) error { return errA })
			return nil
		})
		if code != 1 || err != errA || failure != errA {
			t.Errorf("exit %d, err %v, failure %v; want 1 and errA", code, err, failure)
		}
	})
}

func TestMainSuccessExitsZero(t *testing.T) {
	bubble(t, func(t *testing.T) {
		code, err, _ := newProgram().run(func(n *Nursery) error {
			n.Go(func(ctx context.Context) error { return nil })
			return nil
		})
		if code != 0 || err != nil {
			t.Errorf("exit %d, err %v; want 0 and nil", code, err)
		}
	})
}

func TestMainInterruptSurvivesARacingFailure(t *testing.T) {
	bubble(t, func(t *testing.T) {
		p := newProgram()
		p.at(time.Second, syscall.SIGINT)
		code, err, failure := p.run(func(n *Nursery) error {
			n.Go(func(ctx context.Context) error {
				<-Stopping(ctx).Done()
				return errA // fails while shutting down
			})
			return nil
		})
		if code != 130 || !errors.Is(err, ErrInterrupted) || !errors.Is(err, errA) || failure != errA {
			t.Errorf("exit %d, err %v; want 130 and an error that is both the interrupt and errA", code, err)
		}
	})
}

func TestMainLateSignalIsNotLost(t *testing.T) {
	bubble(t, func(t *testing.T) {
		p := newProgram()
		code, err, _ := p.run(func(n *Nursery) error {
			p.sigs <- syscall.SIGINT // as the program ends
			return nil
		})
		if code != 130 || !errors.Is(err, ErrInterrupted) {
			t.Errorf("exit %d, err %v; want 130 and the interrupt", code, err)
		}
	})
}

func TestMainGraceBoundsTheGracefulShutdown(t *testing.T) {
	for name, opt := range map[string]MainOption{
		"WithGrace":  WithGrace(5 * time.Second),
		"WithConfig": WithConfig(Config{Grace: 5 * time.Second}),
	} {
		t.Run(name, func(t *testing.T) {
			bubble(t, func(t *testing.T) {
				p := newProgram(opt)
				p.at(time.Second, syscall.SIGINT)
				start := time.Now()
				var hard time.Duration
				p.run(func(n *Nursery) error {
					n.Go(func(ctx context.Context) error { <-ctx.Done(); hard = time.Since(start); return nil })
					return nil
				})
				if hard != 6*time.Second {
					t.Errorf("hard cancel at %v, want 6s: signal at 1s plus a 5s bound", hard)
				}
			})
		})
	}
}

func TestMainConfigAppliesToTheRootNursery(t *testing.T) {
	bubble(t, func(t *testing.T) {
		p := newProgram(WithConfig(Config{Name: "app", Supervise: true}))
		var siblingDone bool
		code, err, _ := p.run(func(n *Nursery) error {
			if n.Snapshot().Name != "app" {
				t.Error("root nursery is not named app")
			}
			n.Go(func(ctx context.Context) error { return errA })
			n.Go(func(ctx context.Context) error { time.Sleep(time.Second); siblingDone = ctx.Err() == nil; return nil })
			return nil
		})
		if code != 1 || err != errA || !siblingDone {
			t.Errorf("exit %d, err %v, sibling done %v; want 1, errA, true", code, err, siblingDone)
		}
	})
}

func TestMainStdinLifeline(t *testing.T) {
	bubble(t, func(t *testing.T) {
		r, w := io.Pipe()
		p := newProgram(WithStdinLifeline())
		p.stdin = r
		time.AfterFunc(time.Second, func() { w.Write([]byte("noise")) })
		time.AfterFunc(2*time.Second, func() { w.Close() })
		start := time.Now()
		var soft time.Duration
		code, err, _ := p.run(func(n *Nursery) error {
			n.Go(func(ctx context.Context) error {
				<-Stopping(ctx).Done()
				soft = time.Since(start)
				return nil
			})
			return nil
		})
		if soft != 2*time.Second || code != 0 || !errors.Is(err, ErrStdinClosed) || !errors.Is(err, ErrInterrupted) {
			t.Errorf("soft stop at %v, exit %d, err %v; want 2s (EOF, not the data at 1s), 0, ErrStdinClosed", soft, code, err)
		}
	})
}

func TestMainPanicGoesOnAfterTheWatcherStops(t *testing.T) {
	bubble(t, func(t *testing.T) {
		v := catch(func() {
			newProgram().run(func(n *Nursery) error {
				n.Go(func(ctx context.Context) error { panic("bug") })
				return nil
			})
		})
		if pe, _ := v.(*PanicError); pe == nil || pe.Value != "bug" {
			t.Errorf("run panicked with %v, want the task's *PanicError", v)
		}
	})
}
