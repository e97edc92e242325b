package main

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// markdown renders the results: totals by tool, one row per kernel, and
// the failures. With header it starts with the date, Go version, commits
// and command, and lists every report after the tables, for the results
// file.
func (r *results) markdown(header bool) string {
	var b strings.Builder
	if header {
		b.WriteString("# GoKer: twine, Go's goroutineleak profile and go vet\n\n")
		fmt.Fprintf(&b, "- date: %s\n", time.Now().UTC().Format("2006-01-02 15:04 MST"))
		fmt.Fprintf(&b, "- go: %s %s/%s\n", r.goVersion, runtime.GOOS, runtime.GOARCH)
		fmt.Fprintf(&b, "- twine: %s\n", orUnknown(r.commit))
		fmt.Fprintf(&b, "- GoBench checkout: %s\n", orUnknown(r.gobenchAt))
		fmt.Fprintf(&b, "- labels: %s (%s)\n", r.cfg.labels, r.labels.Source)
		fmt.Fprintf(&b, "- command: `cd bench && go run ./goker %s`\n", strings.Join(r.cfg.args, " "))
		if r.ran(toolProfile) {
			fmt.Fprintf(&b, "- goroutineleak: each kernel's test run %d times in one process, profile taken after the runs or after %v\n", r.cfg.count, r.cfg.budget)
		}
		b.WriteString("\n")
	}
	b.WriteString("| tool | detected | false reports | also true | unsure | unlabelled |\n")
	b.WriteString("| --- | ---: | ---: | ---: | ---: | ---: |\n")
	for _, s := range r.scores {
		fmt.Fprintf(&b, "| %s | %d / %d | %d | %d | %d | %d |\n", s.tool, s.detected, s.leakingKernels,
			s.lines[mustNotLine], s.lines[alsoTrueLine], s.lines[unsureLine], s.lines[unlabelled])
	}
	b.WriteString("\nDetected: kernels with a report at one of their leaking go statements, of the kernels " +
		"where a spawned goroutine leaks. The other columns count distinct reported lines: false reports " +
		"are at go statements whose goroutine is joined (must_not), also true at go statements that are " +
		"not joined but not the bug (also_true); unlabelled lines are not go statements the labels judge.\n\n")

	b.WriteString("| kernel | bug type | leaking go |")
	for _, s := range r.scores {
		b.WriteString(" " + s.tool + " |")
	}
	b.WriteString("\n| --- | --- | --- |" + strings.Repeat(" --- |", len(r.scores)) + "\n")
	for _, k := range r.labels.Kernels {
		fmt.Fprintf(&b, "| %s | %s | %s |", k.ID, k.BugType, leakingCell(k))
		for _, s := range r.scores {
			b.WriteString(" " + s.cell(k) + " |")
		}
		b.WriteString("\n")
	}
	b.WriteString("\nEach tool's cell: **yes** when it reports at a leaking go statement, no when not, – when only " +
		"the test goroutine blocks; then the lines it reports: a plain number is a leaking go statement, " +
		"`!` marks a false report (must_not), `°` a goroutine that is not joined but not the bug (also_true), " +
		"`~` an unsure line, `?` a line the labels do not judge. For the profile, `main` is the test " +
		"goroutine itself and `std` a goroutine the standard library started. In the leaking go column, " +
		"`+main` says the test goroutine blocks too.\n")
	if header {
		for _, s := range r.scores {
			fmt.Fprintf(&b, "\n## Every %s report\n\n", s.tool)
			r.writeReports(&b, s)
		}
	}
	if len(r.fails) > 0 {
		b.WriteString("\n## Failures\n\n")
		for _, f := range r.fails {
			fmt.Fprintf(&b, "- %s\n", strings.ReplaceAll(strings.TrimSpace(f), "\n", "\n  "))
		}
	} else {
		b.WriteString("\nNo tool or kernel failed.\n")
	}
	return b.String()
}

// ran reports whether the column of tool was filled.
func (r *results) ran(tool string) bool {
	for _, s := range r.scores {
		if s.tool == tool {
			return true
		}
	}
	return false
}

// writeReports lists the reports of s, kernel by kernel, each with the
// labels' judgment; repeated reports (leaked goroutines of one go
// statement) are counted.
func (r *results) writeReports(b *strings.Builder, s *toolScore) {
	n := 0
	for _, k := range r.labels.Kernels {
		ks := s.kernels[k.ID]
		for i := 0; i < len(ks.reports); {
			rep := ks.reports[i]
			same := 1
			for i+same < len(ks.reports) && ks.reports[i+same] == rep {
				same++
			}
			i += same
			n++
			pos := rep.File
			if rep.Line > 0 {
				pos += ":" + strconv.Itoa(rep.Line)
				if rep.Col > 0 {
					pos += ":" + strconv.Itoa(rep.Col)
				}
			}
			times := ""
			if same > 1 {
				times = fmt.Sprintf(" (×%d)", same)
			}
			fmt.Fprintf(b, "- %s: [%s] %s%s — %s\n", pos, rep.Rule, rep.Message, times, judgmentName(r.labels.judge(k, rep.File, rep.Line), rep))
		}
	}
	if n == 0 {
		b.WriteString("None.\n")
	}
}

func judgmentName(j judgment, r report) string {
	switch {
	case r.Rule == testGoroutineRule:
		return "the test goroutine"
	case r.Line <= 0:
		return "not a go statement of the kernel"
	}
	return [...]string{"unlabelled", "leaking", "FALSE (must_not)", "also true", "unsure"}[j]
}

// leakingCell is the kernel's leaking go statements, "main" when only the
// test goroutine blocks, and "+main" when it blocks too.
func leakingCell(k *kernel) string {
	if k.Leaking.MainOnly {
		return "main"
	}
	var parts []string
	for _, l := range k.Leaking.Lines {
		parts = append(parts, strconv.Itoa(l))
	}
	if k.TestBlock {
		parts = append(parts, "+main")
	}
	return strings.Join(parts, " ")
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown (not a git work tree)"
	}
	return s
}
