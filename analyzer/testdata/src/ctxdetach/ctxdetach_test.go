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
