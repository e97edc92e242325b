package nursery

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"maps"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unsafe"
)

// The pprof labels every task goroutine carries.
const (
	labelNursery   = "nursery"    // Config.Name
	labelNurseryID = "nursery_id" // unique per nursery in the process
	labelTask      = "task"       // the task's function
	labelStart     = "start"      // a Start task, to tell it apart in the tree
	labelStarted   = "started"    // when a task began, in Unix nanoseconds, where recorded
)

func (n *Nursery) labelSet() pprof.LabelSet {
	return pprof.Labels(labelNursery, n.cfg.Name, labelNurseryID, strconv.FormatUint(n.id, 10))
}

// taskLabel is the label set of the tasks that run one function.
type taskLabel struct {
	pc   uintptr
	ctx  context.Context
	ptr  unsafe.Pointer // labelsOf(ctx): what run hands the runtime
	name string         // the function, as in the label "task"
}

// labelFor returns the pprof labels of tasks whose function starts at pc
// (see funcPC). run writes its fast path out (one atomic load and a compare);
// the set is built once per function per nursery.
func (n *Nursery) labelFor(pc uintptr) *taskLabel {
	if l := n.lastLabel.Load(); l != nil && l.pc == pc {
		return l
	}
	return n.newLabel(pc)
}

//go:noinline
func (n *Nursery) newLabel(pc uintptr) *taskLabel {
	n.mu.Lock()
	defer n.mu.Unlock()
	l := n.taskLabels[pc]
	if l == nil {
		if n.taskLabels == nil {
			n.taskLabels = make(map[uintptr]*taskLabel)
		}
		name := funcName(pc)
		// n's labels and the task's, as one set on n's parent context: set
		// on n.labels, pprof would merge one label into two with a slice
		// that grows twice, three allocations more.
		id, _ := pprof.Label(n.labels, labelNurseryID)
		ctx := pprof.WithLabels(n.parentCtx, pprof.Labels(labelNursery, n.cfg.Name, labelNurseryID, id, labelTask, name))
		l = &taskLabel{pc: pc, ctx: ctx, ptr: labelsOf(ctx), name: name}
		n.taskLabels[pc] = l
	}
	n.lastLabel.Store(l)
	return l
}

// funcPC returns the entry PC of a func value: a func value points to a
// funcval whose first word is the code pointer (what reflect.Value.Pointer
// returns for a func, without the interface conversion).
func funcPC[F any](f F) uintptr {
	return **(**uintptr)(unsafe.Pointer(&f))
}

func funcName(pc uintptr) string {
	if f := runtime.FuncForPC(pc); f != nil {
		return f.Name()
	}
	return "?"
}

// registry holds the nurseries that are not nested in another live nursery.
// Only New and finish touch it, never Go.
var registry struct {
	mu    sync.Mutex
	roots map[*Nursery]struct{}
}

func register(n *Nursery) {
	if p := n.parent; p != nil {
		p.mu.Lock()
		if p.flags.Load()&flagCancelled != 0 {
			n.flags.Or(flagCancelled) // p's cancel reached n's context, or is on its way (markCancelled)
		}
		if p.flags.Load()&flagFinished == 0 {
			if p.children == nil {
				p.children = make(map[*Nursery]struct{})
			}
			p.children[n] = struct{}{}
			p.mu.Unlock()
			return
		}
		p.mu.Unlock()
	}
	addRoot(n)
}

func addRoot(n *Nursery) {
	registry.mu.Lock()
	if registry.roots == nil {
		registry.roots = make(map[*Nursery]struct{})
	}
	registry.roots[n] = struct{}{}
	registry.mu.Unlock()
}

// unregister removes a finished nursery from the tree. Nurseries nested in
// it that are still alive (they escaped their scope) become roots, so that
// they stay visible.
func unregister(n *Nursery) {
	n.mu.Lock()
	orphans := n.children
	n.children = nil
	n.mu.Unlock()
	if p := n.parent; p != nil {
		p.mu.Lock()
		delete(p.children, n)
		p.mu.Unlock()
	}
	registry.mu.Lock()
	delete(registry.roots, n)
	registry.mu.Unlock()
	for c := range orphans {
		addRoot(c)
	}
}

