package flagsoff

import (
	"context"
	"os/exec"
)

func work() {}

func bare(ctx context.Context) {
	go work()                     // barego is off
	_ = exec.Command("x").Start() // want `can never be waited for`
	work()
	_ = context.TODO() // ctxdetach is off
}
