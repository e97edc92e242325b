package nursery

import (
	"context"
	"testing"
	"time"
)

// BenchmarkRunEmpty is the fixed cost of a nursery: New, Wait, the tree.
func BenchmarkRunEmpty(b *testing.B) {
	ctx := context.Background()
	body := func(n *Nursery) error { return nil }
	b.ReportAllocs()
	for b.Loop() {
		Run(ctx, body)
	}
}

// BenchmarkRunOneTask adds the first task: its label set is built once per
// function and nursery.
func BenchmarkRunOneTask(b *testing.B) {
	ctx := context.Background()
	task := func(context.Context) error { return nil }
	body := func(n *Nursery) error { n.Go(task); return nil }
	b.ReportAllocs()
	for b.Loop() {
		Run(ctx, body)
	}
}

// BenchmarkStopping is the cost of finding the soft stop: at once for a
// task's ctx, by following the parents for a context with a Done of its own.
func BenchmarkStopping(b *testing.B) {
	n := New(context.Background())
	defer n.Close()
	derived, cancel := context.WithCancel(context.WithValue(n.Context(), nurseryKey{}, n))
	defer cancel()
	deeper, cancel2 := context.WithTimeout(context.WithValue(derived, labelTask, 1), time.Hour)
	defer cancel2()
	for name, ctx := range map[string]context.Context{"task": n.Context(), "WithCancel": derived, "request": deeper} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Stopping(ctx)
			}
		})
	}
}
