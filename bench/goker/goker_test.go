package main

import (
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/twine-go/twine/internal/leaktest"
)

func TestMain(m *testing.M) { os.Exit(leaktest.Main(m)) }

// testLabels reads testdata/labels.json: three kernels of the test's own
// under testdata/gobench, one project "toy".
func testLabels(t *testing.T) *labels {
	t.Helper()
	l, err := readLabels(filepath.Join("testdata", "labels.json"))
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestScore(t *testing.T) {
	l := testLabels(t)
	const f1, f2, f3 = "gobench/goker/blocking/toy/1/toy1_test.go", "gobench/goker/blocking/toy/2/toy2_test.go", "gobench/goker/blocking/toy/3/toy3_test.go"
	reports := []report{
		{Kernel: "toy_1", Rule: "barego", File: f1, Line: 15, Col: 2},   // also_true
		{Kernel: "toy_1", Rule: "barego", File: f1, Line: 12, Col: 2},   // must_not: false
		{Kernel: "toy_1", Rule: "spawns", File: f1, Line: 12, Col: 2},   // the same line again
		{Kernel: "toy_1", Rule: "ctxdetach", File: f1, Line: 3, Col: 9}, // not a go statement
		{Kernel: "toy_2", Rule: "barego", File: f2, Line: 9, Col: 2},    // leaking
		{Kernel: "toy_2", Rule: testGoroutineRule, File: f2},            // the test goroutine
		{Kernel: "toy_3", Rule: "goroutineleak", File: f3},              // started by std
		{Kernel: "toy_3", Rule: "barego", File: "gobench/goker/blocking/toy/3/extra.go", Line: 4, Col: 1},
	}
	s := score(l, "twine", reports)
	if s.leakingKernels != 2 || s.detected != 1 {
		t.Errorf("detected %d of %d kernels, want 1 of 2 (toy_3 leaks only its test goroutine)", s.detected, s.leakingKernels)
	}
	if s.lines[mustNotLine] != 1 || s.lines[alsoTrueLine] != 1 || s.lines[unlabelled] != 2 || s.lines[leakingLine] != 1 {
		t.Errorf("lines by judgment: %v; want one false (12 once, whatever the rules), one also true, two unlabelled, one leaking", s.lines)
	}
	for _, tc := range []struct{ kernel, cell string }{
		{"toy_1", "no 3? 12! 15°"},
		{"toy_2", "**yes** 9 main"},
		{"toy_3", "– extra.go:4? std"},
	} {
		if got := s.cell(l.kernel(tc.kernel)); got != tc.cell {
			t.Errorf("cell of %s = %q, want %q", tc.kernel, got, tc.cell)
		}
	}
	if got := s.totals(); got != "1/2 detected, 1 false" {
		t.Errorf("totals = %q", got)
	}
	if empty := score(l, "go vet", nil); empty.detected != 0 || empty.cell(l.kernel("toy_1")) != "no" || empty.cell(l.kernel("toy_3")) != "–" {
		t.Errorf("no reports: detected %d, cells %q and %q", empty.detected, empty.cell(l.kernel("toy_1")), empty.cell(l.kernel("toy_3")))
	}
}

func TestReadLabels(t *testing.T) {
	l := testLabels(t)
	if k := l.kernel("toy_3"); k == nil || !k.Leaking.MainOnly || len(k.Leaking.Lines) != 0 {
		t.Errorf("toy_3: %+v, want leaking_go [\"main\"]", k)
	}
	if k := l.kernel("toy_2"); k == nil || !slices.Equal(k.Leaking.Lines, []int{9}) || !k.TestBlock {
		t.Errorf("toy_2: %+v", k)
	}
	good, err := os.ReadFile(filepath.Join("testdata", "labels.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ old, new, want string }{
		{`"leaking_go": [10]`, `"leaking_go": []`, `want line numbers, or ["main"] alone`},
		{`"leaking_go": [10]`, `"leaking_go": [10, "main"]`, `want line numbers, or ["main"] alone`},
		{`"leaking_go": [10]`, `"leaking_go": ["10"]`, `leaking_go holds "10"`},
		{`"leaking_go": [10]`, `"leaking_go": [0]`, `leaking_go holds 0`},
		{`"id": "toy_2"`, `"id": "toy_1"`, `kernel toy_1: listed twice`},
		{`"gobench/goker/blocking/toy/2"`, `"../toy/2"`, `not a relative path inside the checkout`},
		{`"gobench/goker/blocking/toy/2"`, `"/toy/2"`, `not a relative path inside the checkout`},
		{`"file": "toy2_test.go"`, `"file": "sub/toy2_test.go"`, `is not a .go file of gobench_dir`},
		{`{"kernel": "toy_1", "file": "toy1_test.go", "line": 12`, `{"kernel": "toy_9", "file": "toy1_test.go", "line": 12`, `must_not[0]: unknown kernel "toy_9"`},
		{`{"kernel": "toy_1", "file": "toy1_test.go", "line": 15`, `{"kernel": "toy_1", "file": "toy2_test.go", "line": 15`, `also_true[0]: file "toy2_test.go" is not kernel toy_1's file`},
		{`{"kernel": "toy_1", "file": "toy1_test.go", "line": 15`, `{"kernel": "toy_1", "file": "toy1_test.go", "line": 10`, `also_true[0]: toy1_test.go:10 is also a leaking_go line`},
		{`"kernels": [`, `"kernels": 7, "x": [`, `cannot unmarshal`},
	} {
		bad := strings.Replace(string(good), tc.old, tc.new, 1)
		if bad == string(good) {
			t.Fatalf("%q is not in testdata/labels.json", tc.old)
		}
		name := filepath.Join(t.TempDir(), "labels.json")
		if err := os.WriteFile(name, []byte(bad), 0o666); err != nil {
			t.Fatal(err)
		}
		_, err := readLabels(name)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), name+": ") {
			t.Errorf("%s → %s: error %v, want one starting with the file name and containing %q", tc.old, tc.new, err, tc.want)
		}
	}
	if _, err := readLabels(filepath.Join("testdata", "nosuch.json")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
}

func TestOnlyProjects(t *testing.T) {
	l := testLabels(t)
	l.Kernels[2].Project = "other" // toy_3
	if err := l.only([]string{"toy"}); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, k := range l.Kernels {
		ids = append(ids, k.ID)
	}
	if !slices.Equal(ids, []string{"toy_1", "toy_2"}) || len(l.MustNot) != 1 || len(l.AlsoTrue) != 1 {
		t.Errorf("kept kernels %q, %d must_not, %d also_true", ids, len(l.MustNot), len(l.AlsoTrue))
	}
	if err := l.only([]string{"toy", "nosuch"}); err == nil || !strings.Contains(err.Error(), `project "nosuch" has no kernel in the labels (they have toy)`) {
		t.Errorf("an unknown project: %v", err)
	}
}

func TestParseFlags(t *testing.T) {
	cfg, err := parseFlags([]string{"-gobench", "/g", "-tools", "vet, twine,vet", "-projects", "etcd,grpc"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.gobench != "/g" || cfg.labels != "goker/labels-dev.json" || !slices.Equal(cfg.tools, []string{toolTwine, toolVet}) ||
		!slices.Equal(cfg.projects, []string{"etcd", "grpc"}) || cfg.count != 20 || cfg.budget != 10*time.Second {
		t.Errorf("config %+v", cfg)
	}
	if cfg, err := parseFlags([]string{"-gobench", "/g"}, io.Discard); err != nil || cfg.projects != nil || len(cfg.tools) != 3 {
		t.Errorf("defaults: projects %q, tools %q, %v; want every project and tool", cfg.projects, cfg.tools, err)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{nil, "-gobench is required"},
		{[]string{"-gobench", "/g", "extra"}, `unexpected arguments ["extra"]`},
		{[]string{"-gobench", "/g", "-count", "0"}, "-count must be at least 1"},
		{[]string{"-gobench", "/g", "-budget", "0s"}, "-budget must be positive"},
		{[]string{"-gobench", "/g", "-tools", "twine,lint"}, `unknown tool "lint"`},
		{[]string{"-gobench", "/g", "-tools", ","}, "-tools is empty"},
		{[]string{"-gobench", "/g", "-projects", " , "}, "-projects is empty"},
	} {
		if _, err := parseFlags(tc.args, io.Discard); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want %q", tc.args, err, tc.want)
		}
	}
	if _, err := parseFlags([]string{"-help"}, io.Discard); err != flag.ErrHelp {
		t.Errorf("-help: %v", err)
	}
}

// profileText is a goroutineleak profile as the TestMain writes it, for
// kernel toy_2 copied into the module /w/module: the timer goroutine that
// writes it, the main goroutine and the test goroutine (both leaked), the
// kernel's worker (leaked), a goroutine the standard library started
// (leaked) and one that is not leaked.
const profileText = budgetHeader + `
goroutine 19 [running]:
runtime/pprof.writeGoroutineStacks({0x5996f8, 0x306bc840c000})
	/go/src/runtime/pprof/pprof.go:819 +0x6b
created by time.goFunc
	/go/src/time/sleep.go:215 +0x2d

goroutine 1 [chan receive (leaked)]:
testing.(*T).Run(0x306bc84b6008, {0x58a6ba?, 0x0?}, 0x597170)
	/go/src/testing/testing.go:2109 +0x4e5
main.main()
	_testmain.go:48 +0xa5

goroutine 7 [chan receive (leaked), 2 minutes]:
goker/gobench/goker/blocking/toy/2.TestToy2(0x306bc84b6248?)
	/w/module/gobench/goker/blocking/toy/2/toy2_test.go:10 +0xf
testing.tRunner(0x306bc84b6248, 0x597170)
	/go/src/testing/testing.go:2036 +0xea
created by testing.(*T).Run in goroutine 1
	/go/src/testing/testing.go:2101 +0x4c5

goroutine 8 [chan send (leaked)]:
goker/gobench/goker/blocking/toy/2.TestToy2.func1()
	/w/module/gobench/goker/blocking/toy/2/toy2_test.go:9 +0x25
created by goker/gobench/goker/blocking/toy/2.TestToy2 in goroutine 7
	/w/module/gobench/goker/blocking/toy/2/toy2_test.go:9 +0x5d

goroutine 9 [sync.Mutex.Lock (leaked)]:
sync.(*Mutex).Lock(...)
	/go/src/sync/mutex.go:46
...additional frames elided...
created by time.goFunc
	/go/src/time/sleep.go:215 +0x2d

goroutine 10 [select]:
goker/gobench/goker/blocking/toy/2.TestToy2.func2()
	/w/module/gobench/goker/blocking/toy/2/toy2_test.go:9 +0x25
created by goker/gobench/goker/blocking/toy/2.TestToy2 in goroutine 7
	/w/module/gobench/goker/blocking/toy/2/toy2_test.go:9 +0x5d
`

func TestParseProfile(t *testing.T) {
	l := testLabels(t)
	k := l.kernel("toy_2")
	got, err := parseProfile([]byte(profileText), l, k, "/w/module")
	if err != nil {
		t.Fatal(err)
	}
	const file = "gobench/goker/blocking/toy/2/toy2_test.go"
	want := []report{
		{Kernel: "toy_2", Rule: testGoroutineRule, File: file, Message: "the test goroutine leaked, blocked in chan receive at toy2_test.go:10"},
		{Kernel: "toy_2", Rule: toolProfile, File: file, Line: 9, Message: "goroutine leaked, blocked in chan send at toy2_test.go:9"},
		{Kernel: "toy_2", Rule: toolProfile, File: file, Message: "goroutine created by time.goFunc at /go/src/time/sleep.go:215 leaked, blocked in sync.Mutex.Lock"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("reports:\n%+v\nwant\n%+v", got, want)
	}
	for _, bad := range []string{
		"goroutine x [running]:\n",
		"goroutine 3 [chan send (leaked)]:\nf()\n\t/w/module/x.go:3 +0x1\n",
	} {
		if _, err := parseProfile([]byte(bad), l, k, "/w/module"); err == nil {
			t.Errorf("parseProfile(%q) succeeded", bad)
		}
	}
}

// TestRunKernels runs the whole command on the test's own kernels: every
// column, scored, written to a file; the kernel that is not labelled is
// neither copied nor run, and the static tools never see the TestMain that
// the profile adds.
func TestRunKernels(t *testing.T) {
	if testing.Short() {
		t.Skip("builds twinevet and test binaries with the goroutineleak profile, and waits out two budgets")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "GOKER.md")
	work := filepath.Join(dir, "work")
	args := []string{"-gobench", "testdata/gobench", "-labels", "testdata/labels.json", "-count", "3", "-budget", "2s"}
	cfg, err := parseFlags(args, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	cfg.out, cfg.work, cfg.log = out, work, io.Discard
	res, err := run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.fails) > 0 {
		t.Fatalf("failures: %q", res.fails)
	}
	want := map[string]struct {
		totals string
		cells  [3]string // toy_1, toy_2, toy_3
	}{
		toolTwine:   {"2/2 detected, 0 false", [3]string{"**yes** 10 15°", "**yes** 9", "–"}},
		toolProfile: {"2/2 detected, 0 false", [3]string{"**yes** 10", "**yes** 9 main", "– main"}},
		toolVet:     {"0/2 detected, 0 false", [3]string{"no", "no", "–"}},
	}
	for _, s := range res.scores {
		w := want[s.tool]
		if got := s.totals(); got != w.totals {
			t.Errorf("%s: %s, want %s", s.tool, got, w.totals)
		}
		for i, id := range []string{"toy_1", "toy_2", "toy_3"} {
			if got := s.cell(res.labels.kernel(id)); got != w.cells[i] {
				t.Errorf("%s on %s: %q, want %q", s.tool, id, got, w.cells[i])
			}
		}
	}
	// Three runs of toy_1 leak three goroutines at line 10.
	if n := strings.Count(res.markdown(true), "toy1_test.go:10: [goroutineleak] goroutine leaked, blocked in chan send at toy1_test.go:10 (×3) — leaking"); n != 1 {
		t.Errorf("the report of toy_1's three leaked goroutines appears %d times", n)
	}
	for _, mod := range []string{filepath.Join(work, "module"), filepath.Join(work, "profile", "module")} {
		if _, err := os.Stat(filepath.Join(mod, "gobench", "goker", "blocking", "heldout")); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("the unlabelled kernel was copied into %s: %v", mod, err)
		}
	}
	// The static tools see the kernels as they are, without the TestMain.
	if _, err := os.Stat(filepath.Join(work, "module", "gobench", "goker", "blocking", "toy", "1", testMainFile)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the module the static tools analyze holds the profile's TestMain: %v", err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		"- command: `cd bench && go run ./goker " + strings.Join(args, " ") + "`",
		"| twine | 2 / 2 | 0 | 1 | 0 | 0 |",
		"| toy_2 | Channel | 9 +main | **yes** 9 | **yes** 9 main | no |",
		"toy1_test.go:15:2: [barego] goroutine is never joined",
		"No tool or kernel failed.",
	} {
		if !strings.Contains(string(data), s) {
			t.Errorf("%s lacks %q:\n%s", out, s, data)
		}
	}
}

// TestRunRefusesBadInput checks the errors that stop a run before any
// tool runs, and that no results file is written then.
func TestRunRefusesBadInput(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "GOKER.md")
	labels := filepath.Join(dir, "labels.json")
	data, err := os.ReadFile(filepath.Join("testdata", "labels.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(labels, []byte(strings.Replace(string(data), "toy/3", "toy/4", 1)), 0o666); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		cfg  config
		want string
	}{
		{config{gobench: "testdata/gobench", labels: labels}, "kernel toy_3: no file gobench/goker/blocking/toy/4/toy3_test.go in the GoBench checkout"},
		{config{gobench: dir, labels: filepath.Join("testdata", "labels.json")}, "kernel toy_1: no file"},
		{config{gobench: "testdata/gobench", labels: labels, projects: []string{"heldout"}}, `project "heldout" has no kernel in the labels`},
	} {
		tc.cfg.out, tc.cfg.tools, tc.cfg.log = out, toolNames, io.Discard
		if _, err := run(tc.cfg); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("error %v, want %q", err, tc.want)
		}
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused run wrote %s: %v", out, err)
	}
}
