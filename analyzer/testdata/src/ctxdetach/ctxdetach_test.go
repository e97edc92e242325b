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
