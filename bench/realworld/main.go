// Realworld measures twine's analyzer on code nobody here wrote: pinned
// versions of real modules with heavy concurrency, fetched through the Go
// module proxy, and the standard library.
//
//	cd bench && go run ./realworld [-modules m@v,...|std|./dir] [-runs N] [-o FILE] [-reports DIR]
//
// For each module it runs, over ./... (test files included, as go vet does
// by default):
//
//   - plain go vet, for reference;
//   - a no-op vet tool (unitchecker with an analyzer that does nothing):
//     the floor every vet tool pays to load and type-check the code;
//   - go vet's suite as a vet tool (golang.org/x/tools/go/analysis/suite/vet);
//   - twinevet: the same suite plus the twine pass.
//
// The suite and twinevet differ only by the twine pass, so their difference
// is twine's cost. Each tool is rebuilt with a fresh -ldflags -X stamp
// before every timed run, so go vet's result cache, keyed on the tool's
// content, serves nothing; plain go vet gets a fresh -printf.funcs name
// instead, which is part of its cache key and matches no function. The
// build cache is warmed first (go build and go vet, untimed), so the runs
// time analysis, not compilation. Tools run interleaved, in a rotating
// order, and the table gives the median of the runs.
//
// Time is wall time and CPU time (user+sys) of the go command including
// every process it waited for; memory is the peak resident set of the
// largest single process among them (the ru_maxrss that wait4 returns for
// the go command covers its reaped descendants). With -sample the tree is
// also polled from /proc to check that figure and to find the peak of all
// its processes together.
//
// Any panic, internal error or failed run is a failure: it is listed after
// the table and the program exits with status 1. The table goes to standard
// output and, with -o, to a file with the date, Go version and machine.
// -reports writes each module's twine diagnostics, one per line, sorted.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
)

// defaultModules are the pinned modules of the table in RESULTS.md, from
// small to large, then the standard library.
var defaultModules = []string{
	"github.com/hashicorp/yamux@v0.1.2",
	"github.com/hashicorp/memberlist@v0.7.0",
	"github.com/segmentio/kafka-go@v0.4.51",
	"google.golang.org/grpc@v1.85.0",
	"github.com/nats-io/nats-server/v2@v2.15.2",
	"std",
}

func main() {
	var cfg config
	modules := flag.String("modules", strings.Join(defaultModules, ","),
		"comma-separated `list` of module@version, a local module directory (./dir or /dir), or std")
	flag.IntVar(&cfg.runs, "runs", 3, "timed runs of each tool per module")
	flag.StringVar(&cfg.out, "o", "", "also write the results, with date, Go version and machine, to `file`")
	flag.StringVar(&cfg.reportsDir, "reports", "", "write each module's twine diagnostics to `dir`/MODULE.txt")
	flag.StringVar(&cfg.work, "work", "", "keep the module copies and tools in `dir` (default: a temporary directory, removed at the end)")
	flag.BoolVar(&cfg.sample, "sample", false, "also poll /proc for the peak memory of the whole process tree")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: go run ./realworld [flags]\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "realworld: unexpected arguments %q\n", flag.Args())
		os.Exit(2)
	}
	if cfg.runs < 1 {
		fmt.Fprintln(os.Stderr, "realworld: -runs must be at least 1")
		os.Exit(2)
	}
	for _, m := range strings.Split(*modules, ",") {
		if m = strings.TrimSpace(m); m != "" {
			cfg.modules = append(cfg.modules, m)
		}
	}
	if len(cfg.modules) == 0 {
		fmt.Fprintln(os.Stderr, "realworld: -modules is empty")
		os.Exit(2)
	}
	cfg.args = os.Args[1:]
	cfg.log = os.Stderr
	res, err := run(cfg)
	if res != nil {
		fmt.Print(res.markdown(false))
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "realworld: %v\n", err)
		os.Exit(1)
	}
	if len(res.failures()) > 0 {
		os.Exit(1)
	}
}
