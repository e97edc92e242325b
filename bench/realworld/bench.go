package main

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/twine-go/twine/bench/internal/atomicfile"
	"github.com/twine-go/twine/bench/internal/vetjson"
)

// config is what one invocation measures and where it writes.
type config struct {
	modules    []string // module@version, a local module directory, or std
	runs       int      // timed runs per tool and module
	out        string   // results file, or ""
	reportsDir string   // directory for the twine diagnostics, or ""
	work       string   // directory for copies and tools, or "" for a temporary one
	sample     bool     // poll /proc for the tree's memory
	args       []string // the command line, for the results file
	log        io.Writer
}

// The tools, in the order of the table.
const (
	toolPlain = "go vet"
	toolNoop  = "no-op"
	toolSuite = "suite"
	toolTwine = "suite+twine"
)

var toolNames = []string{toolPlain, toolNoop, toolSuite, toolTwine}

// A tool is one way of running go vet; build returns the -vettool binary,
// freshly stamped, or "" for plain go vet.
type tool struct {
	name  string
	build func(stamp string) (string, error)
}

// A diag is one diagnostic of go vet's JSON output.
type diag = vetjson.Diagnostic

// A moduleResult holds everything measured on one module.
type moduleResult struct {
	name     string // module@version, std, or a directory
	dir      string // where it was vetted
	packages int
	samples  map[string][]sample // by tool
	twine    []diag              // twine's diagnostics, sorted
	fails    []string
}

// results is the outcome of a whole invocation.
type results struct {
	cfg       config
	goVersion string
	modules   []*moduleResult
}

func (r *results) failures() []string {
	var all []string
	for _, m := range r.modules {
		for _, f := range m.fails {
			all = append(all, m.name+": "+f)
		}
	}
	return all
}

// run measures every module of cfg. It returns the results gathered so far
// along with an error that stops the whole run (a tool that does not build);
// a module that fails is recorded in its result and the run goes on.
func run(cfg config) (*results, error) {
	work := cfg.work
	if work == "" {
		dir, err := os.MkdirTemp("", "realworld")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(dir)
		work = dir
	}
	work, err := filepath.Abs(work)
	if err != nil {
		return nil, err
	}
	goVersion, err := output("", nil, "go", "env", "GOVERSION")
	if err != nil {
		return nil, err
	}
	tools, err := makeTools(filepath.Join(work, "tools"))
	if err != nil {
		return nil, err
	}
	res := &results{cfg: cfg, goVersion: strings.TrimSpace(goVersion)}
	for _, spec := range cfg.modules {
		m := &moduleResult{name: spec, samples: make(map[string][]sample)}
		res.modules = append(res.modules, m)
		env, patterns, err := prepare(cfg, work, m)
		if err != nil {
			m.fails = append(m.fails, err.Error())
			continue
		}
		measure(cfg, tools, m, env, patterns)
		if cfg.reportsDir != "" {
			if err := writeReports(cfg.reportsDir, m); err != nil {
				return res, err
			}
		}
	}
	if cfg.out != "" {
		if err := atomicfile.WriteFile(cfg.out, []byte(res.markdown(true))); err != nil {
			return res, err
		}
	}
	return res, nil
}

// makeTools returns the four tools; the vet tools are built into dir. It
// must run inside the bench module, whose internal packages hold the no-op
// tool and the suite.
func makeTools(dir string) ([]tool, error) {
	const noopPkg = "github.com/twine-go/twine/bench/realworld/internal/noopvet"
	const suitePkg = "github.com/twine-go/twine/bench/realworld/internal/suitevet"
	benchDir, err := output("", nil, "go", "list", "-m", "-f", "{{.Dir}}")
	if err != nil || !strings.HasSuffix(strings.TrimSpace(benchDir), "bench") {
		return nil, fmt.Errorf("run it from the bench module: cd bench && go run ./realworld")
	}
	benchDir = strings.TrimSpace(benchDir)
	repo, err := output(benchDir, nil, "go", "list", "-m", "-f", "{{.Dir}}", "github.com/twine-go/twine")
	if err != nil {
		return nil, err
	}
	repo = strings.TrimSpace(repo)
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, err
	}
	builder := func(name, srcDir, pkg, variable string) func(string) (string, error) {
		return func(stamp string) (string, error) {
			exe := filepath.Join(dir, name)
			_, err := output(srcDir, nil, "go", "build", "-o", exe,
				"-ldflags", "-X "+variable+"="+stamp, pkg)
			return exe, err
		}
	}
	tools := []tool{
		{toolPlain, func(string) (string, error) { return "", nil }},
		{toolNoop, builder("noopvet", benchDir, noopPkg, "main.stamp")},
		{toolSuite, builder("suitevet", benchDir, suitePkg, "main.stamp")},
		{toolTwine, builder("twinevet", repo, "./cmd/twinevet", "main.buildStamp")},
	}
	for _, t := range tools { // fail early, before any module is fetched
		if _, err := t.build("check"); err != nil {
			return nil, fmt.Errorf("building %s: %v", t.name, err)
		}
	}
	return tools, nil
}

