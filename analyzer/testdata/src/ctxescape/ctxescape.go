package ctxescape

import (
	"context"
	"sync"
	"time"

	"github.com/twine-go/twine/runtime/nursery"
)

type worker struct {
	ctx  context.Context
	ctxs []context.Context
	run  func()
}

var global context.Context

func use(ctx context.Context) {}

// ---- reported ----

func storeField(ctx context.Context, w *worker) error {
	return nursery.Run(ctx, func(n *nursery.Nursery) error {
		n.Go(func(ctx context.Context) error {
			w.ctx = ctx // want `the task's context ctx is stored in w.ctx, so it can outlive its nursery, which cancels it when it ends: pass the context down calls only`
			return nil
		})
		return nil
	})
}

func storeGlobal(ctx context.Context) error {
	return nursery.Run(ctx, func(n *nursery.Nursery) error {
		global = n.Context() // want `the nursery context n.Context\(\) is stored in the package variable global`
		return nil
	})
}

func storeOuter(ctx context.Context) context.Context {
	var saved context.Context
	_ = nursery.Run(ctx, func(n *nursery.Nursery) error {
		n.Go(func(tctx context.Context) error {
			saved = tctx // want `the task's context tctx is stored in saved, declared outside it`
			return nil
		})
		return nil
	})
	return saved
}

func derived(ctx context.Context, w *worker) error {
	return nursery.Run(ctx, func(n *nursery.Nursery) error {
		n.Go(func(ctx context.Context) error {
			tctx, cancel := context.WithTimeout(ctx, time.Second)
			defer cancel()
			w.ctxs = append(w.ctxs, tctx) // want `the task's context ctx is stored in w.ctxs`
			return nil
		})
		return nil
	})
}

func sent(ctx context.Context, out chan<- context.Context) error {
	return nursery.Run(ctx, func(n *nursery.Nursery) error {
		n.Go(func(ctx context.Context) error {
			out <- ctx // want `the task's context ctx is sent on the channel out`
			return nil
		})
		return nil
	})
}

func inStruct(ctx context.Context, reg map[string]*worker) error {
	return nursery.Run(ctx, func(n *nursery.Nursery) error {
		n.Go(func(ctx context.Context) error {
			w := &worker{ctx: ctx}
			reg["w"] = w // want `the task's context ctx is stored in reg\["w"\]`
			return nil
		})
		return nil
	})
}

func closure(ctx context.Context, w *worker) error {
	return nursery.Run(ctx, func(n *nursery.Nursery) error {
		n.Go(func(ctx context.Context) error {
			w.run = func() { use(ctx) } // want `the task's context ctx is stored in w.run`
			return nil
		})
		return nil
	})
}

func bareGoroutine(ctx context.Context) error {
	return nursery.Run(ctx, func(n *nursery.Nursery) error {
		n.Go(func(ctx context.Context) error {
			go func() { // want `goroutine .*is never joined`
				use(ctx) // want `the task's context ctx is used by a goroutine that is not joined.*start the goroutine with n.Go`
			}()
			return nil
		})
		return nil
	})
}

func bareGoroutineArg(ctx context.Context) error {
	return nursery.Run(ctx, func(n *nursery.Nursery) error {
		go use(n.Context()) // want `goroutine .*is never joined` `the nursery context n.Context\(\) is used by a goroutine that is not joined`
		return nil
	})
}

func startTask(ctx context.Context, w *worker) error {
	return nursery.Run(ctx, func(n *nursery.Nursery) error {
		return n.Start(func(ctx context.Context, ready func()) error {
			w.ctx = ctx // want `the task's context ctx is stored in w.ctx`
			ready()
			return nil
		})
	})
}

type service struct{ ctx context.Context }

func (s *service) run(ctx context.Context) error {
	s.ctx = ctx // want `the task's context ctx is stored in s.ctx`
	return nil
}

func namedTask(ctx context.Context, s *service) error {
	return nursery.Run(ctx, func(n *nursery.Nursery) error {
		n.Go(s.run)
		n.Go(s.run)
		return nil
	})
}

func closedHere(ctx context.Context) context.Context {
	n := nursery.New(ctx)
	defer n.Close()
	return n.Context() // want `the nursery context n.Context\(\) is returned`
}

func ownedElsewhere(ctx context.Context) (*nursery.Nursery, context.Context) { // want ownedElsewhere:`scope`
	n := nursery.New(ctx)
	return n, n.Context() // the caller owns n, and its context
}

//twine:bundle grace=1s
func serveConn(ctx context.Context, w *worker) error {
	w.ctx = ctx // want `the task's context ctx is stored in w.ctx`
	return nil
}

// ---- not reported ----

func passDown(ctx context.Context) error {
	return nursery.Run(ctx, func(n *nursery.Nursery) error {
		n.Go(func(ctx context.Context) error {
			use(ctx)
			tctx, cancel := context.WithCancel(ctx)
			defer cancel()
			use(tctx)
			local := worker{ctx: tctx}
			use(local.ctx)
			return ctx.Err()
		})
		use(n.Context())
		return nil
	})
}

func joinedGoroutine(ctx context.Context) error {
	return nursery.Run(ctx, func(n *nursery.Nursery) error {
		n.Go(func(ctx context.Context) error {
			var wg sync.WaitGroup
			wg.Add(1)
			go func() {
				defer wg.Done()
				use(ctx)
			}()
			wg.Wait()
			return nil
		})
		return nil
	})
}

func insideBlock(ctx context.Context) error {
	return nursery.Run(ctx, func(n *nursery.Nursery) error {
		var last context.Context
		n.Go(func(tctx context.Context) error {
			use(tctx)
			return nil
		})
		last = n.Context() // a variable of the Run body itself
		use(last)
		return nil
	})
}

func ownedAccessor(w *worker, n *nursery.Nursery) {
	w.ctx = n.Context() // n is not a Run nursery: its owner decides
}

func detached(ctx context.Context, w *worker) error {
	return nursery.Run(ctx, func(n *nursery.Nursery) error {
		n.Go(func(ctx context.Context) error {
			w.ctx = context.WithoutCancel(ctx) // want `call to context.WithoutCancel detaches`
			return nil
		})
		return nil
	})
}
