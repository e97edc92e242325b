package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/twine-go/twine/analyzer"
)

// twinevet is the command built from this package, once for the test binary.
var twinevet string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "twinevet-test")
	if err != nil {
		panic(err)
	}
	twinevet = filepath.Join(dir, "twinevet")
	build := exec.Command("go", "build", "-o", twinevet, ".")
	build.Stderr = os.Stderr
	code := 1
	if err := build.Run(); err == nil {
		code = m.Run()
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// fixture copies the module testdata/twinevet/name of the repository into
// a temporary directory and returns it, so that -fix cannot touch the
// repository.
func fixture(t *testing.T, name string) string {
	t.Helper()
	src := filepath.Join("..", "..", "testdata", "twinevet", name)
	dst := t.TempDir()
	if err := os.CopyFS(dst, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dst
}

// run runs a command in dir and returns its output and exit status.
func run(t *testing.T, dir, name string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOPROXY=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exit):
		code = exit.ExitCode()
	default:
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return out.String(), errb.String(), code
}

// The reports on testdata/twinevet/report, by position.
var (
	spawnReport   = `./report.go:16:20: goroutine is never joined, so it can outlive Spawn: `
	lookupReport  = `./report.go:21:15: call to context.Background() detaches this work from ctx, which is in scope: `
	launchReport  = `./report.go:29:9: process started by cmd.Start() is not waited for on every path: `
	testReport    = `./report_test.go:6:2: goroutine is never joined, so it can outlive TestSpawn: `
	reportReports = []string{spawnReport, lookupReport, launchReport, testReport}
)

// checkLines checks that out has one line per prefix in want, in order.
func checkLines(t *testing.T, out string, want []string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if out == "" {
		lines = nil
	}
	ok := len(lines) == len(want)
	for i := 0; ok && i < len(lines); i++ {
		ok = strings.HasPrefix(lines[i], want[i])
	}
	if !ok {
		t.Errorf("output:\n%s\nwant lines starting:\n%s", out, strings.Join(want, "\n"))
	}
}

func TestText(t *testing.T) {
	t.Parallel()
	dir := fixture(t, "report")
	stdout, stderr, code := run(t, dir, twinevet, "./...")
	if code != 3 || stdout != "" {
		t.Errorf("exit status %d, stdout %q; want 3 and nothing", code, stdout)
	}
	checkLines(t, stderr, reportReports)

	t.Run("test=false", func(t *testing.T) {
		_, stderr, code := run(t, dir, twinevet, "-test=false", "./...")
		if code != 3 {
			t.Errorf("exit status %d, want 3", code)
		}
		checkLines(t, stderr, []string{spawnReport, lookupReport, launchReport})
	})
	t.Run("rules off", func(t *testing.T) {
		_, stderr, code := run(t, dir, twinevet, "-ctxdetach=false", "-procleak=false", "./...")
		if code != 3 {
			t.Errorf("exit status %d, want 3", code)
		}
		checkLines(t, stderr, []string{spawnReport, testReport})
	})
	t.Run("context", func(t *testing.T) {
		_, stderr, _ := run(t, dir, twinevet, "-c=0", "-barego=false", "-procleak=false", "./...")
		checkLines(t, stderr, []string{lookupReport, "21\t\treturn query(context.Background(), key)"})
	})
}

func TestJSON(t *testing.T) {
	t.Parallel()
	stdout, stderr, code := run(t, fixture(t, "report"), twinevet, "-json", "./...")
	if code != 3 || stderr != "" {
		t.Errorf("exit status %d, stderr %q; want 3 and nothing", code, stderr)
	}
	var tree map[string]map[string][]struct {
		Category       string
		Posn           string
		Message        string
		SuggestedFixes []struct {
			Message string
			Edits   []struct{ New string }
		} `json:"suggested_fixes"`
	}
	if err := json.Unmarshal([]byte(stdout), &tree); err != nil {
		t.Fatalf("%v in:\n%s", err, stdout)
	}
	var got []string
	for _, analyses := range tree {
		for _, d := range analyses["twine"] {
			got = append(got, filepath.Base(d.Posn)+" "+d.Category)
			if d.Category == "ctxdetach" && (len(d.SuggestedFixes) != 1 || d.SuggestedFixes[0].Edits[0].New != "ctx") {
				t.Errorf("ctxdetach fixes = %+v, want one that writes ctx", d.SuggestedFixes)
			}
		}
	}
	slices.Sort(got)
	got = slices.Compact(got) // the package and its test variant
	want := []string{"report.go:16:20 barego", "report.go:21:15 ctxdetach", "report.go:29:9 procleak", "report_test.go:6:2 barego"}
	if !slices.Equal(got, want) {
		t.Errorf("JSON diagnostics %q, want %q", got, want)
	}
}

func TestSARIF(t *testing.T) {
	t.Parallel()
	stdout, stderr, code := run(t, fixture(t, "report"), twinevet, "-sarif", "./...")
	if code != 3 || stderr != "" {
		t.Errorf("exit status %d, stderr %q; want 3 and nothing", code, stderr)
	}
	var log struct {
		Version string
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string
					Rules []struct{ ID string }
				}
			}
			ColumnKind string
			Results    []struct {
				RuleID    string
				RuleIndex int
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI       string
							URIBaseID string `json:"uriBaseId"`
						}
						Region struct{ StartLine, StartColumn, EndLine, EndColumn int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(stdout), &log); err != nil {
		t.Fatalf("%v in:\n%s", err, stdout)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q with %d runs, want 2.1.0 with 1", log.Version, len(log.Runs))
	}
	r := log.Runs[0]
	var ids []string
	for _, rule := range r.Tool.Driver.Rules {
		ids = append(ids, rule.ID)
	}
	var names []string
	for _, rule := range analyzer.Rules() {
		names = append(names, rule.Name)
	}
	if r.Tool.Driver.Name != "twinevet" || !slices.Equal(ids, names) || r.ColumnKind != "unicodeCodePoints" {
		t.Errorf("driver %q, rules %q, columns %q", r.Tool.Driver.Name, ids, r.ColumnKind)
	}
	var got []string
	for _, res := range r.Results {
		if res.RuleIndex < 0 || res.RuleIndex >= len(ids) || ids[res.RuleIndex] != res.RuleID || res.Level != "warning" || res.Message.Text == "" {
			t.Errorf("result %+v", res)
		}
		l := res.Locations[0].PhysicalLocation
		got = append(got, strings.Join([]string{res.RuleID, l.ArtifactLocation.URIBaseID, l.ArtifactLocation.URI,
			strconv.Itoa(l.Region.StartLine), strconv.Itoa(l.Region.StartColumn), strconv.Itoa(l.Region.EndLine), strconv.Itoa(l.Region.EndColumn)}, " "))
	}
	// The go statement of Spawn follows "/* ¿por qué? */ ": 18 code points
	// into the line, 20 bytes.
	want := []string{
		"barego %SRCROOT% report.go 16 18 16 27",
		"ctxdetach %SRCROOT% report.go 21 15 21 35",
		"procleak %SRCROOT% report.go 29 9 29 20",
		"barego %SRCROOT% report_test.go 6 2 6 11",
	}
	if !slices.Equal(got, want) {
		t.Errorf("SARIF results:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestClean(t *testing.T) {
	t.Parallel()
	for _, format := range []string{"-json=false", "-json", "-sarif"} {
		stdout, stderr, code := run(t, fixture(t, "clean"), twinevet, format, "./...")
		if code != 0 || stderr != "" || format == "-json=false" && stdout != "" {
			t.Errorf("%s: exit status %d, stdout %q, stderr %q; want 0 and no report", format, code, stdout, stderr)
		}
	}
}

func TestBroken(t *testing.T) {
	t.Parallel()
	_, stderr, code := run(t, fixture(t, "broken"), twinevet, "./...")
	if code != 1 || !regexp.MustCompile(`(?m)broken\.go:5:9: cannot use "not an int"`).MatchString(stderr) {
		t.Errorf("exit status %d, stderr:\n%s\nwant 1 and the type error at broken.go:5:9", code, stderr)
	}
	_, stderr, code = run(t, fixture(t, "clean"), twinevet, "./nosuchdir")
	if code != 1 || stderr == "" {
		t.Errorf("missing package: exit status %d, stderr %q; want 1 and a message", code, stderr)
	}
}

func TestUsage(t *testing.T) {
	t.Parallel()
	dir := fixture(t, "clean")
	for _, args := range [][]string{{}, {"-json", "-sarif", "./..."}, {"-nosuchflag", "./..."}} {
		_, stderr, code := run(t, dir, twinevet, args...)
		if code != 2 || stderr == "" {
			t.Errorf("twinevet %q: exit status %d, stderr %q; want 2 and a message", args, code, stderr)
		}
	}
}

func TestFix(t *testing.T) {
	t.Parallel()
	golden, err := os.ReadFile(filepath.Join("..", "..", "testdata", "twinevet", "report", "report.go.golden"))
	if err != nil {
		t.Fatal(err)
	}
	original, err := os.ReadFile(filepath.Join("..", "..", "testdata", "twinevet", "report", "report.go"))
	if err != nil {
		t.Fatal(err)
	}

	t.Run("diff", func(t *testing.T) {
		dir := fixture(t, "report")
		stdout, stderr, code := run(t, dir, twinevet, "-diff", "./...")
		if code != 0 {
			t.Errorf("exit status %d, stderr:\n%s", code, stderr)
		}
		for _, want := range []string{"-\treturn query(context.Background(), key)\n", "+\treturn query(ctx, key)\n"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("diff lacks %q:\n%s", want, stdout)
			}
		}
		sameFile(t, filepath.Join(dir, "report.go"), original)
	})
	t.Run("fix", func(t *testing.T) {
		dir := fixture(t, "report")
		if _, stderr, code := run(t, dir, twinevet, "-fix", "./..."); code != 0 {
			t.Errorf("exit status %d, stderr:\n%s", code, stderr)
		}
		sameFile(t, filepath.Join(dir, "report.go"), golden)
		_, stderr, code := run(t, dir, twinevet, "./...")
		if code != 3 {
			t.Errorf("after the fix: exit status %d, want 3", code)
		}
		checkLines(t, stderr, []string{spawnReport, launchReport, testReport})
	})
}

func sameFile(t *testing.T, name string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s:\n%s\nwant:\n%s", name, got, want)
	}
}