// prepare fetches and copies the module of m (the module cache is
// read-only), downloads its dependencies, warms the build cache, and returns
// the environment and patterns to vet it with.
func prepare(cfg config, work string, m *moduleResult) (env []string, patterns []string, err error) {
	env = []string{"GOWORK=off", "GOTOOLCHAIN=local"}
	if m.name == "std" {
		m.dir = work
		patterns = []string{"std"}
	} else {
		src, err := filepath.Abs(m.name)
		if err != nil {
			return nil, nil, err
		}
		if !isLocal(m.name) {
			src, err = download(m.name)
			if err != nil {
				return nil, nil, err
			}
		}
		m.dir = filepath.Join(work, "mod", strings.NewReplacer("/", "_", "@", "_", ".", "_").Replace(strings.TrimLeft(m.name, "./")))
		if err := os.RemoveAll(m.dir); err != nil {
			return nil, nil, err
		}
		if err := os.CopyFS(m.dir, os.DirFS(src)); err != nil {
			return nil, nil, fmt.Errorf("copying %s: %v", src, err)
		}
		env = append(env, "GOFLAGS="+strings.TrimSpace(os.Getenv("GOFLAGS")+" -mod=mod"))
		patterns = []string{"./..."}
		fmt.Fprintf(cfg.log, "%s: downloading dependencies\n", m.name)
		if _, err := output(m.dir, env, "go", "mod", "download"); err != nil {
			return nil, nil, err
		}
	}
	fmt.Fprintf(cfg.log, "%s: warming the build cache\n", m.name)
	list, err := output(m.dir, env, "go", append([]string{"list"}, patterns...)...)
	if err != nil {
		return nil, nil, err
	}
	m.packages = strings.Count(list, "\n")
	if _, err := output(m.dir, env, "go", append([]string{"build"}, patterns...)...); err != nil {
		return nil, nil, err
	}
	// go vet builds the export data of test dependencies too; its exit
	// status is 1 for ordinary findings, so only a failure to run counts.
	vet := exec.Command("go", append([]string{"vet", "-json"}, patterns...)...)
	vet.Dir, vet.Env = m.dir, append(os.Environ(), env...)
	var stderr bytes.Buffer
	vet.Stderr = &stderr
	if err := vet.Run(); err != nil {
		return nil, nil, fmt.Errorf("go vet (warm-up): %v\n%s", err, stderr.Bytes())
	}
	return env, patterns, nil
}

func isLocal(spec string) bool {
	return strings.HasPrefix(spec, ".") || filepath.IsAbs(spec)
}

// download fetches module@version through the module proxy and returns
// its directory in the module cache.
func download(spec string) (string, error) {
	if !strings.Contains(spec, "@") {
		return "", fmt.Errorf("want module@version, a directory or std, not %q", spec)
	}
	out, err := output("", []string{"GOWORK=off"}, "go", "mod", "download", "-json", spec)
	var info struct{ Dir, Error string }
	if jerr := json.Unmarshal([]byte(out), &info); jerr != nil {
		if err != nil {
			return "", err
		}
		return "", fmt.Errorf("go mod download -json %s: %v", spec, jerr)
	}
	if info.Error != "" {
		return "", fmt.Errorf("go mod download %s: %s", spec, info.Error)
	}
	if err != nil {
		return "", err
	}
	return info.Dir, nil
}

