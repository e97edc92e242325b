package analyzer_test

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/twine-go/twine/analyzer"
	"github.com/twine-go/twine/internal/vetunit"
	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/packages"
)

func TestBarego(t *testing.T) {
	t.Parallel()
	run(t, "barego")
}

func TestBaregoFix(t *testing.T) {
	t.Parallel()
	runFixes(t, "barefix")
}

func TestCtxescape(t *testing.T) {
	t.Parallel()
	run(t, "ctxescape")
}

func TestCtxdetach(t *testing.T) {
	t.Parallel()
	run(t, "ctxdetach", "ctxdetachmain")
}

func TestScopeleak(t *testing.T) {
	t.Parallel()
	run(t, "scopeleak")
}

func TestScopeFacts(t *testing.T) {
	t.Parallel()
	run(t, "example.com/bundle", "example.com/app")
}

func TestProcleak(t *testing.T) {
	t.Parallel()
	run(t, "procleak")
}

func TestSpawns(t *testing.T) {
	t.Parallel()
	run(t, "example.com/spawns/lib", "example.com/spawns/app")
}

func TestSuppress(t *testing.T) {
	t.Parallel()
	run(t, "suppress")
}

func TestGenerated(t *testing.T) {
	t.Parallel()
	run(t, "generated")
}

func TestStrict(t *testing.T) {
	setFlags(t, "strict", "true")
	run(t, "strict")
}

// TestExplain checks the notes on accepted go statements.
func TestExplain(t *testing.T) {
	setFlags(t, "explain", "true")
	run(t, "explain")
}

func TestRulesOff(t *testing.T) {
	setFlags(t, "barego", "false", "ctxdetach", "false", "ctxescape", "false")
	run(t, "flagsoff")
}

// run checks the diagnostics and facts of the pass on packages of
// testdata against their // want comments, and that every diagnostic looks
// like one (see checkDiagnostic).
func run(t *testing.T, pkgs ...string) {
	t.Helper()
	for _, r := range analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, pkgs...) {
		for _, d := range r.Diagnostics {
			checkDiagnostic(t, r.Pass.Fset, d)
		}
	}
}

// runFixes is run, and checks the fixed files against their .golden files.
func runFixes(t *testing.T, pkgs ...string) {
	t.Helper()
	for _, r := range analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), analyzer.Analyzer, pkgs...) {
		for _, d := range r.Diagnostics {
			checkDiagnostic(t, r.Pass.Fset, d)
		}
	}
}

// setFlags sets analyzer flags for the rest of the test and restores them
// when it ends.
func setFlags(t *testing.T, kv ...string) {
	t.Helper()
	for i := 0; i < len(kv); i += 2 {
		f := analyzer.Analyzer.Flags.Lookup(kv[i])
		if f == nil {
			t.Fatalf("no flag -%s", kv[i])
		}
		old := f.Value.String()
		if err := f.Value.Set(kv[i+1]); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Value.Set(old) })
	}
}

func TestCtxdetachFix(t *testing.T) {
	t.Parallel()
	runFixes(t, "ctxfix")
}

