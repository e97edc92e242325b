package nursery_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/trace"
	"testing"

	"github.com/twine-go/twine/internal/leaktest"
	"github.com/twine-go/twine/runtime/nursery"
)

func tracedWorker(ctx context.Context) error {
	trace.Log(ctx, "worker", "working") // the user's own event, in the task's trace task
	return nil
}

func tracedServer(ctx context.Context, ready func()) error {
	ready()
	return nil
}

// traceEvent is one line of go tool trace -d=parsed that the test reads.
type traceEvent struct{ kind, id, parent, name string }

// parsedTrace runs go tool trace -d=parsed on a recorded trace and returns its
// task, region and log events.
func parsedTrace(t *testing.T, data []byte) []traceEvent {
	t.Helper()
	file := filepath.Join(t.TempDir(), "trace.out")
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("go", "tool", "trace", "-d=parsed", file).Output()
	if err != nil {
		t.Fatalf("go tool trace -d=parsed: %v", err)
	}
	re := regexp.MustCompile(`(?m) (TaskBegin|RegionBegin|Log) Time=\d+ (?:ID|Task)=(\d+) (?:Parent=(\d+) )?(?:Type|Category)="([^"]*)"`)
	var events []traceEvent
	for _, m := range re.FindAllStringSubmatch(string(out), -1) {
		events = append(events, traceEvent{kind: m[1], id: m[2], parent: m[3], name: m[4]})
	}
	return events
}

func TestTraceShowsNurseriesAndTasks(t *testing.T) {
	leaktest.Check(t)
	var buf bytes.Buffer
	if err := trace.Start(&buf); err != nil {
		t.Skipf("cannot record a trace: %v", err) // go test -trace records one already
	}
	err := nursery.Config{Name: "traced"}.Run(context.Background(), func(n *nursery.Nursery) error {
		n.Go(tracedWorker)
		n.Go(func(ctx context.Context) error {
			return nursery.Config{Name: "inner"}.Run(ctx, func(inner *nursery.Nursery) error {
				inner.Go(tracedWorker)
				return nil
			})
		})
		return n.Start(tracedServer)
	})
	trace.Stop()
	if err != nil {
		t.Fatal(err)
	}

	events := parsedTrace(t, buf.Bytes())
	find := func(kind, name, parent string) []traceEvent {
		var found []traceEvent
		for _, e := range events {
			if e.kind == kind && e.name == name && (parent == "" || e.parent == parent) {
				found = append(found, e)
			}
		}
		return found
	}
	const pkg = "github.com/twine-go/twine/runtime/nursery_test."
	outer := find("TaskBegin", "nursery traced", "")
	if len(outer) != 1 {
		t.Fatalf("trace has %d tasks of type %q, want one; events:\n%v", len(outer), "nursery traced", events)
	}
	id := outer[0].id
	if len(find("Log", "nursery_id", "")) < 2 {
		t.Error("the nurseries' trace tasks do not log their nursery_id")
	}
	workers := find("TaskBegin", pkg+"tracedWorker", id)
	if len(workers) != 1 || len(find("RegionBegin", pkg+"tracedWorker", "")) != 2 {
		t.Errorf("want one tracedWorker task under the nursery's task and a region in each worker; events:\n%v", events)
	}
	if len(workers) == 1 && len(find("Log", "worker", "")) != 2 {
		t.Errorf("the workers' own trace.Log events are missing; events:\n%v", events)
	}
	if len(find("TaskBegin", pkg+"tracedServer", id)) != 1 {
		t.Errorf("no tracedServer task (started with Start) under the nursery's task; events:\n%v", events)
	}
	nested := find("TaskBegin", pkg+"TestTraceShowsNurseriesAndTasks.func1.1", id)
	if len(nested) != 1 || len(find("TaskBegin", "nursery inner", nested[0].id)) != 1 {
		t.Errorf("the inner nursery is not a subtask of the task it was made in; events:\n%v", events)
	}
}
