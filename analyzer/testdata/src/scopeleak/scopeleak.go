package scopeleak

import (
	"context"
	"errors"
	"os/exec"

	"github.com/twine-go/twine/runtime/nursery"
	"github.com/twine-go/twine/runtime/proc"
)

func task(ctx context.Context) error { return nil }

// ---- reported: New ----

func neverClosed(ctx context.Context) {
	n := nursery.New(ctx) // want `the nursery from nursery.New is not closed on every path: the end of the function at line \d+ leaves it open with its tasks running; defer n.Close\(\) right after creating it, or use nursery.Run`
	n.Go(task)
}

func earlyReturn(ctx context.Context, fail bool) error {
	n := nursery.Config{Name: "x"}.New(ctx) // want `the nursery from nursery.Config{Name: "x"}.New is not closed on every path: the return at line \d+`
	n.Go(task)
	if fail {
		return errors.New("failed")
	}
	return n.Close()
}

func discarded(ctx context.Context) {
	nursery.New(ctx) // want `the nursery from nursery.New is discarded`
}

func blank(ctx context.Context) {
	_ = nursery.New(ctx) // want `the nursery from nursery.New is assigned to _`
}

func chained(ctx context.Context) {
	nursery.New(ctx).Go(task) // want `is used once and never closed`
}

func shutdownIsNotClose(ctx context.Context) {
	n := nursery.New(ctx) // want `not closed on every path`
	n.Go(task)
	n.Shutdown(0)
}

func startIsNotOwnership(ctx context.Context, cmd *exec.Cmd) error {
	n := nursery.New(ctx) // want `not closed on every path`
	_, err := proc.Start(n, cmd)
	return err
}

type noCloser struct {
	n *nursery.Nursery
}

func storeWithoutCloser(ctx context.Context) *noCloser {
	return &noCloser{n: nursery.New(ctx)} // want `the nursery from nursery.New is stored in noCloser.n, but nothing closes it: give noCloser a Close method that calls n.Close\(\)`
}

// ---- reported: a Run nursery escaping its block ----

type holder struct{ n *nursery.Nursery }

var saved *nursery.Nursery

func runEscapes(ctx context.Context, h *holder) error {
	return nursery.Run(ctx, func(n *nursery.Nursery) error {
		h.n = n   // want `the nursery n is stored in h.n, so it can outlive its nursery.Run block`
		saved = n // want `the nursery n is stored in the package variable saved`
		go use(n) // want `goroutine .*is never joined` `the nursery n is used by a goroutine that is not joined`
		spawn := func(f func(context.Context) error) { n.Go(f) }
		h.spawn(spawn) // passed down a call: fine
		return nil
	})
}

func use(n *nursery.Nursery) {}

func (h *holder) spawn(f func(func(context.Context) error)) {}

func runEscapesClosure(ctx context.Context, h *hooks) error {
	return nursery.Run(ctx, func(n *nursery.Nursery) error {
		h.onEvent = func() { n.Go(task) } // want `the nursery n is stored in h.onEvent`
		return nil
	})
}

type hooks struct{ onEvent func() }

// ---- not reported ----

func deferClose(ctx context.Context, fail bool) error {
	n := nursery.New(ctx)
	defer n.Close()
	n.Go(task)
	if fail {
		return errors.New("failed")
	}
	return nil
}

func waited(ctx context.Context) error {
	n := nursery.New(ctx)
	n.Go(task)
	return n.Wait()
}

func returned(ctx context.Context) *nursery.Nursery { // want returned:`scope\(\*nursery.Nursery: Close, Wait\)`
	n := nursery.New(ctx)
	n.Go(task)
	return n
}

type conn struct {
	n *nursery.Nursery
}

func (c *conn) Close() error { return c.n.Close() }

func newConn(ctx context.Context) *conn { // want newConn:`scope\(\*scopeleak.conn: Close\)`
	c := &conn{}
	c.n = nursery.New(ctx)
	c.n.Go(task)
	return c
}

func newConnLiteral(ctx context.Context) *conn { // want newConnLiteral:`scope\(\*scopeleak.conn: Close\)`
	return &conn{n: nursery.New(ctx)}
}

type stopper struct{ n *nursery.Nursery }

func stop(s *stopper) { s.n.Close() }

func storedClosedElsewhere(ctx context.Context) *stopper {
	return &stopper{n: nursery.New(ctx)}
}

func passedOn(ctx context.Context, register func(*nursery.Nursery)) {
	n := nursery.New(ctx)
	register(n)
}

var registry = map[string]*nursery.Nursery{}

func global(ctx context.Context) {
	registry["x"] = nursery.New(ctx)
}

func closureCloses(ctx context.Context, cleanup func(func())) {
	n := nursery.New(ctx)
	cleanup(func() { n.Close() })
}

func deferredClosure(ctx context.Context) (err error) {
	var n *nursery.Nursery
	defer func() {
		if n != nil {
			err = errors.Join(err, n.Close())
		}
	}()
	n = nursery.New(ctx)
	n.Go(task)
	return nil
}

func panics(ctx context.Context) {
	n := nursery.New(ctx)
	if n == nil {
		panic("no nursery")
	}
	n.Close()
}

func inLoop(ctx context.Context, jobs []func(context.Context) error) error {
	for _, j := range jobs {
		n := nursery.New(ctx)
		n.Go(j)
		if err := n.Close(); err != nil {
			return err
		}
	}
	return nil
}

func runKeepsInside(ctx context.Context) error {
	return nursery.Run(ctx, func(n *nursery.Nursery) error {
		local := n
		local.Go(task)
		use(n)
		n.Go(func(ctx context.Context) error {
			n.Go(task) // tasks may start tasks while the nursery is open
			return nil
		})
		return nil
	})
}

func blankIsNotAHandOff(ctx context.Context) {
	n := nursery.New(ctx) // want `not closed on every path`
	_ = n
}
