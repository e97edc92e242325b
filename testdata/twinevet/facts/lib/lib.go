// Package lib exports what the twine pass records as facts: a function
// that starts a goroutine nobody joins, and a constructor of a value that
// owns a nursery.
package lib

import (
	"context"

	"github.com/twine-go/twine/runtime/nursery"
)

func poll() {}

// StartPoller returns while its goroutine runs on.
func StartPoller() {
	go poll()
}

// Conn owns a nursery: its caller must Close it.
type Conn struct{ n *nursery.Nursery }

// Dial returns a Conn the caller must Close.
func Dial(ctx context.Context) *Conn { return &Conn{n: nursery.New(ctx)} }

// Close closes the connection's nursery.
func (c *Conn) Close() error { return c.n.Close() }