// NurseryInfo describes a live nursery in a Snapshot. Its JSON form has
// lower-case keys and leaves zero times and counts out.
type NurseryInfo struct {
	ID      uint64    `json:"id"`      // unique in the process; the pprof label "nursery_id"
	Name    string    `json:"name"`    // Config.Name
	Started time.Time `json:"started"` // when New or Run made it
	State   string    `json:"state"`   // "open", "stopping" (soft stop sent) or "cancelled" (hard cancel sent)
	// SoftStop is when the soft stop reached the nursery (Shutdown, Close,
	// Main's first signal, the soft stop of the nursery around it); zero
	// while it is open, and when a hard cancel came with no soft stop.
	SoftStop time.Time     `json:"soft_stop,omitzero"`
	Limit    int           `json:"limit,omitzero"`   // Config.Limit
	Waiting  int           `json:"waiting,omitzero"` // Go and Start calls blocked because the nursery is full
	Tasks    []TaskInfo    `json:"tasks"`
	Children []NurseryInfo `json:"children"` // nurseries made from this one's context
}

// TaskInfo describes the live tasks of a nursery that run the same function
// at the same place in the same state.
type TaskInfo struct {
	Name  string `json:"name"`  // the task's function, e.g. "main.serveConn"
	Count int    `json:"count"` // how many tasks this entry stands for
	// State is "starting" (a Start task before ready), "running", or, once
	// the nursery has sent it, "stopping" or "cancelled". "stray" marks a
	// goroutine that a task started with a bare go statement: it carries
	// the task's labels but no nursery waits for it.
	State string `json:"state"`
	// At is where the tasks are blocked (or running): the innermost frame of
	// the user's own code, as "function (dir/file.go:line)". Frames of the
	// standard library and of twine's runtime are skipped; a package whose
	// path has no dot in its first element counts as the standard library,
	// as the go command reserves such paths for it (except main, example
	// and test). A goroutine with no frame of user code shows its innermost
	// frame outside package runtime.
	At string `json:"at"`
	// Callers are the frames of user code that called At, innermost first,
	// at most two, in the same form.
	Callers []string `json:"callers,omitempty"`
	// Started is when the oldest of the tasks started: when Start was
	// called, or, in a nursery that records it (one with Config.OnOverdue,
	// and Main's), when a task started with Go began to run. Elsewhere Go
	// records nothing per task, to stay as cheap as a bare go statement,
	// and Started is zero.
	Started time.Time `json:"started,omitzero"`
}

// Snapshot returns the live tree of nurseries and their tasks, roots first,
// each level ordered by ID. Tasks are read from the goroutine profile, so a
// snapshot costs about what a goroutine profile costs; Go pays nothing for it.
func Snapshot() []NurseryInfo {
	tasks := liveTasks()
	registry.mu.Lock()
	roots := slices.Collect(maps.Keys(registry.roots))
	registry.mu.Unlock()
	return infos(roots, tasks)
}

// Snapshot returns n's entry in the tree of Snapshot: n, its tasks, and the
// nurseries nested in it.
func (n *Nursery) Snapshot() NurseryInfo {
	return n.info(liveTasks())
}

func infos(ns []*Nursery, tasks map[uint64][]profTask) []NurseryInfo {
	slices.SortFunc(ns, func(a, b *Nursery) int { return cmp.Compare(a.id, b.id) })
	out := make([]NurseryInfo, 0, len(ns))
	for _, n := range ns {
		out = append(out, n.info(tasks))
	}
	return out
}

func (n *Nursery) info(tasks map[uint64][]profTask) NurseryInfo {
	n.mu.Lock()
	info := NurseryInfo{
		ID:       n.id,
		Name:     n.cfg.Name,
		Started:  n.created,
		SoftStop: n.softStop,
		Limit:    n.cfg.Limit,
		Waiting:  n.waiting,
	}
	children := slices.Collect(maps.Keys(n.children))
	starts := make(map[string]*startTask, len(n.starting))
	for st := range n.starting {
		starts[st.id] = st
	}
	n.mu.Unlock()

	state := "running"
	switch f := n.flags.Load(); {
	case f&flagCancelled != 0:
		info.State, state = "cancelled", "cancelled"
	case f&flagStopping != 0:
		info.State, state = "stopping", "stopping"
	default:
		info.State = "open"
	}
	type place struct{ name, state, at string }
	groups := map[place]*TaskInfo{}
	for _, t := range tasks[n.id] {
		ti := TaskInfo{Name: t.name, State: state, At: t.places[0], Callers: t.places[1:], Started: t.started}
		switch {
		case t.stray:
			ti.State = "stray"
		case t.start != "":
			if st := starts[t.start]; st != nil {
				ti.Started = st.started
				if st.state.Load() == startStarting {
					ti.State = "starting"
				}
			}
		}
		key := place{ti.Name, ti.State, strings.Join(t.places, "\n")}
		g := groups[key]
		if g == nil {
			g = &ti
			groups[key] = g
		} else if !ti.Started.IsZero() && (g.Started.IsZero() || ti.Started.Before(g.Started)) {
			g.Started = ti.Started
		}
		g.Count += t.count
	}
	for _, g := range groups {
		info.Tasks = append(info.Tasks, *g)
	}
	slices.SortFunc(info.Tasks, func(a, b TaskInfo) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.State, b.State),
			cmp.Compare(a.At, b.At), slices.Compare(a.Callers, b.Callers))
	})
	info.Children = infos(children, tasks)
	return info
}

