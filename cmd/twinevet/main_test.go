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
	"golang.org/x/tools/go/analysis/suite/vet"
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
	spawnReport   = `./report.go:16:20: goroutine running work is never joined, so it can outlive Spawn: `
	lookupReport  = `./report.go:21:15: call to context.Background() detaches this work from ctx, which is in scope: `
	launchReport  = `./report.go:29:9: process started by cmd.Start() is not waited for on every path: `
	printfReport  = `./report.go:34:22: fmt.Sprintf format %s has arg n of wrong type int`
	testReport    = `./report_test.go:6:2: goroutine running wait is never joined, so it can outlive TestSpawn: `
	reportReports = []string{spawnReport, lookupReport, launchReport, printfReport, testReport}
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

// TestText runs twinevet alone: go vet's suite and twine, so the fixture's
// printf mistake is reported with twine's findings, and the exit status is
// 3.
func TestText(t *testing.T) {
	t.Parallel()
	dir := fixture(t, "report")
	stdout, stderr, code := run(t, dir, twinevet, "./...")
	if code != 3 || stdout != "" {
		t.Errorf("exit status %d, stdout %q; want 3 and nothing", code, stdout)
	}
	checkLines(t, stderr, reportReports)

	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"twine alone, no tests", []string{"-twine", "-test=false"}, []string{spawnReport, lookupReport, launchReport}},
		{"rules and analyzers off", []string{"-ctxdetach=false", "-twine.procleak=false", "-printf=false"}, []string{spawnReport, testReport}},
		{"vet alone", []string{"-twine=false"}, []string{printfReport}},
		{"printf alone, in context", []string{"-printf", "-c=0"}, []string{printfReport, "34\t\treturn fmt.Sprintf(\"%s items\", n)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, stderr, code := run(t, dir, twinevet, append(tc.args, "./...")...)
			if code != 3 {
				t.Errorf("exit status %d, want 3", code)
			}
			checkLines(t, stderr, tc.want)
		})
	}
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
		for _, d := range analyses["printf"] {
			got = append(got, filepath.Base(d.Posn)+" printf")
		}
		for _, d := range analyses["twine"] {
			got = append(got, filepath.Base(d.Posn)+" "+d.Category)
			if d.Category == "ctxdetach" && (len(d.SuggestedFixes) != 1 || d.SuggestedFixes[0].Edits[0].New != "ctx") {
				t.Errorf("ctxdetach fixes = %+v, want one that writes ctx", d.SuggestedFixes)
			}
		}
	}
	slices.Sort(got)
	got = slices.Compact(got) // the package and its test variant
	want := []string{"report.go:16:20 barego", "report.go:21:15 ctxdetach", "report.go:29:9 procleak", "report.go:34:22 printf", "report_test.go:6:2 barego"}
	if !slices.Equal(got, want) {
		t.Errorf("JSON diagnostics %q, want %q", got, want)
	}
}

// sarifOutput is what the tests read of twinevet's SARIF.
type sarifOutput struct {
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
			Locations []sarifLoc
		}
		Invocations []struct {
			ExecutionSuccessful        *bool
			ToolExecutionNotifications []struct {
				Level     string
				Message   struct{ Text string }
				Locations []sarifLoc
			}
		}
	}
}

type sarifLoc struct {
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI       string
			URIBaseID string `json:"uriBaseId"`
		}
		Region struct{ StartLine, StartColumn, EndLine, EndColumn int }
	}
}

// String is "URI base URI startLine startColumn endLine endColumn".
func (l sarifLoc) String() string {
	p := l.PhysicalLocation
	return strings.Join([]string{p.ArtifactLocation.URIBaseID, p.ArtifactLocation.URI,
		strconv.Itoa(p.Region.StartLine), strconv.Itoa(p.Region.StartColumn), strconv.Itoa(p.Region.EndLine), strconv.Itoa(p.Region.EndColumn)}, " ")
}

// readSARIF parses a SARIF log of one run with one invocation.
func readSARIF(t *testing.T, out string) sarifOutput {
	t.Helper()
	var log sarifOutput
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatalf("%v in:\n%s", err, out)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 || len(log.Runs[0].Invocations) != 1 || log.Runs[0].Invocations[0].ExecutionSuccessful == nil {
		t.Fatalf("want version 2.1.0, one run and one invocation that says whether it succeeded:\n%s", out)
	}
	return log
}

