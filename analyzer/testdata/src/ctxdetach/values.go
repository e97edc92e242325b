package ctxdetach

import (
	"context"

	"example.com/ctxvalues"
)

// Not reported: recordCtx only carries values on a root, through another
// package's helpers; nothing cancels it.
func setupRecording() {
	recordCtx := ctxvalues.WithRecording(context.Background())
	_ = query(recordCtx)
	tenantCtx := ctxvalues.WithTenant(context.Background(), "t")
	_ = query(tenantCtx)
	_ = query(context.Background())
}

// Reported: stopCtx is cancelled by ctxvalues.Stop.
func setupStoppable() {
	stopCtx := ctxvalues.WithStop(context.Background())
	_ = query(stopCtx)
	_ = query(context.Background()) // want `call to context.Background\(\) detaches this work from stopCtx`
}

// A function literal at package level: nothing around it to detach from,
// and nothing to crash on.
var packageHook = func(ctx context.Context) error {
	defer func() { _ = query(context.Background()) }()
	return query(context.Background()) // want `call to context.Background\(\) detaches this work from ctx`
}