// measure runs every tool cfg.runs times over m, interleaved in a rotating
// order so that a change in the machine's load spreads over all of them.
func measure(cfg config, tools []tool, m *moduleResult, env, patterns []string) {
	for run := 0; run < cfg.runs; run++ {
		for i := range tools {
			t := tools[(i+run)%len(tools)]
			stamp := newStamp()
			exe, err := t.build(stamp)
			if err != nil {
				m.fails = append(m.fails, fmt.Sprintf("building %s: %v", t.name, err))
				return
			}
			args := []string{"vet", "-json"}
			if exe == "" {
				// Plain go vet's tool cannot be restamped, but its flags
				// are part of its cache key: a printf wrapper that does
				// not exist changes the key and nothing else.
				args = append(args, "-printf.funcs=nosuchfunc"+stamp)
			} else {
				args = append(args, "-vettool="+exe)
			}
			args = append(args, patterns...)
			cmd := exec.Command("go", args...)
			cmd.Dir, cmd.Env = m.dir, append(os.Environ(), env...)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			s, err := timed(cmd, cfg.sample)
			fmt.Fprintf(cfg.log, "%s: run %d: %-11s %6.2fs wall %6.2fs cpu %6.0f MiB\n",
				m.name, run+1, t.name, s.wall.Seconds(), s.cpu.Seconds(), mib(s.maxRSS))
			if err != nil {
				m.fails = append(m.fails, fmt.Sprintf("%s: %v\n%s", t.name, err, stderr.Bytes()))
				continue
			}
			m.samples[t.name] = append(m.samples[t.name], s)
			for _, f := range internalErrors(stderr.String()) {
				m.fails = append(m.fails, t.name+": "+f)
			}
			diags, errs := vetjson.Decode(stdout.Bytes())
			for _, e := range errs {
				m.fails = append(m.fails, t.name+": "+e)
			}
			if t.name != toolTwine {
				continue
			}
			twine := relDiags(diags["twine"], m.dir)
			if run == 0 {
				m.twine = twine
			} else if !slices.Equal(twine, m.twine) {
				m.fails = append(m.fails, fmt.Sprintf("twine's diagnostics differ between runs: %d then %d", len(m.twine), len(twine)))
			}
		}
	}
}

// failureLine matches what a crashing or confused analysis driver prints.
var failureLine = regexp.MustCompile(`(?i)^panic: |internal error|^fatal error: |^goroutine \d+ \[|analysis skipped|^\s*runtime\.|\.go:\d+ \+0x`)

// internalErrors returns the lines of a vet run's standard error that tell
// of a panic or an internal error. With -json, findings go to standard
// output; standard error holds only "# package" headers and failures, so
// any other line is returned too.
func internalErrors(stderr string) []string {
	var fails []string
	for line := range strings.Lines(stderr) {
		line = strings.TrimRight(line, "\n")
		if line == "" || strings.HasPrefix(line, "# ") && !failureLine.MatchString(line) {
			continue
		}
		fails = append(fails, line)
	}
	return fails
}

// relDiags returns ds deduplicated and sorted, with positions relative to
// dir.
func relDiags(ds []diag, dir string) []diag {
	out := make([]diag, 0, len(ds))
	for _, d := range ds {
		if rel, err := filepath.Rel(dir, d.Posn); err == nil && !strings.HasPrefix(rel, "..") {
			d.Posn = rel
		}
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b diag) int {
		return strings.Compare(a.Posn+"\x00"+a.Message, b.Posn+"\x00"+b.Message)
	})
	return slices.Compact(out)
}

// byRule counts diagnostics per category.
func byRule(ds []diag) map[string]int {
	n := make(map[string]int)
	for _, d := range ds {
		n[d.Category]++
	}
	return n
}

// writeReports writes m's twine diagnostics to dir, one per line.
func writeReports(dir string, m *moduleResult) error {
	var b strings.Builder
	for _, d := range m.twine {
		fmt.Fprintf(&b, "%s: [%s] %s\n", d.Posn, d.Category, d.Message)
	}
	name := strings.NewReplacer("/", "_", "@", "_").Replace(strings.TrimLeft(m.name, "./")) + ".txt"
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return err
	}
	return atomicfile.WriteFile(filepath.Join(dir, name), []byte(b.String()))
}

// output runs a command in dir with env added to the environment and
// returns its standard output; a failure carries its standard error.
func output(dir string, env []string, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return string(out), fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.Bytes())
	}
	return string(out), nil
}

func newStamp() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func mib(bytes int64) float64 { return float64(bytes) / (1 << 20) }

// median returns the median of xs, the mean of the middle two when their
// number is even, or zero when there are none.
func median[T ~int64](xs []T) T {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
