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
