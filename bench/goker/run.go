package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/twine-go/twine/bench/internal/atomicfile"
	"github.com/twine-go/twine/bench/internal/vetjson"
)

// config is what one invocation runs and where it writes.
type config struct {
	gobench  string   // the GoBench checkout
	labels   string   // the labels file
	projects []string // the projects to run; nil: every project of the labels
	tools    []string // the columns to fill, some of toolNames
	count    int      // runs of each kernel's tests for the goroutineleak profile
	budget   time.Duration
	out      string   // the Markdown file, or ""
	work     string   // directory for the module and binaries, or "" for a temporary one
	args     []string // the command line, for the Markdown file
	log      io.Writer
}

// The tools, in the order of the table's columns.
const (
	toolTwine   = "twine"
	toolProfile = "goroutineleak"
	toolVet     = "go vet"
)

var toolNames = []string{toolTwine, toolProfile, toolVet}

// results is the outcome of a whole invocation.
type results struct {
	cfg       config
	labels    *labels
	goVersion string
	commit    string // twine's commit, with +dirty when the work tree has changes
	gobenchAt string // the checkout's commit, when it is a git work tree
	scores    []*toolScore
	reports   map[string][]report // by tool
	fails     []string
}

// run copies the labelled kernels into one module, runs the tools of cfg
// over it and scores them. It returns an error for what stops the whole
// run (bad labels, a missing kernel, a tool that does not build); a tool
// or a kernel that fails is recorded in the results and the run goes on.
func run(cfg config) (*results, error) {
	l, err := readLabels(cfg.labels)
	if err != nil {
		return nil, err
	}
	if cfg.projects != nil {
		if err := l.only(cfg.projects); err != nil {
			return nil, err
		}
	}
	gobench, err := filepath.Abs(cfg.gobench)
	if err != nil {
		return nil, err
	}
	for _, k := range l.Kernels {
		if fi, err := os.Stat(filepath.Join(gobench, filepath.FromSlash(k.Dir), k.File)); err != nil || !fi.Mode().IsRegular() {
			return nil, fmt.Errorf("kernel %s: no file %s/%s in the GoBench checkout %s", k.ID, k.Dir, k.File, gobench)
		}
	}
	work := cfg.work
	if work == "" {
		dir, err := os.MkdirTemp("", "goker")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
		work = dir
	}
	if work, err = filepath.Abs(work); err != nil {
		return nil, err
	}
	res := &results{cfg: cfg, labels: l, reports: make(map[string][]report)}
	if res.goVersion, err = output("", nil, "go", "env", "GOVERSION"); err != nil {
		return nil, err
	}
	repo, err := twineRepo()
	if err != nil {
		return nil, err
	}
	res.commit = commitOf(repo)
	res.gobenchAt = commitOf(gobench)
	mod := filepath.Join(work, "module")
	if err := makeModule(mod, gobench, l); err != nil {
		return nil, err
	}
	for _, tool := range cfg.tools {
		fmt.Fprintf(cfg.log, "%s: running over %d kernels\n", tool, len(l.Kernels))
		var reports []report
		var fails []string
		switch tool {
		case toolTwine:
			exe := filepath.Join(work, "twinevet")
			if _, err := output(repo, nil, "go", "build", "-o", exe, "./cmd/twinevet"); err != nil {
				return res, fmt.Errorf("building twinevet: %v", err)
			}
			reports, fails = vetReports(l, mod, exe, "-twine", "-json", "./...") // twine alone, not go vet's suite
		case toolVet:
			reports, fails = vetReports(l, mod, "go", "vet", "-json", "./...")
		case toolProfile:
			// A module of its own: the TestMain files it adds must not
			// reach the static tools.
			reports, fails = profileReports(cfg, l, gobench, filepath.Join(work, "profile"))
		}
		res.reports[tool] = reports
		res.scores = append(res.scores, score(l, tool, reports))
		for _, f := range fails {
			res.fails = append(res.fails, tool+": "+f)
		}
	}
	if cfg.out != "" {
		if err := atomicfile.WriteFile(cfg.out, []byte(res.markdown(true))); err != nil {
			return res, err
		}
	}
	return res, nil
}

// goVersionLine is the go directive of the module the kernels are copied
// into: the last language version whose loops share one variable across
// iterations, as in the Go the kernels were written for (GoBench's own
// go.mod says go 1.13).
const goVersionLine = "1.21"