// TestGoVet runs twinevet as go vet's tool: go vet's own printf check still
// reports, and so does twine.
func TestGoVet(t *testing.T) {
	t.Parallel()
	_, stderr, code := run(t, fixture(t, "report"), "go", "vet", "-vettool="+twinevet, "./...")
	if code == 0 {
		t.Errorf("go vet succeeded, want reports")
	}
	var got []string
	for _, l := range strings.Split(stderr, "\n") {
		if m := regexp.MustCompile(`^(?:\./)?(\S+\.go:\d+:\d+): (\S+ \S+ \S+)`).FindStringSubmatch(l); m != nil {
			got = append(got, m[1]+": "+m[2])
		}
	}
	slices.Sort(got)
	want := []string{
		"report.go:16:20: goroutine is never",
		"report.go:21:15: call to context.Background()",
		"report.go:29:9: process started by",
		"report.go:34:22: fmt.Sprintf format %s",
		"report_test.go:6:2: goroutine is never",
	}
	if !slices.Equal(got, want) {
		t.Errorf("go vet reports:\n%s\nwant:\n%s\nstderr:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"), stderr)
	}
}

func TestMode(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want runMode
	}{
		{[]string{"-flags"}, modeVet},
		{[]string{"-V=full"}, modeVet},
		{[]string{"-json", "-twine.strict", "/tmp/b001/vet.cfg"}, modeVet},
		{[]string{"help", "twine"}, modeVet},
		{[]string{"./..."}, modeStandalone},
		{[]string{"-json", "./..."}, modeStandalone},
		{[]string{"-fix", "./..."}, modeFix},
		{[]string{"--diff", "./..."}, modeFix},
		{[]string{"-c", "2", "-fix", "./..."}, modeFix},
		{[]string{"-fix=false", "./..."}, modeStandalone},
		{[]string{"./...", "-fix"}, modeStandalone},
	} {
		if got := mode(tc.args); got != tc.want {
			t.Errorf("mode(%q) = %d, want %d", tc.args, got, tc.want)
		}
	}
}

