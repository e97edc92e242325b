// Goker scores twine's analyzer on GoKer, the blocking-bug kernels of
// GoBench (Yuan et al., CGO 2021), beside Go's goroutineleak profile and
// go vet, against labels that say which go statement of each kernel leaks
// its goroutine:
//
//	cd bench && go run ./goker -gobench /path/to/gobench -labels goker/labels-dev.json [-o FILE]
//
// -gobench is a checkout of github.com/timmyyuan/gobench; -labels a file
// in the format of labels-dev.json (the kernels of cockroach, etcd, grpc
// and hugo). Only the directories of the labelled kernels are read, and
// only those of -projects (default: every project of the labels). They
// are copied into one temporary module, one package per kernel, and:
//
//   - twine: twinevet, built from this checkout of twine, runs alone with
//     -json over the module, test files included;
//   - goroutineleak: each kernel's tests are built with
//     GOEXPERIMENT=goroutineleakprofile and a TestMain that, after the
//     tests, writes the goroutineleak profile (or writes it when the budget
//     runs out, for a kernel whose test goroutine blocks); each leaked
//     goroutine is reported at the go statement that created it;
//   - go vet: plain go vet -json over the module.
//
// A kernel is detected when a tool reports at one of its leaking go
// statements; a report at a go statement labelled must_not is false. The
// program prints a Markdown table of totals and one row per kernel; -o
// also writes it, with the date, Go version, commits and every report, to
// a file. Failures (a tool or a kernel that did not run) are listed after
// the tables and make the exit status 1.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"
)

// toolFlags maps the names -tools takes to the tools.
var toolFlags = map[string]string{"twine": toolTwine, "goroutineleak": toolProfile, "vet": toolVet}

func main() {
	cfg, err := parseFlags(os.Args[1:], os.Stderr)
	if err == flag.ErrHelp {
		os.Exit(0)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "goker: %v\nusage: go run ./goker -gobench DIR [flags] (-help for the flags)\n", err)
		os.Exit(2)
	}
	cfg.log = os.Stderr
	res, err := run(cfg)
	if res != nil {
		fmt.Print(res.markdown(false))
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "goker: %v\n", err)
		os.Exit(1)
	}
	if len(res.fails) > 0 {
		os.Exit(1)
	}
}

// parseFlags reads the command line; -help and flag errors print the
// usage to stderr.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	cfg := config{args: args}
	fs := flag.NewFlagSet("goker", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.gobench, "gobench", "", "the GoBench checkout (`dir` holding gobench/goker/blocking)")
	fs.StringVar(&cfg.labels, "labels", "goker/labels-dev.json", "the labels `file`")
	projects := fs.String("projects", "", "comma-separated `list` of projects to run (default: every project of the labels)")
	tools := fs.String("tools", "twine,goroutineleak,vet", "comma-separated `list` of columns: twine, goroutineleak, vet")
	fs.IntVar(&cfg.count, "count", 20, "goroutineleak: runs of each kernel's test, in one process")
	fs.DurationVar(&cfg.budget, "budget", 10*time.Second, "goroutineleak: time for one kernel's runs; the profile is taken when it runs out")
	fs.StringVar(&cfg.out, "o", "", "also write the tables, with date, Go version, commits and every report, to `file`")
	fs.StringVar(&cfg.work, "work", "", "keep the module, binaries and profiles in `dir` (default: a temporary directory, removed at the end)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: go run ./goker -gobench DIR [flags]\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	switch {
	case fs.NArg() > 0:
		return cfg, fmt.Errorf("unexpected arguments %q", fs.Args())
	case cfg.gobench == "":
		return cfg, fmt.Errorf("-gobench is required")
	case cfg.count < 1:
		return cfg, fmt.Errorf("-count must be at least 1")
	case cfg.budget <= 0:
		return cfg, fmt.Errorf("-budget must be positive")
	}
	cfg.projects = splitList(*projects)
	if *projects != "" && len(cfg.projects) == 0 {
		return cfg, fmt.Errorf("-projects is empty")
	}
	for _, name := range splitList(*tools) {
		tool, ok := toolFlags[name]
		if !ok {
			return cfg, fmt.Errorf("-tools: unknown tool %q (want twine, goroutineleak or vet)", name)
		}
		if !slices.Contains(cfg.tools, tool) {
			cfg.tools = append(cfg.tools, tool)
		}
	}
	if len(cfg.tools) == 0 {
		return cfg, fmt.Errorf("-tools is empty")
	}
	// The columns keep the table's order, whatever the flag's.
	slices.SortFunc(cfg.tools, func(a, b string) int { return slices.Index(toolNames, a) - slices.Index(toolNames, b) })
	return cfg, nil
}

// splitList splits a comma-separated list, dropping empty items; "" is nil.
func splitList(s string) []string {
	var items []string
	for _, item := range strings.Split(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			items = append(items, item)
		}
	}
	return items
}
