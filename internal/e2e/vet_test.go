package e2e

import (
	"maps"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

var vettool struct {
	once sync.Once
	bin  string
	err  string
}

// twinevet returns cmd/twinevet built from this checkout, once per test
// binary.
func twinevet(t *testing.T) string {
	t.Helper()
	vettool.once.Do(func() {
		bin := filepath.Join(work, "twinevet")
		if r := command(root, nil, "go", "build", "-o", bin, "./cmd/twinevet"); r.err != nil {
			vettool.err = r.err.Error() + "\n" + r.out
			return
		}
		vettool.bin = bin
	})
	if vettool.err != "" {
		t.Fatalf("go build ./cmd/twinevet: %s", vettool.err)
	}
	return vettool.bin
}

// baregoReport is twine's report on the vet fixture in dir, position to
// message pattern: barego, at the bare go statement. The one in
// generated.go is not reported.
func baregoReport(t *testing.T, dir string) map[string]string {
	t.Helper()
	return map[string]string{
		position(t, dir, "sum.go", "go square(total, x)"): `^goroutine .*is never joined\b.*: start it with n\.Go\b`,
	}
}

// printfReport is go vet's own report on the vet fixture in dir: printf,
// at the verb.
func printfReport(t *testing.T, dir string) map[string]string {
	t.Helper()
	return map[string]string{
		position(t, dir, "report/report.go", "%s: %d"): `^fmt\.Sprintf format %s has arg sum of wrong type int64$`,
	}
}

// both returns the union of two sets of reports.
func both(a, b map[string]string) map[string]string {
	m := maps.Clone(a)
	maps.Copy(m, b)
	return m
}

// TestVet runs go vet -vettool=twinevet on testdata/e2e/vet: twine reports
// at the go statement's file:line:col, and go vet's own suite still runs.
// It also shows the bug the report is about: the fixture's test fails.
func TestVet(t *testing.T) {
	skipShort(t)
	t.Parallel()
	tool := twinevet(t)
	dir := replacedFixture(t, "vet")

	out := mustFail(t, 1, dir, nil, "go", "vet", "-vettool="+tool, "./...")
	checkReports(t, "go vet", diagnostics(out), both(baregoReport(t, dir), printfReport(t, dir)))

	out = mustFail(t, 1, dir, nil, "go", "test", "-count=1", ".")
	if want := "SumSquares = 0, <nil>; want 30, nil"; !strings.Contains(out, want) {
		t.Errorf("before the fix, go test output lacks %q:\n%s", want, out)
	}

	t.Run("flags", func(t *testing.T) {
		// Through go vet, the analyzer's flags carry its name; naming an
		// analyzer runs it alone.
		out := mustFail(t, 1, dir, nil, "go", "vet", "-vettool="+tool, "-twine.barego=false", "./...")
		checkReports(t, "with -twine.barego=false, go vet", diagnostics(out), printfReport(t, dir))
		out = mustFail(t, 1, dir, nil, "go", "vet", "-vettool="+tool, "-twine", "./...")
		checkReports(t, "with -twine, go vet", diagnostics(out), baregoReport(t, dir))
	})

	t.Run("diff", func(t *testing.T) {
		// -fix -diff prints the fix and changes no file.
		out := mustFail(t, 1, dir, nil, "go", "vet", "-vettool="+tool, "-fix", "-diff", "./...")
		for _, want := range []string{
			"--- " + filepath.Join(dir, "sum.go") + " (old)\n",
			"-\t\t\tgo square(total, x)\n+\t\t\tn.Go(func(context.Context) error {\n+\t\t\t\tsquare(total, x)\n",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("go vet -fix -diff output lacks %q:\n%s", want, out)
			}
		}
		if strings.Contains(out, "generated.go") {
			t.Errorf("go vet -fix -diff changes the generated file:\n%s", out)
		}
		sameFile(t, dir, "sum.go", filepath.Join(root, "testdata", "e2e", "vet", "sum.go"))
	})
}

// TestFix applies twine's suggested fix on testdata/e2e/vet with go vet
// -fix and with go fix -fixtool: the bare go statement becomes n.Go, the
// module builds, twinevet has nothing more to say about it, and its test
// now passes because SumSquares waits for its work.
func TestFix(t *testing.T) {
	skipShort(t)
	t.Parallel()
	tool := twinevet(t)
	for name, args := range map[string][]string{
		"go vet -fix": {"vet", "-vettool=" + tool, "-fix", "./..."},
		"go fix":      {"fix", "-fixtool=" + tool, "./..."},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := replacedFixture(t, "vet")
			mustRun(t, dir, nil, "go", args...)

			fixture := filepath.Join(root, "testdata", "e2e", "vet")
			sameFile(t, dir, "sum.go", filepath.Join(fixture, "sum.go.golden"))
			// No fix for printf's report; none applies in a generated file.
			sameFile(t, dir, filepath.Join("report", "report.go"), filepath.Join(fixture, "report", "report.go"))
			sameFile(t, dir, "generated.go", filepath.Join(fixture, "generated.go"))

			mustRun(t, dir, nil, "go", "build", "./...")
			mustRun(t, dir, nil, "go", "vet", "-vettool="+tool, ".")
			out := mustFail(t, 1, dir, nil, "go", "vet", "-vettool="+tool, "./...")
			checkReports(t, "after the fix, go vet", diagnostics(out), printfReport(t, dir))
			out = mustRun(t, dir, nil, "go", "test", "-race", "-count=1", ".")
			if !strings.Contains(out, "ok  \texample.com/vetfix") {
				t.Errorf("go test output:\n%s", out)
			}
		})
	}
}

// TestVetTool runs twinevet as the README pins it: go get -tool from the
// module proxy, then go vet -vettool="$(go tool -n twinevet)".
func TestVetTool(t *testing.T) {
	skipShort(t)
	t.Parallel()
	env, version := proxyEnv(t)
	dir := copyFixture(t, "vet")
	// The fixture requires twine v0.0.0, for a replace; a user gets twine
	// from the proxy instead.
	mustRun(t, dir, env, "go", "mod", "edit", "-droprequire="+modulePath)
	out := mustRun(t, dir, env, "go", "get", "-tool", modulePath+"/cmd/twinevet")
	if want := "go: added " + modulePath + " " + version; !strings.Contains(out, want) {
		t.Errorf("go get -tool output lacks %q:\n%s", want, out)
	}
	tool := strings.TrimSpace(mustRun(t, dir, env, "go", "tool", "-n", "twinevet"))
	out = mustFail(t, 1, dir, env, "go", "vet", "-vettool="+tool, "./...")
	checkReports(t, "go vet", diagnostics(out), both(baregoReport(t, dir), printfReport(t, dir)))
}
