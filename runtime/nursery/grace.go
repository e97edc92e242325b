package nursery

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// Overdue is what a nursery was still waiting for when its grace ran out,
// taken just before the hard cancel: the nursery, the tasks still running in
// it with the place where each group of them is blocked, and the nurseries
// nested in it. Config.OnOverdue receives it; Main writes it to stderr.
type Overdue struct {
	At    time.Time     // when it was taken
	Grace time.Duration // the grace that ran out; 0 when Main's second signal cut it short
	Cause error         // the cause of the soft stop
	// Nursery is the nursery that was shut down and everything still in it,
	// as Nursery.Snapshot gives it: each nursery's SoftStop and each task
	// group's Started give the time since the soft stop and the age.
	Nursery NurseryInfo
}

// WriteTo writes o as text, as Main does on stderr: a line that says what
// ran out, then one line per group of tasks still running, headed by the path
// of nursery names that leads to it from the one shut down (a nested nursery
// without a name shows as #ID; the one shut down, if unnamed, not at all):
//
//	grace of 5s ran out; still running:
//	  app: 1 × main.accept, stopping, age 1h0m0s, 5s since the soft stop, at app/main.go:20
//	  app/conns: 3 × main.handle, stopping, age 1m0s, 5s since the soft stop, at main.read (app/main.go:42) ← main.handle (app/main.go:30)
//
// A group whose tasks' start was not recorded (see TaskInfo.Started) shows
// its nursery's age as a bound: "age ≤ 1m0s".
func (o Overdue) WriteTo(w io.Writer) (int64, error) {
	var b strings.Builder
	if o.Grace > 0 {
		fmt.Fprintf(&b, "grace of %v ran out; still running:\n", o.Grace)
	} else {
		b.WriteString("still running at the hard cancel:\n")
	}
	if !o.writeTasks(&b, o.Nursery, "") {
		b.WriteString("  no task\n")
	}
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}

// writeTasks writes the lines of info's tasks and of the nurseries nested in
// it, and reports whether it wrote any.
func (o Overdue) writeTasks(b *strings.Builder, info NurseryInfo, parent string) bool {
	var path string
	switch {
	case parent != "":
		path = parent + "/" + pathElem(info)
	case info.ID != o.Nursery.ID || info.Name != "":
		path = pathElem(info)
	}
	wrote := false
	for _, t := range info.Tasks {
		wrote = true
		b.WriteString("  ")
		if path != "" {
			b.WriteString(path + ": ")
		}
		fmt.Fprintf(b, "%d × %s, %s, ", t.Count, t.Name, t.State)
		if t.Started.IsZero() {
			fmt.Fprintf(b, "age ≤ %v", age(o.At, info.Started))
		} else {
			fmt.Fprintf(b, "age %v", age(o.At, t.Started))
		}
		if !info.SoftStop.IsZero() {
			fmt.Fprintf(b, ", %v since the soft stop", age(o.At, info.SoftStop))
		}
		fmt.Fprintf(b, ", at %s\n", t.Where())
	}
	for _, c := range info.Children {
		wrote = o.writeTasks(b, c, path) || wrote
	}
	return wrote
}

// pathElem is a nursery's name in a path, or #ID if it has none.
func pathElem(info NurseryInfo) string {
	if info.Name != "" {
		return info.Name
	}
	return "#" + strconv.FormatUint(info.ID, 10)
}

// Where says where the tasks are as the text forms (WriteTree, Overdue's
// WriteTo, the tasktree page) show it: At, then its Callers, joined by " ← ";
// At without its function when that is the task's own: "app/main.go:42 ←
// main.serve (app/main.go:30)".
func (t TaskInfo) Where() string {
	at := t.At
	if pos, ok := strings.CutPrefix(at, t.Name+" ("); ok {
		at = strings.TrimSuffix(pos, ")")
	}
	return strings.Join(append([]string{at}, t.Callers...), " ← ")
}

// graceRanOut runs when the grace that shutdown armed runs out: it hands
// what is still running to Config.OnOverdue, then cancels hard.
func (n *Nursery) graceRanOut(grace time.Duration, cause error) {
	if n.flags.Load()&flagCancelled == 0 {
		n.reportOverdue(grace)
	}
	n.hardCancel(&graceError{grace: grace, cause: cause})
}

// reportOverdue hands what is still running in n to its Config.OnOverdue,
// if it has one and n has not finished.
func (n *Nursery) reportOverdue(grace time.Duration) {
	h := n.cfg.OnOverdue
	if h == nil || n.flags.Load()&flagFinished != 0 {
		return
	}
	h(Overdue{At: time.Now(), Grace: grace, Cause: n.stopCauseOr(nil), Nursery: n.Snapshot()})
}

// rootConfig is the Config of Main's root nursery: the user's, with an
// OnOverdue that writes the report to stderr before calling the user's.
func (m *mainConfig) rootConfig() Config {
	c := m.cfg
	user := c.OnOverdue
	c.OnOverdue = func(o Overdue) {
		var b strings.Builder
		o.WriteTo(&b)
		prefix := progName() + ": "
		m.stderr.Write([]byte(prefix + strings.ReplaceAll(strings.TrimSuffix(b.String(), "\n"), "\n", "\n"+prefix) + "\n"))
		if user != nil {
			user(o)
		}
	}
	return c
}
