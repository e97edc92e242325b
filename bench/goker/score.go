package main

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// A report is one finding of a tool, placed in a kernel.
type report struct {
	Kernel  string // the kernel's id
	Rule    string // twine's rule, go vet's analyzer, or goroutineleak
	File    string // slash-separated, relative to the checkout
	Line    int    // 0: no line of the kernel (see testGoroutineRule)
	Col     int
	Message string
}

// testGoroutineRule marks the goroutineleak profile's report of the test
// goroutine itself, which no go statement of the kernel created.
const testGoroutineRule = "goroutineleak:test"

// A judgment is what the labels say of a reported line.
type judgment int

const (
	unlabelled judgment = iota // a line the labels do not name (not a go statement, or another file)
	leakingLine
	mustNotLine
	alsoTrueLine
	unsureLine
)

// mark is how a line with judgment j is marked in the tables.
func (j judgment) mark() string {
	return [...]string{"?", "", "!", "°", "~"}[j]
}

// judge returns what the labels say of line in file of kernel k.
func (l *labels) judge(k *kernel, file string, line int) judgment {
	if line <= 0 || file != k.Dir+"/"+k.File {
		return unlabelled
	}
	if slices.Contains(k.Leaking.Lines, line) {
		return leakingLine
	}
	for _, set := range []struct {
		j     judgment
		lines []lineLabel
	}{{mustNotLine, l.MustNot}, {alsoTrueLine, l.AlsoTrue}, {unsureLine, l.Unsure}} {
		for _, ll := range set.lines {
			if ll.Kernel == k.ID && ll.Line == line {
				return set.j
			}
		}
	}
	return unlabelled
}

// A kernelScore is one tool's result on one kernel.
type kernelScore struct {
	reports  []report // sorted by line, then column and message
	detected bool     // a report at a leaking_go line
	tokens   []string // the reported lines, once each, marked with their judgment
}

// A toolScore is one tool's result on every kernel, and its totals.
type toolScore struct {
	tool    string
	kernels map[string]*kernelScore // by kernel id; every kernel has one

	leakingKernels, detected int // kernels with a leaking go line; of those, detected
	// Distinct reported lines by judgment: false reports (must_not),
	// correct but not required (also_true), unsure and unlabelled.
	lines map[judgment]int
}

// score judges reports, the findings of tool over the kernels of l.
func score(l *labels, tool string, reports []report) *toolScore {
	s := &toolScore{tool: tool, kernels: make(map[string]*kernelScore), lines: make(map[judgment]int)}
	for _, k := range l.Kernels {
		s.kernels[k.ID] = &kernelScore{}
	}
	for _, r := range reports {
		if ks := s.kernels[r.Kernel]; ks != nil {
			ks.reports = append(ks.reports, r)
		}
	}
	for _, k := range l.Kernels {
		ks := s.kernels[k.ID]
		slices.SortFunc(ks.reports, func(a, b report) int {
			// Lines of the kernel first, then the goroutines no go
			// statement of the kernel started.
			return cmp.Or(cmp.Compare(outside(a), outside(b)), cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col),
				cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Message, b.Message))
		})
		seen := make(map[string]bool)
		for _, r := range ks.reports {
			j := l.judge(k, r.File, r.Line)
			tok := lineToken(k, r, j)
			if seen[tok] {
				continue
			}
			seen[tok] = true
			ks.tokens = append(ks.tokens, tok)
			ks.detected = ks.detected || j == leakingLine
			if r.Line > 0 {
				s.lines[j]++
			}
		}
		if len(k.Leaking.Lines) > 0 {
			s.leakingKernels++
			if ks.detected {
				s.detected++
			}
		}
	}
	return s
}

// outside is 1 for a report at no line of the kernel, 0 otherwise.
func outside(r report) int {
	if r.Line <= 0 {
		return 1
	}
	return 0
}

// lineToken names a reported line in a table cell: the line number with its
// judgment's mark, prefixed by the file when it is not the kernel's test
// file; "main" for the test goroutine; "std" for a goroutine the standard
// library started.
func lineToken(k *kernel, r report, j judgment) string {
	switch {
	case r.Rule == testGoroutineRule:
		return "main"
	case r.Line <= 0:
		return "std"
	case r.File != k.Dir+"/"+k.File:
		return strings.TrimPrefix(r.File, k.Dir+"/") + ":" + strconv.Itoa(r.Line) + j.mark()
	}
	return strconv.Itoa(r.Line) + j.mark()
}

// cell is the table cell of kernel k: whether it was detected, and the
// reported lines.
func (s *toolScore) cell(k *kernel) string {
	ks := s.kernels[k.ID]
	verdict := "no"
	switch {
	case len(k.Leaking.Lines) == 0:
		verdict = "–"
	case ks.detected:
		verdict = "**yes**"
	}
	if len(ks.tokens) == 0 {
		return verdict
	}
	return verdict + " " + strings.Join(ks.tokens, " ")
}

// totals is "20/30 detected, 1 false".
func (s *toolScore) totals() string {
	return fmt.Sprintf("%d/%d detected, %d false", s.detected, s.leakingKernels, s.lines[mustNotLine])
}
