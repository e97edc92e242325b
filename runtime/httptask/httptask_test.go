package httptask_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/twine-go/twine/internal/leaktest"
	"github.com/twine-go/twine/runtime/httptask"
	"github.com/twine-go/twine/runtime/nursery"
)

// The tests run real servers on loopback, outside synctest: network I/O is
// not durably blocking in a bubble. Nothing in them waits for time to pass:
// every step waits for the event it needs.

var errBoom = errors.New("boom")

// get requests url with a client of its own, so that no idle connection
// (and no goroutine of it) outlives the call; it returns the body read.
func get(url string) (string, error) {
	tr := &http.Transport{DisableKeepAlives: true}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr}).Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return string(body), err
}

// fetch runs get in a task of its own nursery and hands back the result.
type fetch struct {
	body string
	err  error
	done chan struct{}
}

func startGet(t *testing.T, url string) *fetch {
	f := &fetch{done: make(chan struct{})}
	n := nursery.New(context.Background())
	n.Go(func(context.Context) error {
		defer close(f.done)
		f.body, f.err = get(url)
		return nil
	})
	t.Cleanup(func() { n.Wait() })
	return f
}

func TestStartListensBeforeItReturns(t *testing.T) {
	leaktest.Check(t)
	var states []http.ConnState
	err := nursery.Run(t.Context(), func(n *nursery.Nursery) error {
		srv := &http.Server{Addr: "127.0.0.1:0", Handler: http.HandlerFunc(
			func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "hello") }),
			ConnState: func(_ net.Conn, s http.ConnState) { states = append(states, s) }}
		if err := httptask.Start(n, srv); err != nil {
			return err
		}
		body, err := get("http://" + srv.Addr) // no wait, no retry
		if err != nil || body != "hello" {
			t.Errorf("GET = %q, %v; want hello", body, err)
		}
		n.Shutdown(time.Hour)
		return nil
	})
	if err != nil {
		t.Errorf("Run = %v, want nil: http.ErrServerClosed is no failure", err)
	}
	if want := []http.ConnState{http.StateNew, http.StateActive, http.StateClosed}; !slices.Equal(states, want) {
		t.Errorf("the server's own ConnState saw %v, want %v", states, want)
	}
}

// At the soft stop the server stops accepting; a request in flight sees the
// soft stop through its context, finishes, and its reply arrives.
func TestInFlightRequestFinishesDuringGracefulShutdown(t *testing.T) {
	leaktest.Check(t)
	inside := make(chan struct{})
	var f *fetch
	srv := &http.Server{Addr: "127.0.0.1:0", Handler: http.HandlerFunc(
		func(w http.ResponseWriter, r *http.Request) {
			close(inside)
			<-nursery.Stopping(r.Context()).Done()
			fmt.Fprintf(w, "finished after the soft stop; ctx %v", r.Context().Err())
		})}
	err := nursery.Run(t.Context(), func(n *nursery.Nursery) error {
		if err := httptask.Start(n, srv); err != nil {
			return err
		}
		f = startGet(t, "http://"+srv.Addr)
		<-inside
		n.Shutdown(time.Hour) // a test that waited for it would time out
		return nil
	})
	if err != nil {
		t.Errorf("Run = %v, want nil", err)
	}
	<-f.done
	if f.err != nil || f.body != "finished after the soft stop; ctx <nil>" {
		t.Errorf("in-flight request: %q, %v; want its reply, written after the soft stop and before the hard cancel", f.body, f.err)
	}
	if _, err := get("http://" + srv.Addr); err == nil {
		t.Error("the server still accepts once it has shut down")
	}
}

// When the grace runs out, the hard cancel cancels the requests' contexts
// and closes the connections: a handler stuck until then is cut.
func TestHardCancelCutsAStuckHandler(t *testing.T) {
	leaktest.Check(t)
	inside := make(chan struct{})
	var cause error
	var f *fetch
	err := nursery.Config{Grace: 50 * time.Millisecond}.Run(t.Context(), func(n *nursery.Nursery) error {
		srv := &http.Server{Addr: "127.0.0.1:0", Handler: http.HandlerFunc(
			func(w http.ResponseWriter, r *http.Request) {
				io.WriteString(w, "partial")
				w.(http.Flusher).Flush()
				close(inside)
				<-r.Context().Done() // ignores the soft stop
				cause = context.Cause(r.Context())
				panic(http.ErrAbortHandler) // cut: no complete reply
			})}
		if err := httptask.Start(n, srv); err != nil {
			return err
		}
		f = startGet(t, "http://"+srv.Addr)
		<-inside
		n.Shutdown(50 * time.Millisecond)
		return nil
	})
	if err != nil {
		t.Errorf("Run = %v, want nil", err)
	}
	if !strings.Contains(fmt.Sprint(cause), "grace period of 50ms ran out") {
		t.Errorf("the handler's context was cancelled with %v, want the end of the grace", cause)
	}
	<-f.done
	if f.err == nil {
		t.Errorf("the stuck request got a whole reply %q, want it cut", f.body)
	}
}

