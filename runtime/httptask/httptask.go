// Package httptask runs an *http.Server as a task of a nursery, so that a
// server needs no glue to start, shut down gracefully and stop:
//
//	if err := httptask.Start(n, &http.Server{Addr: ":8080", Handler: mux}); err != nil {
//		return err // could not listen: n does not count it, the caller decides
//	}
//
// Start returns once the server listens. From then on the server follows the
// nursery's two-phase shutdown:
//
//   - Handlers get the task's context: a request's context derives from it,
//     so nursery.Stopping(r.Context()) is the nursery's soft stop (stop
//     taking work, finish what you hold) and r.Context() is cancelled at its
//     hard cancel.
//   - At the soft stop the server shuts down gracefully (http.Server's
//     Shutdown): it stops listening, closes idle connections and lets the
//     requests in flight finish, for as long as the nursery's grace lasts.
//   - At the hard cancel it closes every connection (http.Server's Close).
//   - The task returns once Serve has returned and every connection's
//     goroutine is done; http.ErrServerClosed, the server's way of saying it
//     was shut down, is not a failure. Any other error of Serve is.
//
// The package is its own, beside nursery, so that nursery does not import
// net/http. Its name is one that no standard package and no usual variable
// (server, srv, serve) takes.
package httptask

import (
	"context"
	"errors"
	"net"
	"net/http"
	"sync"

	"github.com/twine-go/twine/runtime/nursery"
)

// Start listens on srv.Addr (":http" if empty) with TCP and runs srv as a
// task of n, as the package documentation describes. It returns once the
// server listens, having set srv.Addr to the address it listens on (with
// the port chosen for ":0"). If it cannot listen, Start returns the error
// and n does not count it, as nursery's Start does for a task that fails
// before it is ready.
//
// Start sets srv.BaseContext, so that handlers get the task's context, and
// wraps srv.ConnState, calling the one srv had; it refuses a srv whose
// BaseContext is already set. srv must not be used by anything else (no
// ListenAndServe, no Shutdown of the caller's own) while the task runs.
// Hijacked connections (WebSockets) are their handler's: neither Shutdown
// nor Close waits for them, as with a bare http.Server.
func Start(n *nursery.Nursery, srv *http.Server) error {
	return n.Start(func(ctx context.Context, ready func()) error {
		if err := check(srv); err != nil {
			return err
		}
		addr := srv.Addr
		if addr == "" {
			addr = ":http"
		}
		l, err := new(net.ListenConfig).Listen(ctx, "tcp", addr)
		if err != nil {
			return err
		}
		srv.Addr = l.Addr().String()
		return serve(ctx, srv, l, ready)
	})
}

// Serve is Start with a listener the caller made: a TLS listener
// (tls.NewListener), a Unix socket, a socket handed over by systemd. It
// returns once the task runs, and takes l over: l is closed when the server
// stops, and also when Serve returns an error. It leaves srv.Addr as it is.
func Serve(n *nursery.Nursery, srv *http.Server, l net.Listener) error {
	err := n.Start(func(ctx context.Context, ready func()) error {
		if err := check(srv); err != nil {
			return err
		}
		return serve(ctx, srv, l, ready)
	})
	if err != nil {
		l.Close()
	}
	return err
}

var errBaseContext = errors.New("httptask: srv.BaseContext is set; httptask sets it so that handlers get the task's context")

func check(srv *http.Server) error {
	if srv.BaseContext != nil {
		return errBaseContext
	}
	return nil
}

// serve runs srv on l until it has shut down, with ctx, the task's context,
// as the base of every request's context; it calls ready once srv is set up.
func serve(ctx context.Context, srv *http.Server, l net.Listener, ready func()) error {
	srv.BaseContext = func(net.Listener) context.Context { return ctx }
	var conns sync.WaitGroup
	track(srv, &conns)
	ready()
	// At the soft stop (or a hard cancel without one), shut down. ctx is
	// cancelled at the hard cancel, which bounds Shutdown by what is left of
	// the grace and then closes every connection.
	shutDown := make(chan struct{})
	unhook := context.AfterFunc(nursery.Stopping(ctx), func() {
		defer close(shutDown)
		if srv.Shutdown(ctx) != nil {
			// The hard cancel. Its cancel closes ctx's Done before it
			// cancels the contexts derived from ctx, holding ctx's lock,
			// which context.Cause takes: once Cause returns, every request's
			// context has the nursery's cause, and Close (whose closed
			// connections cancel requests with a bare context.Canceled)
			// cannot come first.
			context.Cause(ctx)
			srv.Close()
		}
	})
	err := srv.Serve(l)
	if !unhook() {
		<-shutDown // Serve returned because of it: wait until it is done
	}
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	} else {
		srv.Close() // Serve failed: cut the connections it leaves
	}
	conns.Wait()
	return err
}

// track counts srv's connections in conns, from the moment Serve accepts
// one (StateNew, reported before Serve can return) to the last thing its
// goroutine does (StateClosed, or StateHijacked when a handler takes it).
func track(srv *http.Server, conns *sync.WaitGroup) {
	user := srv.ConnState
	srv.ConnState = func(c net.Conn, s http.ConnState) {
		switch s {
		case http.StateNew:
			conns.Add(1)
		case http.StateClosed, http.StateHijacked:
			defer conns.Done()
		}
		if user != nil {
			user(c, s)
		}
	}
}