// TestFixedCodeCompiles type-checks what the suggested fixes produce: each
// package with .golden files is loaded with the golden text in place of
// its sources, against the same stubs.
func TestFixedCodeCompiles(t *testing.T) {
	src := filepath.Join(analysistest.TestData(), "src")
	files := make(map[string]string)
	var goldenPkgs []string
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		rel = filepath.ToSlash(rel)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		switch {
		case strings.HasSuffix(rel, ".go.golden"):
			files["src/"+strings.TrimSuffix(rel, ".golden")] = string(data)
			if pkg := filepath.ToSlash(filepath.Dir(rel)); !slices.Contains(goldenPkgs, pkg) {
				goldenPkgs = append(goldenPkgs, pkg)
			}
		case strings.HasSuffix(rel, ".go"):
			if _, ok := files["src/"+rel]; !ok {
				files["src/"+rel] = string(data)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(goldenPkgs) == 0 {
		t.Fatal("no .golden files in testdata")
	}
	dir := t.TempDir()
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedTypes | packages.NeedSyntax | packages.NeedTypesInfo,
		Dir:  dir,
		Env:  append(os.Environ(), "GOPATH="+dir, "GO111MODULE=off", "GOPROXY=off"),
	}
	pkgs, err := packages.Load(cfg, goldenPkgs...)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pkgs {
		for _, e := range p.Errors {
			t.Errorf("fixed %s does not compile: %v", p.PkgPath, e)
		}
	}
}

func TestDoc(t *testing.T) {
	doc := analyzer.Analyzer.Doc
	if !strings.HasPrefix(doc, "report concurrency that escapes structure\n") {
		t.Errorf("Doc starts %q, want the summary line first", doc[:min(len(doc), 60)])
	}
	for _, r := range analyzer.Rules() {
		if r.Name == "detached" || r.Name == "explain" {
			continue
		}
		if !strings.Contains(doc, "# "+r.Name+":") {
			t.Errorf("Doc has no section for rule %s", r.Name)
		}
		if analyzer.Analyzer.Flags.Lookup(r.Name) == nil {
			t.Errorf("no flag -%s", r.Name)
		}
	}
}

func TestRealWorld(t *testing.T) {
	t.Parallel()
	run(t, "realworld")
}

// TestMisses runs leaky programs written the way they are shipped (one or
// more per rule) and checks that each leak is reported at its node.
func TestMisses(t *testing.T) {
	t.Parallel()
	run(t, "example.com/misses/lib", "misses", "misses/wgonly")
}

// TestOwnership runs the shapes of the ownership model: joins and stops
// handed on and checked at the other end, stops recognised by effect,
// handshakes and single receives that are not joins.
func TestOwnership(t *testing.T) {
	t.Parallel()
	run(t, "ownership", "ownershipplain", "semaphore", "ownership/methodvalue", "ownership/condgate", "ownership/condlock", "ownership/condshared", "example.com/ownership/lender")
}

// TestHandedRun runs goroutines handed to whoever runs the code: a value
// dropped by a caller that keeps only the error of a call that succeeds,
// and spawn hooks written as function literals.
func TestHandedRun(t *testing.T) {
	t.Parallel()
	run(t, "handedrun")
}

// TestCallbackPool runs a pool that hands the join of each goroutine it
// starts to its caller, through the function the caller gives: callers in
// its package and in another (facts) must signal and wait.
func TestCallbackPool(t *testing.T) {
	t.Parallel()
	run(t, "example.com/pool/lib", "example.com/pool/app")
}

// TestPlan runs a loop of another package that calls a handler held in an
// exported field: the fact says it may wait on anything, as its own
// package knows, so a deferred Stop of the plan stops it.
func TestPlan(t *testing.T) {
	t.Parallel()
	run(t, "example.com/plan/lib", "example.com/plan/user")
}

// TestStream runs goroutines that range over request streams a connection
// of another package returns beside a channel: closing that channel, or the
// connection the streams came from, ends them.
func TestStream(t *testing.T) {
	t.Parallel()
	run(t, "example.com/stream/mux", "example.com/stream/user")
}

// TestTransport runs a client over a connection its caller passes in:
// closing that connection ends the reader, whose shutdown ends the rest
// (exits.go), in the package and through facts.
func TestTransport(t *testing.T) {
	t.Parallel()
	run(t, "example.com/transport/conn", "example.com/transport/user")
}

// TestGate runs goroutines an option keeps from starting (gate.go).
//
// TestRegistry runs channels registered with a value whose Close closes
// them all (registry.go), in the package and through facts.
// TestFactsOnly runs the pass as twinevet does on a dependency go vet
// analyses only for its facts: the facts are exported as in a full run,
// and no rule runs. Not parallel: it sets a process-wide switch.
func TestFactsOnly(t *testing.T) {
	full := analysistest.Run(ignoreWants{}, analysistest.TestData(), analyzer.Analyzer, "example.com/gate/srv")
	vetunit.FactsOnly = true
	defer func() { vetunit.FactsOnly = false }()
	only := analysistest.Run(ignoreWants{}, analysistest.TestData(), analyzer.Analyzer, "example.com/gate/srv")
	if len(full) != 1 || len(only) != 1 {
		t.Fatalf("%d and %d results, want one each", len(full), len(only))
	}
	if len(full[0].Diagnostics) == 0 || len(only[0].Diagnostics) != 0 {
		t.Errorf("diagnostics: %d in the full run, %d with facts only; want some, then none", len(full[0].Diagnostics), len(only[0].Diagnostics))
	}
	facts := func(r *analysistest.Result) []string {
		var out []string
		for obj, fs := range r.Facts {
			for _, f := range fs {
				out = append(out, obj.Name()+": "+fmt.Sprint(f))
			}
		}
		slices.Sort(out)
		return out
	}
	if got, want := facts(only[0]), facts(full[0]); len(want) == 0 || !slices.Equal(got, want) {
		t.Errorf("facts with facts only:\n%s\nwant those of the full run:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// ignoreWants takes analysistest's complaints about // want comments: a
// run whose diagnostics are compared by hand.
type ignoreWants struct{}

func (ignoreWants) Errorf(string, ...any) {}

func TestGate(t *testing.T) {
	t.Parallel()
	run(t, "example.com/gate/srv", "example.com/gate/app")
}

func TestRegistry(t *testing.T) {
	t.Parallel()
	run(t, "example.com/registry/events", "example.com/registry/app")
}

// TestStopChan takes a stop channel from another package's accessor: the
// value's Stop, which closes it under a flag, releases what waits on it.
func TestStopChan(t *testing.T) {
	t.Parallel()
	run(t, "example.com/stopchan")
}

// TestSteady runs a package whose verdict once hung on the order of a
// map's iteration, several times: the same facts and reports each time.
func TestSteady(t *testing.T) {
	t.Parallel()
	for range 6 {
		run(t, "example.com/steady/shut", "example.com/steady")
	}
}

// TestDeepChains checks that what summaries record about the readers and
// function values a function is given does not grow with the number of
// paths through its calls.
func TestDeepChains(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "chains")
}
