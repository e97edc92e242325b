package benchbundle

import (
	"context"
	"testing"

	"github.com/twine-go/twine/runtime/nursery"
)

// tasks is the number of tasks each benchmark iteration spawns and joins.
const tasks = 1000

// BenchmarkNurseryGo spawns and joins tasks with nursery.Go: the baseline.
func BenchmarkNurseryGo(b *testing.B) {
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		err := nursery.Run(ctx, func(n *nursery.Nursery) error {
			for i := range tasks {
				n.Go(func(ctx context.Context) error { return noop(ctx, i) })
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*tasks), "ns/task")
}

// BenchmarkBundleGo does the same through the generated noopBundle.
func BenchmarkBundleGo(b *testing.B) {
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		err := runNoopBundle(ctx, func(nb *noopBundle) error {
			for i := range tasks {
				nb.Go(i)
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*tasks), "ns/task")
}

// BenchmarkBundleGoResults does it through doubleBundle, which also keeps
// each task's result in submission order.
func BenchmarkBundleGoResults(b *testing.B) {
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		results, err := runDoubleBundle(ctx, func(db *doubleBundle) error {
			for i := range tasks {
				db.Go(i)
			}
			return nil
		})
		if err != nil || len(results) != tasks {
			b.Fatal(err, len(results))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*tasks), "ns/task")
}

// TestBundles checks that the benchmarked bundles do the work: every task
// runs, and results come back in submission order.
func TestBundles(t *testing.T) {
	ctx := context.Background()
	if err := runNoopBundle(ctx, func(nb *noopBundle) error {
		for i := range tasks {
			nb.Go(i)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	results, err := runDoubleBundle(ctx, func(db *doubleBundle) error {
		for i := range tasks {
			db.Go(i)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range results {
		if r != 2*i {
			t.Fatalf("results[%d] = %d, want %d", i, r, 2*i)
		}
	}
	if len(results) != tasks {
		t.Fatalf("%d results, want %d", len(results), tasks)
	}
}