func TestSARIF(t *testing.T) {
	t.Parallel()
	stdout, stderr, code := run(t, fixture(t, "report"), twinevet, "-sarif", "./...")
	if code != 3 || stderr != "" {
		t.Errorf("exit status %d, stderr %q; want 3 and nothing", code, stderr)
	}
	r := readSARIF(t, stdout).Runs[0]
	var ids []string
	for _, rule := range r.Tool.Driver.Rules {
		ids = append(ids, rule.ID)
	}
	var names []string
	for _, rule := range analyzer.Rules() {
		names = append(names, rule.Name)
	}
	for _, a := range vet.Suite {
		names = append(names, a.Name)
	}
	if r.Tool.Driver.Name != "twinevet" || !slices.Equal(ids, names) || r.ColumnKind != "unicodeCodePoints" {
		t.Errorf("driver %q, rules %q, columns %q; want twine's rules, then go vet's analyzers", r.Tool.Driver.Name, ids, r.ColumnKind)
	}
	if inv := r.Invocations[0]; !*inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 0 {
		t.Errorf("invocation %+v, want a success with no notification", inv)
	}
	var got []string
	for _, res := range r.Results {
		if res.RuleIndex < 0 || res.RuleIndex >= len(ids) || ids[res.RuleIndex] != res.RuleID || res.Level != "warning" || res.Message.Text == "" {
			t.Errorf("result %+v", res)
		}
		got = append(got, res.RuleID+" "+res.Locations[0].String())
	}
	// The go statement of Spawn follows "/* ¿por qué? */ ": 18 code points
	// into the line, 20 bytes.
	want := []string{
		"barego %SRCROOT% report.go 16 18 16 27",
		"ctxdetach %SRCROOT% report.go 21 15 21 35",
		"procleak %SRCROOT% report.go 29 9 29 20",
		"printf %SRCROOT% report.go 34 22 34 24",
		"barego %SRCROOT% report_test.go 6 2 6 22",
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
		if format == "-sarif" {
			if inv := readSARIF(t, stdout).Runs[0].Invocations[0]; !*inv.ExecutionSuccessful {
				t.Errorf("SARIF invocation %+v, want a success", inv)
			}
		}
	}
}

// TestBroken runs twinevet on a package that does not compile: in every
// format the type error is there, at its position, and the exit status is
// 1; the SARIF has no result but an unsuccessful invocation.
func TestBroken(t *testing.T) {
	t.Parallel()
	dir := fixture(t, "broken")
	const typeError = `cannot use "not an int" (untyped string constant) as int value in return statement`
	_, stderr, code := run(t, dir, twinevet, "./...")
	if code != 1 || stderr != "./broken.go:5:9: "+typeError+"\n" {
		t.Errorf("exit status %d, stderr:\n%s\nwant 1 and the type error at ./broken.go:5:9, once", code, stderr)
	}

	stdout, stderr, code := run(t, dir, twinevet, "-sarif", "./...")
	if code != 1 || stderr != "" {
		t.Errorf("-sarif: exit status %d, stderr %q; want 1 and nothing", code, stderr)
	}
	r := readSARIF(t, stdout).Runs[0]
	inv := r.Invocations[0]
	if *inv.ExecutionSuccessful || len(r.Results) != 0 || len(inv.ToolExecutionNotifications) != 1 {
		t.Fatalf("SARIF run %+v, want no result and an unsuccessful invocation with one notification", r)
	}
	n := inv.ToolExecutionNotifications[0]
	if n.Level != "error" || n.Message.Text != typeError || len(n.Locations) != 1 || n.Locations[0].String() != "%SRCROOT% broken.go 5 9 5 9" {
		t.Errorf("notification %+v, want the type error at broken.go:5:9", n)
	}

	stdout, stderr, code = run(t, dir, twinevet, "-json", "./...")
	var tree map[string]map[string]struct{ Error string }
	if err := json.Unmarshal([]byte(stdout), &tree); err != nil || code != 1 || stderr != "" {
		t.Fatalf("-json: exit status %d, %v, stderr %q, stdout:\n%s", code, err, stderr, stdout)
	}
	want := filepath.Join(dir, "broken.go") + ":5:9: " + typeError
	if got := tree["example.com/broken"]["twinevet"].Error; len(tree) != 1 || got != want {
		t.Errorf("-json: %+v, want one package whose twinevet error is %q", tree, want)
	}
}