// WriteTree writes the live tree of nurseries and tasks as indented text: for
// each nursery its name, ID, state, age and the time since its soft stop; for
// each group of tasks their count, function, state, age where it is recorded
// (see TaskInfo.Started), and place (see TaskInfo.Where).
func WriteTree(w io.Writer) error {
	bw := bufio.NewWriter(w)
	now := time.Now()
	var write func(infos []NurseryInfo, indent string)
	write = func(infos []NurseryInfo, indent string) {
		for _, n := range infos {
			name := n.Name
			if name == "" {
				name = "nursery"
			}
			fmt.Fprintf(bw, "%s%s #%d: %s, age %v", indent, name, n.ID, n.State, age(now, n.Started))
			if !n.SoftStop.IsZero() {
				fmt.Fprintf(bw, ", %v since the soft stop", age(now, n.SoftStop))
			}
			if n.Limit > 0 {
				fmt.Fprintf(bw, ", limit %d", n.Limit)
			}
			if n.Waiting > 0 {
				fmt.Fprintf(bw, ", %d waiting for a slot", n.Waiting)
			}
			bw.WriteString("\n")
			for _, t := range n.Tasks {
				fmt.Fprintf(bw, "%s  %d × %s: %s", indent, t.Count, t.Name, t.State)
				if !t.Started.IsZero() {
					fmt.Fprintf(bw, ", age %v", age(now, t.Started))
				}
				fmt.Fprintf(bw, ", at %s\n", t.Where())
			}
			write(n.Children, indent+"  ")
		}
	}
	write(Snapshot(), "")
	return bw.Flush()
}

func age(now, t time.Time) time.Duration {
	d := now.Sub(t)
	switch {
	case d >= time.Second:
		return d.Round(time.Second)
	case d >= time.Millisecond:
		return d.Round(time.Millisecond)
	}
	return d
}

// profTask is one record of the goroutine profile that carries a nursery's
// labels.
type profTask struct {
	count   int
	name    string   // the task function (or the goroutine's entry, if stray)
	places  []string // At, then Callers; never empty
	start   string   // labelStart, for Start tasks
	started time.Time
	stray   bool
}

// liveTasks reads the goroutine profile and returns the goroutines that
// carry a nursery's labels, by nursery ID.
func liveTasks() map[uint64][]profTask {
	var buf bytes.Buffer
	if err := pprof.Lookup("goroutine").WriteTo(&buf, 1); err != nil {
		return nil
	}
	return parseProfile(buf.String())
}

// parseProfile parses the text form (debug=1) of the goroutine profile:
//
//	3 @ 0x43a4b6 0x4086f8 ...
//	# labels: {"nursery":"server", "nursery_id":"1", "task":"main.serve"}
//	#	0x4bc1e5	main.serve+0x45	/src/main.go:33
//	...
//	(blank line)
func parseProfile(text string) map[uint64][]profTask {
	out := map[uint64][]profTask{}
	if first, rest, ok := strings.Cut(text, "\n"); ok && strings.Contains(first, " profile: total ") {
		text = rest
	}
	for rec := range strings.SplitSeq(text, "\n\n") {
		lines := strings.Split(strings.TrimSpace(rec), "\n")
		if len(lines) < 2 {
			continue
		}
		head, _, ok := strings.Cut(lines[0], " @ ")
		count, err := strconv.Atoi(head)
		if !ok || err != nil {
			continue
		}
		labels, ok := strings.CutPrefix(lines[1], "# labels: ")
		if !ok {
			continue
		}
		lm := parseLabels(labels)
		id, err := strconv.ParseUint(lm[labelNurseryID], 10, 64)
		if err != nil {
			continue
		}
		var frames []profFrame
		for _, l := range lines[2:] {
			if f, ok := parseFrame(l); ok {
				frames = append(frames, f)
			}
		}
		t := profTask{count: count, start: lm[labelStart]}
		if ns, err := strconv.ParseInt(lm[labelStarted], 10, 64); err == nil {
			t.started = time.Unix(0, ns)
		}
		t.name, t.places, t.stray = describe(frames, lm[labelTask])
		out[id] = append(out[id], t)
	}
	return out
}

