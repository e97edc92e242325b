package main

import (
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"
)

// markdown renders the results: the summary table, the reports by rule,
// the raw runs, and the failures. With header, it starts with the date,
// Go version, machine and command, for the results file.
func (r *results) markdown(header bool) string {
	var b strings.Builder
	if header {
		fmt.Fprintf(&b, "# twine on real code: measured results\n\n")
		fmt.Fprintf(&b, "- date: %s\n", time.Now().UTC().Format("2006-01-02 15:04 MST"))
		fmt.Fprintf(&b, "- go: %s %s/%s\n", r.goVersion, runtime.GOOS, runtime.GOARCH)
		fmt.Fprintf(&b, "- machine: %s\n", machine())
		fmt.Fprintf(&b, "- command: `cd bench && go run ./realworld %s`\n", strings.Join(r.cfg.args, " "))
		fmt.Fprintf(&b, "- runs: %d per tool and module, interleaved; medians shown\n\n", r.cfg.runs)
	}
	b.WriteString("| module | pkgs | go vet | no-op floor | vet suite | suite+twine | twine overhead (CPU / wall) | twine reports |\n")
	b.WriteString("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n")
	for _, m := range r.modules {
		plain, noop, suite, twine := m.stat(toolPlain), m.stat(toolNoop), m.stat(toolSuite), m.stat(toolTwine)
		over := "n/a"
		if suite.ok && twine.ok {
			over = fmt.Sprintf("%+.1f%% / %+.1f%%", pct(twine.cpu, suite.cpu), pct(twine.wall, suite.wall))
		}
		fmt.Fprintf(&b, "| %s | %d | %s | %s | %s | %s | %s | %s |\n",
			m.name, m.packages, plain.short(), noop.short(), suite.long(), twine.long(), over, m.reportSummary())
	}
	b.WriteString("\nEach cell: median wall time, median CPU time (user+sys of the go command and its children), " +
		"and for the suites the median over the runs of the peak resident set of the largest process. " +
		"Overhead: (suite+twine − suite) / suite.\n")
	if header {
		b.WriteString("\n## Every run\n\n")
		b.WriteString("Wall seconds / CPU seconds / peak MiB of each run, in run order")
		if r.cfg.sample {
			b.WriteString("; polled from /proc: [largest process, whole tree] MiB")
		}
		b.WriteString(". Spread: (max − min) / median of the wall times.\n\n")
		b.WriteString("| module | tool | runs | wall spread |\n| --- | --- | --- | ---: |\n")
		for _, m := range r.modules {
			for _, t := range toolNames {
				ss := m.samples[t]
				if len(ss) == 0 {
					continue
				}
				var cells []string
				for _, s := range ss {
					c := fmt.Sprintf("%.2f/%.2f/%.0f", s.wall.Seconds(), s.cpu.Seconds(), mib(s.maxRSS))
					if r.cfg.sample {
						c += fmt.Sprintf(" [%.0f, %.0f]", mib(s.polledMax), mib(s.polledSum))
					}
					cells = append(cells, c)
				}
				fmt.Fprintf(&b, "| %s | %s | %s | %.0f%% |\n", m.name, t, strings.Join(cells, ", "), spread(ss))
			}
		}
	}
	if fails := r.failures(); len(fails) > 0 {
		b.WriteString("\n## Failures\n\n")
		for _, f := range fails {
			fmt.Fprintf(&b, "- %s\n", strings.ReplaceAll(strings.TrimSpace(f), "\n", "\n  "))
		}
	} else {
		b.WriteString("\nNo panics, internal errors or failed runs.\n")
	}
	return b.String()
}

// A stat is the summary of one tool's runs on one module.
type stat struct {
	ok        bool
	wall, cpu time.Duration
	rss       int64
}

func (m *moduleResult) stat(tool string) stat {
	ss := m.samples[tool]
	if len(ss) == 0 {
		return stat{}
	}
	var walls, cpus []time.Duration
	var rss []int64
	for _, s := range ss {
		walls = append(walls, s.wall)
		cpus = append(cpus, s.cpu)
		rss = append(rss, s.maxRSS)
	}
	return stat{ok: true, wall: median(walls), cpu: median(cpus), rss: median(rss)}
}

func (s stat) short() string {
	if !s.ok {
		return "n/a"
	}
	return fmt.Sprintf("%.1fs (cpu %.1fs)", s.wall.Seconds(), s.cpu.Seconds())
}

func (s stat) long() string {
	if !s.ok {
		return "n/a"
	}
	return fmt.Sprintf("%.1fs (cpu %.1fs), %.0f MiB", s.wall.Seconds(), s.cpu.Seconds(), mib(s.rss))
}

func pct(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return 100 * (a.Seconds() - b.Seconds()) / b.Seconds()
}

func spread(ss []sample) float64 {
	var walls []time.Duration
	for _, s := range ss {
		walls = append(walls, s.wall)
	}
	med := median(walls)
	if med == 0 {
		return 0
	}
	return 100 * (slices.Max(walls) - slices.Min(walls)).Seconds() / med.Seconds()
}

// reportSummary is "12: barego 9, ctxdetach 3".
func (m *moduleResult) reportSummary() string {
	if len(m.samples[toolTwine]) == 0 {
		return "n/a"
	}
	n := byRule(m.twine)
	if len(n) == 0 {
		return "0"
	}
	var rules []string
	for r := range n {
		rules = append(rules, r)
	}
	slices.Sort(rules)
	var parts []string
	for _, r := range rules {
		parts = append(parts, fmt.Sprintf("%s %d", r, n[r]))
	}
	return fmt.Sprintf("%d: %s", len(m.twine), strings.Join(parts, ", "))
}

// machine describes the CPU, its cores and the memory.
func machine() string {
	model := "unknown CPU"
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for line := range strings.Lines(string(data)) {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	mem := ""
	if data, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int64
		if _, err := fmt.Sscanf(string(data), "MemTotal: %d kB", &kb); err == nil {
			mem = fmt.Sprintf(", %.0f GiB", float64(kb)/(1<<20))
		}
	}
	return fmt.Sprintf("%s, %d cores%s", model, runtime.NumCPU(), mem)
}