// makeModule creates a module in dir and copies into it the directory of
// every kernel of l, at its path in the checkout: one package each.
// Nothing else of the checkout is read. The copies are writable, whatever
// the checkout's modes (os.CopyFS).
func makeModule(dir, gobench string, l *labels) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module goker\n\ngo "+goVersionLine+"\n"), 0o666); err != nil {
		return err
	}
	for _, k := range l.Kernels {
		dst := filepath.Join(dir, filepath.FromSlash(k.Dir))
		if err := os.MkdirAll(filepath.Dir(dst), 0o777); err != nil {
			return err
		}
		if err := os.CopyFS(dst, os.DirFS(filepath.Join(gobench, filepath.FromSlash(k.Dir)))); err != nil {
			return fmt.Errorf("kernel %s: copying %s: %v", k.ID, k.Dir, err)
		}
	}
	return nil
}

// vetReports runs a driver that prints go vet's JSON (twinevet alone, or
// go vet) in the module mod and places its diagnostics in the kernels. Exit
// status 3 is twinevet's "found something"; any other non-zero status, and
// any standard error line other than a "# package" header, is a failure.
func vetReports(l *labels, mod, name string, args ...string) ([]report, []string) {
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = mod, append(os.Environ(), goEnv...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	var fails []string
	if err := cmd.Run(); err != nil && (cmd.ProcessState == nil || cmd.ProcessState.ExitCode() != 3) {
		fails = append(fails, fmt.Sprintf("%s %s: %v", name, strings.Join(args, " "), err))
	}
	for line := range strings.Lines(stderr.String()) {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "# ") {
			fails = append(fails, line)
		}
	}
	byAnalyzer, errs := vetjson.Decode(stdout.Bytes())
	fails = append(fails, errs...)
	var reports []report
	for analyzer, ds := range byAnalyzer {
		for _, d := range ds {
			r, err := place(l, mod, analyzer, d)
			if err != nil {
				fails = append(fails, err.Error())
				continue
			}
			reports = append(reports, r)
		}
	}
	return dedup(reports), fails
}

// place turns a diagnostic with an absolute position in mod into a report
// of the kernel whose directory holds it.
func place(l *labels, mod, analyzer string, d vetjson.Diagnostic) (report, error) {
	file, line, col, ok := d.Position()
	if !ok {
		return report{}, fmt.Errorf("%s: a report with no position: %s", analyzer, d.Message)
	}
	rule := d.Category
	if rule == "" {
		rule = analyzer
	}
	r := report{Rule: rule, Line: line, Col: col, Message: d.Message}
	r.File, r.Kernel = locate(l, mod, file)
	if r.Kernel == "" {
		return report{}, fmt.Errorf("%s: a report outside every kernel: %s: %s", analyzer, d.Posn, d.Message)
	}
	return r, nil
}

// locate returns the checkout-relative path of file, a path in mod, and
// the kernel whose directory holds it ("" for none).
func locate(l *labels, mod, file string) (rel, kernel string) {
	rel, err := filepath.Rel(mod, file)
	if err != nil || !filepath.IsLocal(rel) {
		return file, ""
	}
	rel = filepath.ToSlash(rel)
	for _, k := range l.Kernels {
		if strings.HasPrefix(rel, k.Dir+"/") {
			return rel, k.ID
		}
	}
	return rel, ""
}

// dedup removes repeated reports: a file is analyzed in its package and
// again in the package's test variant.
func dedup(rs []report) []report {
	slices.SortFunc(rs, func(a, b report) int {
		return strings.Compare(fmt.Sprint(a), fmt.Sprint(b))
	})
	return slices.Compact(rs)
}

// goEnv is added to the environment of every go command run on the module:
// no workspace of the caller's, and the toolchain that runs this program.
var goEnv = []string{"GOWORK=off", "GOTOOLCHAIN=local"}

// twineRepo returns the directory of the twine module that the bench
// module replaces with its checkout.
func twineRepo() (string, error) {
	bench, err := output("", nil, "go", "list", "-m", "-f", "{{.Dir}}")
	if err != nil || filepath.Base(bench) != "bench" {
		return "", fmt.Errorf("run it from the bench module: cd bench && go run ./goker")
	}
	return output(bench, nil, "go", "list", "-m", "-f", "{{.Dir}}", "github.com/twine-go/twine")
}

// commitOf returns the git commit checked out in dir, with "+dirty" when
// its work tree has changes, or "" when dir is not in a git work tree.
func commitOf(dir string) string {
	head, err := output(dir, nil, "git", "rev-parse", "HEAD")
	if err != nil {
		return ""
	}
	if status, err := output(dir, nil, "git", "status", "--porcelain", "--untracked-files=no"); err != nil || status != "" {
		head += "+dirty"
	}
	return head
}

// output runs a command in dir with env added to the environment and
// returns its standard output, trimmed; a failure carries its standard
// error.
func output(dir string, env []string, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.Bytes())
	}
	return strings.TrimSpace(string(out)), nil
}
