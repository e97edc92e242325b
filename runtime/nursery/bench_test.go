package nursery

import (
	"context"
	"testing"
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