// TestGoVetFacts runs go vet on a module of two packages: go vet checks one
// package at a time, so twine's reports in app about lib's functions (a
// spawning function called from a task, a constructor whose result is not
// closed) come from the facts it recorded while checking lib.
func TestGoVetFacts(t *testing.T) {
	t.Parallel()
	_, stderr, code := run(t, fixture(t, "facts"), "go", "vet", "-vettool="+twinevet, "./...")
	if code == 0 {
		t.Errorf("go vet succeeded, want reports")
	}
	var got []string
	for _, l := range strings.Split(stderr, "\n") {
		if m := regexp.MustCompile(`^(?:\./)?(\S+\.go:\d+:\d+): (.*)$`).FindStringSubmatch(l); m != nil {
			got = append(got, m[1]+": "+m[2])
		}
	}
	slices.Sort(got)
	want := []*regexp.Regexp{
		regexp.MustCompile(`^app/app\.go:15:3: call to lib\.StartPoller starts a goroutine that outlives this task \(go statement at example\.com/facts/lib/lib\.go:16\)`),
		regexp.MustCompile(`^app/app\.go:22:7: the \*lib\.Conn from lib\.Dial \(it owns a nursery\) is not closed on every path`),
		regexp.MustCompile(`^lib/lib\.go:16:2: goroutine is never joined`),
	}
	ok := len(got) == len(want)
	for i := 0; ok && i < len(got); i++ {
		ok = want[i].MatchString(got[i])
	}
	if !ok {
		t.Errorf("go vet reports:\n%s\nwant:\n%q", strings.Join(got, "\n"), want)
	}
}
