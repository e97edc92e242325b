package nursery

import (
	"context"
	"runtime"
	"runtime/pprof"
	"slices"
	"unsafe"
)

// Which goroutine calls: a task of the nursery it calls (Wait from a task,
// Go under a full Limit from tasks holding every slot, both of which would
// wait for themselves) or the body of a Run nursery (whose Wait and Close
// are the body's). None of it is on the path of Go: only the calls that ask
// pay for the answer.
//
// Task goroutines carry their nursery's pprof labels, which run sets. The
// runtime keeps a goroutine's labels as one pointer, which runtime/pprof
// reads and writes through two functions that the runtime keeps for this use
// by other packages too (go.dev/issue/67401); nursery reaches them by
// linkname, and only compares the pointer, never reads through it. run sets
// the pointer itself, one that pprof made from the task's label context
// (labelsOf, once per function and nursery): SetGoroutineLabels would look
// it up in the context again for every task. A goroutine that a task starts inherits the task's labels but not its stack,
// so the stack says whether the goroutine is the task itself.

//go:linkname getProfLabel runtime/pprof.runtime_getProfLabel
func getProfLabel() unsafe.Pointer

//go:linkname setProfLabel runtime/pprof.runtime_setProfLabel
func setProfLabel(labels unsafe.Pointer)

// labelsOf returns the pointer the runtime holds for a goroutine labelled
// with ctx's labels. It sets them on the calling goroutine for a moment.
func labelsOf(ctx context.Context) unsafe.Pointer {
	old := getProfLabel()
	pprof.SetGoroutineLabels(ctx)
	p := getProfLabel()
	setProfLabel(old)
	return p
}

// inTask reports whether the calling goroutine is one of n's tasks, started
// by Go or Start. A task that has replaced its labels (pprof.Do,
// SetGoroutineLabels) is not recognised.
func (n *Nursery) inTask() bool {
	p := getProfLabel()
	if p == nil || !n.hasTaskLabels(p) {
		return false
	}
	return callerRuns(pkgPath+"(*Nursery).run", pkgPath+"(*Nursery).runStart")
}

// hasTaskLabels reports whether p is the labels of one of n's tasks.
func (n *Nursery) hasTaskLabels(p unsafe.Pointer) bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, l := range n.taskLabels {
		if l.ptr == p {
			return true
		}
	}
	if m := n.ownLabels.Load(); m != nil {
		if _, ok := m.Load(p); ok {
			return true
		}
	}
	for st := range n.starting {
		if st.ptr == nil {
			st.ptr = labelsOf(st.labels)
		}
		if st.ptr == p {
			return true
		}
	}
	return false
}

// inBody reports whether the calling goroutine runs the body of a Run
// nursery (n's, in practice: a goroutine other than n's body would have to
// run the body of another Run nursery and call n's Wait from it).
func inBody() bool {
	return callerRuns(pkgPath + "(*Nursery).runBody")
}

// callerRuns reports whether a function named in names is on the calling
// goroutine's stack.
func callerRuns(names ...string) bool {
	pcs := make([]uintptr, 64)
	for {
		k := runtime.Callers(2, pcs)
		if k < len(pcs) {
			pcs = pcs[:k]
			break
		}
		pcs = make([]uintptr, 2*len(pcs))
	}
	frames := runtime.CallersFrames(pcs)
	for {
		f, more := frames.Next()
		if slices.Contains(names, f.Function) {
			return true
		}
		if !more {
			return false
		}
	}
}
