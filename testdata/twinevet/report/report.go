// Package report is what the twinevet tests check: one report per rule
// that a module without dependencies can show, and a printf mistake that
// only go vet's own suite reports.
package report

import (
	"context"
	"fmt"
	"os/exec"
)

func work() {}

// Spawn starts a goroutine nobody waits for.
func Spawn() {
	/* ¿por qué? */ go work()
}

// Lookup ignores the context it is given.
func Lookup(ctx context.Context, key string) error {
	return query(context.Background(), key)
}

func query(ctx context.Context, key string) error { return ctx.Err() }

// Launch never waits for the process it starts.
func Launch() error {
	cmd := exec.Command("true")
	return cmd.Start()
}

// Describe has a printf mistake.
func Describe(n int) string {
	return fmt.Sprintf("%s items", n)
}
