package nursery

import (
	"context"
	"reflect"
	"sync"
)

// Stopping returns the soft-stop context of the innermost nursery ctx belongs
// to (a task's ctx, a nursery's Context, or a context derived from them). It
// is done when that nursery is shut down gracefully (Shutdown, Close, Main's
// first signal, or the soft stop of an enclosing nursery) and, at the latest,
// at its hard cancel. Its context.Cause says why.
//
// A task that holds work in progress waits on Stopping(ctx).Done() to stop
// taking new work and on ctx.Done() to abandon what it holds:
//
//	for {
//		select {
//		case <-nursery.Stopping(ctx).Done():
//			return nil // finish: nothing is in progress
//		case job := <-jobs:
//			handle(ctx, job) // ctx is cancelled only when the grace runs out
//		}
//	}
//
// The result does not include cancellations of ctx's own making (a
// WithTimeout wrapped around a task's ctx): wait on ctx.Done() for those. For
// a ctx that belongs to no nursery, Stopping returns ctx itself: without a
// nursery there is no soft stop, only the cancellation.
//
// A context detached with context.WithoutCancel (and any context derived
// from it) belongs to no nursery: it carries neither the soft stop nor the
// hard cancel, so a cleanup started during a graceful shutdown runs:
//
//	<-nursery.Stopping(ctx).Done()
//	cleanup, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
//	defer cancel()
//	return flush(cleanup) // neither the soft stop nor the hard cancel cut it short
func Stopping(ctx context.Context) context.Context {
	if n := owner(ctx); n != nil {
		return n.stopContext()
	}
	return ctx
}

// owner returns the innermost nursery that ctx was derived from without a
// detachment between them, or nil.
//
// The nursery is found as a context value, and context.WithoutCancel keeps
// values: the question is whether ctx's cancellation still follows the
// nursery's. A context whose Done is the nursery's follows it (only values
// lie between them); one whose Done is nil follows nothing. A context with
// Done of its own (a WithCancel, WithTimeout, a request's context) is
// followed back to the nursery's context to see whether a WithoutCancel lies
// between them.
func owner(ctx context.Context) *Nursery {
	n, _ := ctx.Value(nurseryKey{}).(*Nursery)
	if n == nil {
		return nil
	}
	switch done := ctx.Done(); {
	case done == n.ctx.Done():
		return n
	case done == nil || detached(ctx, n.ctx):
		return nil
	}
	return n
}

var (
	contextType       = reflect.TypeFor[context.Context]()
	withoutCancelType = reflect.TypeOf(context.WithoutCancel(context.Background()))
)

// detached reports whether a context made by context.WithoutCancel lies on
// the chain of parents from ctx to target. The standard library does not
// expose a context's parent; every context that wraps one (the standard
// library's, and custom ones that embed their parent) holds it in a field of
// type context.Context, which detached reads, without calling anything or
// changing anything. A chain that cannot be followed (a parent held some
// other way) counts as attached, which is what the value lookup says.
func detached(ctx, target context.Context) bool {
	t := reflect.ValueOf(target).Pointer()
	v := reflect.ValueOf(ctx)
	for range 10000 {
		if v.Type() == withoutCancelType {
			return true
		}
		if v.Kind() == reflect.Pointer {
			if v.IsNil() || v.Pointer() == t {
				return false
			}
			v = v.Elem()
		}
		if v.Kind() != reflect.Struct {
			return false
		}
		path := parentPath(v.Type())
		if path == nil {
			return false
		}
		p := v.FieldByIndex(path)
		if p.IsNil() {
			return false
		}
		v = p.Elem()
	}
	return false
}

// parentPaths caches parentPath: reflect.Type to []int, nil when the type
// holds no context.Context.
var parentPaths sync.Map

// parentPath returns the index path of the first field of type
// context.Context in struct type t, searching nested struct fields depth
// first (a timerCtx holds its parent in its embedded cancelCtx), or nil.
func parentPath(t reflect.Type) []int {
	if p, ok := parentPaths.Load(t); ok {
		return p.([]int)
	}
	var path []int
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Type == contextType {
			path = []int{i}
			break
		}
		if f.Type.Kind() == reflect.Struct {
			if sub := parentPath(f.Type); sub != nil {
				path = append([]int{i}, sub...)
				break
			}
		}
	}
	parentPaths.Store(t, path)
	return path
}