type profFrame struct{ fn, pos string }

// place is how a frame shows in the tree: "main.serve (app/main.go:33)".
func (f profFrame) place() string { return f.fn + " (" + shortPos(f.pos) + ")" }

// parseFrame parses "#\t0x4bc1e5\tmain.serve+0x45\t/src/main.go:33".
func parseFrame(line string) (profFrame, bool) {
	fields := strings.Fields(line)
	if len(fields) < 4 || fields[0] != "#" {
		return profFrame{}, false
	}
	fn := fields[2]
	if i := strings.LastIndex(fn, "+0x"); i > 0 {
		fn = fn[:i]
	}
	return profFrame{fn: fn, pos: strings.Join(fields[3:], " ")}, true
}

// parseLabels parses {"k":"v", "k2":"v2"} as pprof prints a label set.
func parseLabels(s string) map[string]string {
	m := map[string]string{}
	s = strings.TrimSuffix(strings.TrimPrefix(s, "{"), "}")
	for s != "" {
		k, err := strconv.QuotedPrefix(s)
		if err != nil {
			break
		}
		s = strings.TrimPrefix(s[len(k):], ":")
		v, err := strconv.QuotedPrefix(s)
		if err != nil {
			break
		}
		s = strings.TrimPrefix(s[len(v):], ", ")
		uk, _ := strconv.Unquote(k)
		uv, _ := strconv.Unquote(v)
		m[uk] = uv
	}
	return m
}

const pkgPath = "github.com/twine-go/twine/runtime/nursery."

// twineRuntime prefixes the packages of twine's runtime, whose frames are
// not the user's code (their tests are).
const twineRuntime = "github.com/twine-go/twine/runtime/"

// maxPlaces is how many frames of user code a task's place shows: At and
// its callers.
const maxPlaces = 3

// describe finds, in a goroutine's frames (innermost first), the task
// function, where it is (see TaskInfo.At and Callers), and whether the
// goroutine is a stray one.
func describe(frames []profFrame, label string) (name string, places []string, stray bool) {
	name, stray = label, true
	for i, f := range frames {
		if f.fn == pkgPath+"(*Nursery).run" || f.fn == pkgPath+"(*Nursery).runStart" {
			stray = false
			if i > 0 {
				name = frames[i-1].fn
			}
			frames = frames[:i]
			break
		}
	}
	if stray && len(frames) > 0 {
		name = frames[len(frames)-1].fn
	}
	for _, f := range frames {
		if userFrame(f) {
			if places = append(places, f.place()); len(places) == maxPlaces {
				break
			}
		}
	}
	if len(places) > 0 {
		return name, places, stray
	}
	for _, f := range frames {
		if !strings.HasPrefix(f.fn, "runtime.") {
			return name, []string{f.place()}, stray
		}
	}
	if len(frames) > 0 {
		return name, []string{frames[0].place()}, stray
	}
	return name, []string{"?"}, stray
}

// userFrame reports whether f is the user's own code: neither the standard
// library nor twine's runtime (whose tests are user code).
func userFrame(f profFrame) bool {
	pkg := funcPackage(f.fn)
	if strings.HasPrefix(pkg, twineRuntime) {
		file := f.pos
		if i := strings.LastIndexByte(file, ':'); i >= 0 {
			file = file[:i]
		}
		return strings.HasSuffix(file, "_test.go")
	}
	first, _, _ := strings.Cut(pkg, "/")
	return strings.Contains(first, ".") || first == "main" || first == "example" || first == "test"
}

// funcPackage returns the package path of a function name as the runtime
// prints it: "net/http.(*conn).serve" is in "net/http".
func funcPackage(fn string) string {
	slash := strings.LastIndexByte(fn, '/') + 1
	if dot := strings.IndexByte(fn[slash:], '.'); dot >= 0 {
		return fn[:slash+dot]
	}
	return fn
}

// shortPos keeps the last two elements of a file path: "pkg/file.go:12".
func shortPos(pos string) string {
	if i := strings.LastIndexByte(pos, '/'); i > 0 {
		if j := strings.LastIndexByte(pos[:i], '/'); j >= 0 {
			return pos[j+1:]
		}
	}
	return pos
}
