// Package ctxvalues holds helpers that put values on a context, for the
// ctxdetach tests: one that only adds values, one that also cancels.
package ctxvalues

import "context"

type recordKey struct{}

// WithRecording returns ctx with recording switched on: values only.
func WithRecording(ctx context.Context) context.Context {
	return context.WithValue(ctx, recordKey{}, true)
}

// WithTenant adds a tenant through WithRecording and a local.
func WithTenant(ctx context.Context, tenant string) context.Context {
	out := WithRecording(ctx)
	if tenant == "" {
		return out
	}
	return context.WithValue(out, recordKey{}, tenant)
}

// WithStop returns a context that Stop cancels: not values only.
func WithStop(ctx context.Context) context.Context {
	ctx, cancel := context.WithCancel(ctx)
	stops = append(stops, cancel)
	return ctx
}

var stops []context.CancelFunc

// Stop cancels every context WithStop made.
func Stop() {
	for _, cancel := range stops {
		cancel()
	}
}