// A failure elsewhere in the nursery is a hard cancel without a soft stop:
// the server closes at once.
func TestFailureClosesTheServer(t *testing.T) {
	leaktest.Check(t)
	err := nursery.Run(t.Context(), func(n *nursery.Nursery) error {
		if err := httptask.Start(n, &http.Server{Addr: "127.0.0.1:0", Handler: http.NotFoundHandler()}); err != nil {
			return err
		}
		return errBoom
	})
	if err != errBoom {
		t.Errorf("Run = %v, want only boom: the server's close is no failure", err)
	}
}

// A server that cannot listen: Start returns the error, and the nursery does
// not count it.
func TestListenErrorIsReturnedToTheCaller(t *testing.T) {
	leaktest.Check(t)
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	var startErr error
	err = nursery.Run(t.Context(), func(n *nursery.Nursery) error {
		sibling := make(chan error, 1)
		n.Go(func(ctx context.Context) error {
			<-nursery.Stopping(ctx).Done()
			sibling <- ctx.Err()
			return nil
		})
		startErr = httptask.Start(n, &http.Server{Addr: taken.Addr().String()})
		n.Shutdown(time.Hour)
		if err := <-sibling; err != nil {
			t.Errorf("the listen error cancelled the nursery: the sibling saw %v", err)
		}
		return nil
	})
	if err != nil {
		t.Errorf("Run = %v, want nil: the caller handled the listen error", err)
	}
	if !errors.Is(startErr, syscall.EADDRINUSE) {
		t.Errorf("Start = %v, want EADDRINUSE", startErr)
	}
}

// Serve takes a listener the caller made and closes it when it stops, also
// when it cannot start.
func TestServeWithTheCallersListener(t *testing.T) {
	leaktest.Check(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	err = nursery.Run(t.Context(), func(n *nursery.Nursery) error {
		if err := httptask.Serve(n, &http.Server{Handler: http.HandlerFunc(
			func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "served") })}, l); err != nil {
			return err
		}
		if body, err := get("http://" + l.Addr().String()); err != nil || body != "served" {
			t.Errorf("GET = %q, %v; want served", body, err)
		}
		n.Shutdown(time.Hour)
		return nil
	})
	if err != nil {
		t.Errorf("Run = %v", err)
	}
	if _, err := l.Accept(); !errors.Is(err, net.ErrClosed) {
		t.Errorf("Accept after the server stopped: %v, want net.ErrClosed", err)
	}

	refused, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	nursery.Run(t.Context(), func(n *nursery.Nursery) error {
		err := httptask.Serve(n, &http.Server{BaseContext: func(net.Listener) context.Context { return t.Context() }}, refused)
		if err == nil || !strings.Contains(err.Error(), "BaseContext is set") {
			t.Errorf("Serve with BaseContext set = %v, want a refusal", err)
		}
		return nil
	})
	if _, err := refused.Accept(); !errors.Is(err, net.ErrClosed) {
		t.Errorf("Accept after Serve refused: %v, want net.ErrClosed", err)
	}
}

// failingListener accepts nothing: its Accept fails for good.
type failingListener struct {
	net.Listener
	once sync.Once
}

func (l *failingListener) Accept() (net.Conn, error) { return nil, errBoom }

func (l *failingListener) Close() error {
	l.once.Do(func() { l.Listener.Close() })
	return nil
}

// An error of Serve other than http.ErrServerClosed is a failure of the
// task.
func TestServeErrorIsAFailure(t *testing.T) {
	leaktest.Check(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	err = nursery.Run(t.Context(), func(n *nursery.Nursery) error {
		return httptask.Serve(n, &http.Server{Handler: http.NotFoundHandler()}, &failingListener{Listener: l})
	})
	if !errors.Is(err, errBoom) {
		t.Errorf("Run = %v, want the accept error", err)
	}
}
