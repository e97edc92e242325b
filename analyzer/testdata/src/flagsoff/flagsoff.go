package flagsoff

import (
	"context"
	"os/exec"

	"github.com/twine-go/twine/runtime/nursery"
)

func work() {}

func bare(ctx context.Context) {
	go work()                     // barego is off
	_ = exec.Command("x").Start() // want `can never be waited for`
	work()
	_ = context.TODO() // ctxdetach is off
}

func ctxOff(ctx context.Context, w *holder) error {
	return nursery.Run(ctx, func(n *nursery.Nursery) error {
		w.n = n // want `the nursery n is stored in w.n`
		n.Go(func(ctx context.Context) error {
			w.ctx = ctx // ctxescape is off
			return nil
		})
		return nil
	})
}

type holder struct {
	n   *nursery.Nursery
	ctx context.Context
}