// TestLoadErrors checks that every package twinevet could not load is
// named, with its file:line:col when there is one: a pattern that matches
// no directory, a package that is nowhere, an import that is missing, and
// a package that is not analyzed because it imports that one.
func TestLoadErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, src := range map[string]string{
		"go.mod":   "module example.com/le\n\ngo 1.26\n",
		"a/a.go":   "package a\n\nimport \"example.com/nosuch/x\"\n\nvar _ = x.Y\n",
		"b/b.go":   "package b\n\nimport _ \"example.com/le/a\"\n",
		"ok/ok.go": "package ok\n",
	} {
		name = filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, stderr, code := run(t, dir, twinevet, "./...", "./nosuchdir", "example.com/nowhere")
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	// The go command's own messages continue on indented lines.
	var lines []string
	for _, l := range strings.Split(stderr, "\n") {
		if l != "" && !strings.HasPrefix(l, "\t") {
			lines = append(lines, l)
		}
	}
	checkLines(t, strings.Join(lines, "\n"), []string{
		"./a/a.go:3:8: ", // the missing module
		`./a/a.go:3:8: could not import example.com/nosuch/x (invalid package name: "")`,
		"twinevet: ./nosuchdir: stat " + filepath.Join(dir, "nosuchdir") + ": directory not found",
		"twinevet: example.com/nowhere: ",
		"twinevet: example.com/le/b: not analyzed: it imports a package that could not be loaded or analyzed",
	})

	// -fix stops before fixing anything.
	_, stderr, code = run(t, dir, twinevet, "-fix", "./ok", "./nosuchdir")
	if want := "twinevet: ./nosuchdir: stat " + filepath.Join(dir, "nosuchdir") + ": directory not found\n"; code != 1 || stderr != want {
		t.Errorf("-fix: exit status %d, stderr:\n%s\nwant 1 and:\n%s", code, stderr, want)
	}
}

// The messages of -fix and -diff about the reports on
// testdata/twinevet/report that have no fix, one line per analyzer and
// package, sorted.
var unfixableMessages = []string{
	"twinevet: example.com/report: 1 report of printf has no suggested fix, so nothing was changed for it: ./report.go:34:22 (run without -fix or -diff to see it)",
	"twinevet: example.com/report: 3 reports of twine have no suggested fix, so nothing was changed for them: ./report.go:16:20, ./report.go:29:9, ./report_test.go:6:2 (run without -fix or -diff to see them)",
}

// sortedLines returns the lines of s, sorted.
func sortedLines(s string) []string {
	lines := strings.Split(strings.TrimSuffix(s, "\n"), "\n")
	slices.Sort(lines)
	return lines
}

func TestUsage(t *testing.T) {
	t.Parallel()
	dir := fixture(t, "clean")
	for _, args := range [][]string{
		{},
		{"-json", "-sarif", "./..."},
		{"-fix", "-sarif", "./..."},
		{"-diff", "-json", "./..."},
		{"-nosuchflag", "./..."},
		{"-printf=maybe", "./..."},
	} {
		_, stderr, code := run(t, dir, twinevet, args...)
		if code != 2 || stderr == "" {
			t.Errorf("twinevet %q: exit status %d, stderr %q; want 2 and a message", args, code, stderr)
		}
	}
}

// TestFix applies, and shows, the fixes of twine and go vet's suite: the
// one report that has a fix (ctxdetach) is fixed, and the others are named
// on standard error, since -fix and -diff print no report.
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
		if got := sortedLines(stderr); !slices.Equal(got, unfixableMessages) {
			t.Errorf("stderr:\n%s\nwant:\n%s", stderr, strings.Join(unfixableMessages, "\n"))
		}
		sameFile(t, filepath.Join(dir, "report.go"), original)
	})
	t.Run("fix", func(t *testing.T) {
		dir := fixture(t, "report")
		stdout, stderr, code := run(t, dir, twinevet, "-fix", "./...")
		if code != 0 || stdout != "" {
			t.Errorf("exit status %d, stdout %q; want 0 and nothing", code, stdout)
		}
		if got := sortedLines(stderr); !slices.Equal(got, unfixableMessages) {
			t.Errorf("stderr:\n%s\nwant:\n%s", stderr, strings.Join(unfixableMessages, "\n"))
		}
		sameFile(t, filepath.Join(dir, "report.go"), golden)
		_, stderr, code = run(t, dir, twinevet, "./...")
		if code != 3 {
			t.Errorf("after the fix: exit status %d, want 3", code)
		}
		checkLines(t, stderr, []string{spawnReport, launchReport, printfReport, testReport})

		// Nothing left to fix: -fix changes nothing, and says why.
		stdout, stderr, code = run(t, dir, twinevet, "-fix", "-printf=false", "./...")
		want := "twinevet: example.com/report: 3 reports of twine have no suggested fix, so nothing was changed for them: ./report.go:16:20, ./report.go:29:9, ./report_test.go:6:2 (run without -fix or -diff to see them)\n"
		if code != 0 || stdout != "" || stderr != want {
			t.Errorf("second -fix: exit status %d, stdout %q, stderr:\n%s\nwant 0, nothing, and:\n%s", code, stdout, stderr, want)
		}
		sameFile(t, filepath.Join(dir, "report.go"), golden)
	})
}

