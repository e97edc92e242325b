package main

import (
	"context"
	"os"
	"os/signal"
)

func run(ctx context.Context) error { return nil }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	_ = run(ctx)
	_ = run(context.Background()) // main is where root contexts come from
	go func() {                   // want `goroutine .*is never joined`
		_ = run(context.Background()) // want `detaches this work from ctx`
	}()
}
