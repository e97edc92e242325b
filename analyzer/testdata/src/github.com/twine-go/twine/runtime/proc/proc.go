// Package proc is a stub of twine's runtime for the analyzer's tests.
package proc

import (
	"context"
	"os/exec"

	"github.com/twine-go/twine/runtime/nursery"
)

type Option interface{ option() }

type Process struct{ cmd *exec.Cmd }

func (p *Process) Wait() error { return nil }

func Start(n *nursery.Nursery, cmd *exec.Cmd, opts ...Option) (*Process, error) {
	if err := cmd.Start(); err != nil { // the runtime's own: never reported
		return nil, err
	}
	return &Process{cmd}, nil
}

func Run(ctx context.Context, cmd *exec.Cmd, opts ...Option) error { return nil }