// TestGoFix runs twinevet as go fix's tool: the fix is applied, and the
// reports with no fix are named on go fix's standard output, also when go
// fix answers from its cache the second time.
func TestGoFix(t *testing.T) {
	t.Parallel()
	dir := fixture(t, "report")
	for i := range 2 {
		stdout, stderr, code := run(t, dir, "go", "fix", "-fixtool="+twinevet, "./...")
		if code != 0 || stderr != "" {
			t.Errorf("run %d: exit status %d, stderr %q; want 0 and nothing", i, code, stderr)
		}
		if got := sortedLines(stdout); !slices.Equal(got, unfixableMessages) {
			t.Errorf("run %d: stdout:\n%s\nwant:\n%s", i, stdout, strings.Join(unfixableMessages, "\n"))
		}
	}
	golden, err := os.ReadFile(filepath.Join("..", "..", "testdata", "twinevet", "report", "report.go.golden"))
	if err != nil {
		t.Fatal(err)
	}
	sameFile(t, filepath.Join(dir, "report.go"), golden)
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
		"report.go:16:20: goroutine running work",
		"report.go:21:15: call to context.Background()",
		"report.go:29:9: process started by",
		"report.go:34:22: fmt.Sprintf format %s",
		"report_test.go:6:2: goroutine running wait",
	}
	if !slices.Equal(got, want) {
		t.Errorf("go vet reports:\n%s\nwant:\n%s\nstderr:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"), stderr)
	}
}

func TestUnderGoCommand(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want bool
	}{
		{[]string{"-flags"}, true},
		{[]string{"-V=full"}, true},
		{[]string{"-json", "-twine.strict", "/tmp/b001/vet.cfg"}, true},
		{[]string{"-fix", "/tmp/b001/vet.cfg"}, true},
		{[]string{"help", "twine"}, true},
		{[]string{"./..."}, false},
		{[]string{"-json", "./..."}, false},
		{[]string{"-fix", "./..."}, false},
		{[]string{"-c", "2", "./..."}, false},
		{[]string{"./...", "-flags"}, false},
	} {
		if got := underGoCommand(tc.args); got != tc.want {
			t.Errorf("underGoCommand(%q) = %v, want %v", tc.args, got, tc.want)
		}
	}
}

func TestFixing(t *testing.T) {
	dir := t.TempDir()
	root, dep := filepath.Join(dir, "root.cfg"), filepath.Join(dir, "dep.cfg")
	os.WriteFile(root, []byte(`{"ID": "example.com/m", "VetxOnly": false}`), 0o644)
	os.WriteFile(dep, []byte(`{"ID": "example.com/dep", "VetxOnly": true}`), 0o644)
	for _, tc := range []struct {
		args                   []string
		fixing, counted, diffs bool
	}{
		{[]string{"-json", root}, false, false, false},
		{[]string{"-fix", root}, true, true, false},
		{[]string{"-fix", "-diff", root}, true, true, true},
		{[]string{"-fix=false", root}, false, false, false},
		{[]string{"-fix", dep}, true, false, false},
		{[]string{"-fix", "./..."}, false, false, false},
	} {
		u, fixing := fixing(tc.args)
		if fixing != tc.fixing || fixing && (u.counted(nil) != tc.counted || u.diff != tc.diffs) {
			t.Errorf("fixing(%q) = %+v, %v", tc.args, u, fixing)
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
		regexp.MustCompile(`^lib/lib\.go:16:2: goroutine .*is never joined`),
	}
	ok := len(got) == len(want)
	for i := 0; ok && i < len(got); i++ {
		ok = want[i].MatchString(got[i])
	}
	if !ok {
		t.Errorf("go vet reports:\n%s\nwant:\n%q", strings.Join(got, "\n"), want)
	}
}
