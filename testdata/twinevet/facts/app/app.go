// Package app uses lib: under go vet, which checks one package at a time,
// the twine pass knows what lib's functions do only through its facts.
package app

import (
	"context"

	"example.com/facts/lib"
	"github.com/twine-go/twine/runtime/nursery"
)

// Serve calls a spawning function from a nursery task.
func Serve(ctx context.Context) error {
	return nursery.Run(ctx, func(n *nursery.Nursery) error {
		lib.StartPoller()
		return nil
	})
}

// Use forgets to close the connection.
func Use(ctx context.Context) {
	c := lib.Dial(ctx)
	_ = c
}
