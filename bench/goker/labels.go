package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path"
	"slices"
	"strings"
)

// labels are the judgments a run is scored against, in the format of
// shared/goker-dev/README.md.
type labels struct {
	Source   string      `json:"source"`
	Kernels  []*kernel   `json:"kernels"`
	MustNot  []lineLabel `json:"must_not"`
	AlsoTrue []lineLabel `json:"also_true"`
	Unsure   []lineLabel `json:"unsure"`
}

// A kernel is one GoKer kernel: a directory of GoBench holding one test.
type kernel struct {
	ID        string  `json:"id"`
	Project   string  `json:"project"`
	Dir       string  `json:"gobench_dir"` // slash-separated, relative to the checkout
	File      string  `json:"file"`        // the test file, relative to Dir
	BugType   string  `json:"bug_type"`
	Leaking   leaking `json:"leaking_go"`
	TestBlock bool    `json:"test_goroutine_blocks"`
	Why       string  `json:"why"`
	Unsure    string  `json:"unsure"`
	Note      string  `json:"note"`
}

// leaking is the leaking_go field: the lines of the go statements whose
// goroutine blocks for ever, or, spelled ["main"], only the test goroutine.
type leaking struct {
	Lines    []int
	MainOnly bool
}

func (l *leaking) UnmarshalJSON(data []byte) error {
	var items []json.RawMessage
	if err := json.Unmarshal(data, &items); err != nil {
		return err
	}
	for _, item := range items {
		var line int
		if err := json.Unmarshal(item, &line); err == nil && line > 0 {
			l.Lines = append(l.Lines, line)
			continue
		}
		var s string
		if err := json.Unmarshal(item, &s); err == nil && s == "main" {
			l.MainOnly = true
			continue
		}
		return fmt.Errorf("leaking_go holds %s: want a line number or \"main\"", item)
	}
	if l.MainOnly && len(l.Lines) > 0 || !l.MainOnly && len(l.Lines) == 0 {
		return fmt.Errorf("leaking_go is %s: want line numbers, or [\"main\"] alone", data)
	}
	slices.Sort(l.Lines)
	return nil
}

// A lineLabel judges one go statement of a kernel.
type lineLabel struct {
	Kernel string `json:"kernel"`
	File   string `json:"file"`
	Line   int    `json:"line"`
	Why    string `json:"why"`
}

// readLabels reads and checks a labels file. Every error names the file
// and the entry at fault.
func readLabels(name string) (*labels, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var l labels
	if err := json.Unmarshal(data, &l); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if err := l.check(); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return &l, nil
}

// check verifies what the scoring relies on: unique kernel ids, directories
// inside the checkout, and line labels that name a kernel's file.
func (l *labels) check() error {
	if len(l.Kernels) == 0 {
		return fmt.Errorf("no kernels")
	}
	seen := make(map[string]bool)
	for i, k := range l.Kernels {
		switch {
		case k.ID == "":
			return fmt.Errorf("kernels[%d]: no id", i)
		case seen[k.ID]:
			return fmt.Errorf("kernel %s: listed twice", k.ID)
		case k.Project == "":
			return fmt.Errorf("kernel %s: no project", k.ID)
		case !localSlashPath(k.Dir):
			return fmt.Errorf("kernel %s: gobench_dir %q is not a relative path inside the checkout", k.ID, k.Dir)
		case k.File == "" || strings.Contains(k.File, "/") || !strings.HasSuffix(k.File, ".go"):
			return fmt.Errorf("kernel %s: file %q is not a .go file of gobench_dir", k.ID, k.File)
		case !k.Leaking.MainOnly && len(k.Leaking.Lines) == 0:
			return fmt.Errorf("kernel %s: no leaking_go", k.ID)
		}
		seen[k.ID] = true
	}
	for _, set := range []struct {
		name  string
		lines []lineLabel
	}{{"must_not", l.MustNot}, {"also_true", l.AlsoTrue}, {"unsure", l.Unsure}} {
		for i, ll := range set.lines {
			k := l.kernel(ll.Kernel)
			switch {
			case k == nil:
				return fmt.Errorf("%s[%d]: unknown kernel %q", set.name, i, ll.Kernel)
			case ll.File != k.File:
				return fmt.Errorf("%s[%d]: file %q is not kernel %s's file %q", set.name, i, ll.File, k.ID, k.File)
			case ll.Line <= 0:
				return fmt.Errorf("%s[%d]: line %d", set.name, i, ll.Line)
			case slices.Contains(k.Leaking.Lines, ll.Line):
				return fmt.Errorf("%s[%d]: %s:%d is also a leaking_go line of %s", set.name, i, ll.File, ll.Line, k.ID)
			}
		}
	}
	return nil
}

// localSlashPath reports whether p is a clean, relative, slash-separated
// path that stays inside its root.
func localSlashPath(p string) bool {
	return p != "" && p != "." && path.Clean(p) == p && !path.IsAbs(p) &&
		p != ".." && !strings.HasPrefix(p, "../") && !strings.Contains(p, `\`)
}

// kernel returns the kernel with the given id, or nil.
func (l *labels) kernel(id string) *kernel {
	for _, k := range l.Kernels {
		if k.ID == id {
			return k
		}
	}
	return nil
}

// projects returns the projects of the kernels, sorted, once each.
func (l *labels) projects() []string {
	var ps []string
	for _, k := range l.Kernels {
		ps = append(ps, k.Project)
	}
	slices.Sort(ps)
	return slices.Compact(ps)
}

// only keeps the kernels of the given projects, and the line labels of
// those kernels. A project with no kernel in the labels is an error.
func (l *labels) only(projects []string) error {
	known := l.projects()
	for _, p := range projects {
		if !slices.Contains(known, p) {
			return fmt.Errorf("project %q has no kernel in the labels (they have %s)", p, strings.Join(known, ", "))
		}
	}
	keep := func(id string) bool {
		k := l.kernel(id)
		return k != nil && slices.Contains(projects, k.Project)
	}
	l.Kernels = slices.DeleteFunc(l.Kernels, func(k *kernel) bool { return !slices.Contains(projects, k.Project) })
	for _, set := range []*[]lineLabel{&l.MustNot, &l.AlsoTrue, &l.Unsure} {
		*set = slices.DeleteFunc(*set, func(ll lineLabel) bool { return !keep(ll.Kernel) })
	}
	return nil
}
