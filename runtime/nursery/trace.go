package nursery

import (
	"context"
	"runtime/pprof"
	"runtime/trace"
	"strconv"
	"sync"
	"time"
)

// Execution traces (runtime/trace, go tool trace) show the structure beside
// the scheduler's view: a nursery made while a trace is being recorded is a
// trace task of type "nursery NAME" (a child of the task of the context it
// was made from, so a nursery nested in a task is a subtask of that task),
// and each of its tasks that starts while recording is a trace task, with a
// region around its run, both named after the task's function. A task's ctx
// then carries its trace task, so the user's own regions and logs in it
// belong to it. When no trace is being recorded, a task pays one atomic load
// for all of this.

// traceNursery starts n's trace task under ctx if a trace is being recorded,
// and returns the context to build n's on.
func (n *Nursery) traceNursery(ctx context.Context) context.Context {
	if !trace.IsEnabled() {
		return ctx
	}
	name := "nursery"
	if n.cfg.Name != "" {
		name += " " + n.cfg.Name
	}
	ctx, n.trace = trace.NewTask(ctx, name)
	trace.Log(ctx, labelNurseryID, strconv.FormatUint(n.id, 10))
	return ctx
}

// endTrace ends n's trace task, if it has one.
func (n *Nursery) endTrace() {
	if n.trace != nil {
		n.trace.End()
	}
}

// begin does what a task needs beyond the hot path before it runs: in a
// nursery that records its tasks' ages (one with Config.OnOverdue), a label
// set of its own with the time it began, which n knows as its task's
// (inTask) until the task has returned; while a trace is being recorded, its
// trace task. It returns the context to run the task with and what to call
// when the task has returned.
func (n *Nursery) begin(l *taskLabel) (context.Context, func()) {
	if n.cfg.OnOverdue == nil {
		return n.traceTask(l.name)
	}
	started := strconv.FormatInt(time.Now().UnixNano(), 10)
	pprof.SetGoroutineLabels(pprof.WithLabels(l.ctx, pprof.Labels(labelStarted, started)))
	own, labels := getProfLabel(), n.ownLabelSets()
	labels.Store(own, struct{}{})
	ctx, end := n.traceTask(l.name)
	return ctx, func() {
		labels.Delete(own)
		end()
	}
}

// ownLabelSets returns the set of the label sets of n's running tasks that
// have their own (begin), made on first use.
func (n *Nursery) ownLabelSets() *sync.Map {
	if m := n.ownLabels.Load(); m != nil {
		return m
	}
	n.ownLabels.CompareAndSwap(nil, new(sync.Map))
	return n.ownLabels.Load()
}

// traceTask starts the trace task and region of a task of n that runs the
// function name, if a trace is being recorded. It returns the context to run
// the task with and what ends them.
func (n *Nursery) traceTask(name string) (context.Context, func()) {
	if !trace.IsEnabled() {
		return n.ctx, func() {}
	}
	ctx, task := trace.NewTask(n.ctx, name)
	region := trace.StartRegion(ctx, name)
	return ctx, func() {
		region.End()
		task.End()
	}
}

// traceStart is traceTask for a Start task, whose pprof labels are labels.
func (n *Nursery) traceStart(labels context.Context) (context.Context, func()) {
	name, _ := pprof.Label(labels, labelTask)
	return n.traceTask(name)
}
