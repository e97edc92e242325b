//go:build go1.22

package barefix

import (
	"context"

	"github.com/twine-go/twine/runtime/nursery"
)

func handle(c *request)             {}
func process(i int, s string) error { return nil }
func split(xs ...int)               {}
func next() int                     { return 0 }
func generic[T any](x T)            {}
func pair(a, b int)                 {}
func compare(ok bool)               {}
func named(ok flag)                 {}

type flag bool

type request struct{ id int }

type server struct{ conns []*request }

func (s *server) serveOne(c *request) {}

func serve(ctx context.Context, conns []*request) error {
	return nursery.Run(ctx, func(n *nursery.Nursery) error {
		for _, c := range conns {
			go handle(c) // want `goroutine .*is never joined, so it can outlive the Run body: start it with n.Go so the nursery waits for it`
		}
		for i := 0; i < 3; i++ {
			go process(i, "x") // want `start it with n.Go`
		}
		for i := 0; i < 3; i++ {
			go pair(i, i) // want `start it with n.Go`
		}
		go process(next(), "y") // want `start it with n.Go`
		go handle(conns[1])     // want `start it with n.Go`
		go split(1, 2, next())  // want `start it with n.Go`
		go generic[int](3)      // want `start it with n.Go`
		go func() {             // want `start it with n.Go`
			if len(conns) == 0 {
				return
			}
			handle(conns[0])
		}()
		go func(c *request, id int) { // want `start it with n.Go`
			handle(c)
			_ = id
		}(conns[0], next())
		return nil
	})
}

func methods(ctx context.Context, s *server, other *server) error {
	return nursery.Run(ctx, func(n *nursery.Nursery) error {
		go s.serveOne(s.conns[0]) // want `start it with n.Go`
		other = s
		go other.serveOne(nil) // want `start it with n.Go`
		return nil
	})
}

func inTask(ctx context.Context, c *request) error {
	return nursery.Run(ctx, func(outer *nursery.Nursery) error {
		outer.Go(func(ctx context.Context) error {
			go handle(c) // want `can outlive the task: start it with outer.Go`
			return nil
		})
		return nil
	})
}

func owned(ctx context.Context, c *request) {
	n := nursery.New(ctx)
	defer n.Close()
	go handle(c) // want `start it with n.Go`
}

func forever(n *nursery.Nursery) {
	go func() { // want `start it with n.Go`
		for {
			handle(nil)
		}
	}()
}

func unusedParam(n *nursery.Nursery) {
	go func(x int, _ string) { // want `start it with n.Go`
		handle(nil)
	}(next(), "s")
}

func untyped(n *nursery.Nursery, a, b int) {
	go compare(a == b) // want `start it with n.Go`
	go named(a == b)   // want `start it with n.Go`
}

func noFixResults(n *nursery.Nursery) {
	go func() int { return 1 }() // want `start it with n.Go`
}

func noNurseryHere(ctx context.Context) {
	go handle(nil) // want `goroutine .*is never joined.*run it in a nursery`
}
