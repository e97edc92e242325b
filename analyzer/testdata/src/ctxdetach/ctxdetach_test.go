package ctxdetach

import (
	"context"
	"testing"
	"testing/synctest"
)

func TestTopLevel(t *testing.T) {
	ctx := t.Context()
	_ = query(ctx)
	_ = query(context.Background())
	t.Run("sub", func(t *testing.T) {
		_ = query(context.Background())
	})
	synctest.Test(t, func(t *testing.T) {
		_ = query(context.Background())
	})
	helper := func() {
		_ = query(context.Background()) // want `detaches this work from ctx`
	}
	helper()
}

func BenchmarkTopLevel(b *testing.B) {
	ctx := b.Context()
	_ = query(ctx)
	_ = query(context.Background())
}

func testHelper(ctx context.Context) {
	_ = query(context.Background()) // want `detaches this work from ctx`
}

// A cleanup runs once the test has returned: the test's t.Context(), and
// a context whose cancel the test defers, are done by then, and the
// cleanup needs a context of its own. A context the test never cancels is
// still live there.

func TestCleanupAfterCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	t.Cleanup(func() { _ = query(context.WithoutCancel(ctx)) })
	t.Cleanup(func() { _ = query(context.Background()) })
	_ = query(ctx)
}

func TestCleanupAfterTestContext(t *testing.T) {
	ctx := t.Context()
	t.Cleanup(func() { _ = query(context.Background()) })
	_ = query(ctx)
}

func TestCleanupLiveContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(func() { _ = query(context.Background()) }) // want `detaches this work from ctx`
	_ = query(ctx)
	cancel()
}

// A test's helper that is given t and no context makes its contexts from
// nothing, as the test itself does: a second root beside the first
// detaches nothing.
func startSiblings(t *testing.T) {
	procCtx, procCancel := context.WithCancel(context.Background())
	defer procCancel()
	_ = query(procCtx)
	allocCtx, allocCancel := withAllocator(context.Background())
	defer allocCancel()
	_ = query(allocCtx)
}

func withAllocator(parent context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(parent)
	return context.WithValue(ctx, allocatorKey{}, "ws://x"), cancel
}

type allocatorKey struct{}

func TestSiblings(t *testing.T) { startSiblings(t) }

// Given a context as well, it works under the caller's.
func startWithContext(t *testing.T, ctx context.Context) {
	_ = query(ctx)
	_ = query(context.Background()) // want `detaches this work from ctx`
}

// A test's lock, made from a root by the code under test: the work given
// a root is what is meant to end it, and the test has no caller.
type testLocker struct{ cancel context.CancelFunc }

func (l *testLocker) lock(parent context.Context) (context.Context, context.CancelFunc, error) {
	ctx, cancel := context.WithCancel(parent)
	l.cancel = cancel
	return ctx, cancel, nil
}

func (l *testLocker) steal(ctx context.Context) error {
	l.cancel()
	return ctx.Err()
}

func TestLockStolen(t *testing.T) {
	check := func(t *testing.T) {
		l := &testLocker{}
		ctx, cancel, err := l.lock(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		defer cancel()
		go func() {
			_ = l.steal(context.Background())
		}()
		<-ctx.Done()
	}
	t.Run("stolen", check)
}

// A helper given the test's context works under it.
func stealWith(ctx context.Context, l *testLocker) error {
	lctx, cancel, err := l.lock(ctx)
	if err != nil {
		return err
	}
	defer cancel()
	_ = lctx
	return l.steal(context.Background()) // want `detaches this work from`
}
