package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The README's commands for adopting twine from a checkout (or a fork):
// go get -tool asks the module proxy for the unpublished path before a
// replace applies, so the tools are pinned with go mod edit instead.
var adoptCommands = [][]string{
	{"go", "mod", "edit", "-replace=" + modulePath + "=CHECKOUT"},
	{"go", "mod", "edit", "-require=" + modulePath + "@v0.1.0", "-tool=" + modulePath + "/cmd/twinevet", "-tool=" + modulePath + "/cmd/twinegen"},
	{"go", "mod", "tidy"},
}

// vetInCI is the README's go vet command for CI: the lookup of the tool
// fails the step when twinevet is not pinned.
const vetInCI = `vettool="$(go tool -n twinevet)" && go vet -vettool="$vettool" ./...`

// TestReadme checks that the README gives the commands these tests run:
// the adoption from a checkout, the CI commands, and the main of the
// custom golangci-lint.
func TestReadme(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := strings.ReplaceAll(string(data), " \\\n    ", " ") // continued lines
	want := []string{golangciMain, "go tool twinevet ./...", vetInCI}
	for _, args := range adoptCommands {
		want = append(want, strings.ReplaceAll(strings.Join(args, " "), "CHECKOUT", "../twine"))
	}
	for _, w := range want {
		if !strings.Contains(readme, w) {
			t.Errorf("README.md lacks:\n%s", w)
		}
	}
}

// TestAdoptFromCheckout adopts twine into a fresh module from this
// checkout, command for command as the README says, then runs what a team
// runs: go generate (twinegen), go build, and the CI command, go tool
// twinevet ./..., which reports twine's finding and go vet's own with exit
// status 3, in text and in SARIF. A package that does not compile fails the
// CI command, and the SARIF says so.
func TestAdoptFromCheckout(t *testing.T) {
	skipShort(t)
	t.Parallel()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(root, "testdata", "e2e", "adopt"))); err != nil {
		t.Fatal(err)
	}
	mustRun(t, dir, nil, "go", "mod", "init", "example.com/adopt")
	for _, args := range adoptCommands {
		args = slices.Clone(args)
		for i := range args {
			args[i] = strings.ReplaceAll(args[i], "CHECKOUT", root)
		}
		mustRun(t, dir, nil, args[0], args[1:]...)
	}

	mustRun(t, dir, nil, "go", "generate", "./...")
	src, err := os.ReadFile(filepath.Join(dir, "twine_bundles.go"))
	if err != nil {
		t.Fatal(err)
	}
	// The standard library's imports, then the others.
	if want := "import (\n\t\"context\"\n\t\"sync\"\n\t\"time\"\n\n\t\"" + modulePath + "/runtime/nursery\"\n)\n"; !strings.Contains(string(src), want) {
		t.Errorf("twine_bundles.go lacks the import block\n%s\nin:\n%s", want, src)
	}
	mustRun(t, dir, nil, "go", "build", "./...")

	want := map[string]string{
		position(t, dir, "fetch.go", "go Sizes"): `^goroutine .*is never joined, so it can outlive Warm\b`,
		position(t, dir, "fetch.go", "%d"):       `^fmt\.Sprintf format %d has arg d\.String\(\) of wrong type string$`,
	}
	out := mustFail(t, 3, dir, nil, "go", "tool", "twinevet", "./...")
	checkReports(t, "go tool twinevet", diagnostics(out), want)

	out = mustFail(t, 3, dir, nil, "go", "tool", "twinevet", "-sarif", "./...")
	log := readSARIF(t, out)
	var rules []string
	for _, r := range log.Runs[0].Results {
		rules = append(rules, r.RuleID)
	}
	if strings.Join(rules, " ") != "barego printf" || !log.Runs[0].Invocations[0].ExecutionSuccessful {
		t.Errorf("SARIF results %q, invocation %+v; want barego and printf, and a success", rules, log.Runs[0].Invocations[0])
	}

	t.Run("broken package", func(t *testing.T) {
		broken := filepath.Join(dir, "broken", "broken.go")
		if err := os.MkdirAll(filepath.Dir(broken), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(broken, []byte("package broken\n\nvar N int = \"one\"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		defer os.RemoveAll(filepath.Dir(broken))
		out := mustFail(t, 1, dir, nil, "go", "tool", "twinevet", "-sarif", "./...")
		inv := readSARIF(t, out).Runs[0].Invocations[0]
		if inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 1 {
			t.Fatalf("invocation %+v, want a failure with one notification", inv)
		}
		n := inv.ToolExecutionNotifications[0]
		loc := n.Locations[0].PhysicalLocation
		if n.Level != "error" || !strings.Contains(n.Message.Text, `cannot use "one"`) ||
			loc.ArtifactLocation.URI != "broken/broken.go" || loc.Region.StartLine != 3 || loc.Region.StartColumn != 13 {
			t.Errorf("notification %+v, want the type error at broken/broken.go:3:13", n)
		}
		out = mustFail(t, 1, dir, nil, "go", "tool", "twinevet", "./...")
		if want := `./broken/broken.go:3:13: cannot use "one"`; !strings.Contains(out, want) {
			t.Errorf("go tool twinevet output lacks %q:\n%s", want, out)
		}
	})
}

// TestCICommandFailsWithoutTwine runs the README's CI commands in a module
// that has not pinned twinevet: each must fail, never pass while checking
// nothing. (go vet -vettool="$(go tool -n twinevet)" alone runs plain vet
// and passes: go tool -n prints its error and nothing else.)
func TestCICommandFailsWithoutTwine(t *testing.T) {
	skipShort(t)
	t.Parallel()
	dir := t.TempDir()
	mustRun(t, dir, nil, "go", "mod", "init", "example.com/nottwine")
	if err := os.WriteFile(filepath.Join(dir, "ok.go"), []byte("package ok\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if r := command(dir, nil, "go", "tool", "twinevet", "./..."); r.code == 0 || !strings.Contains(r.out, `no such tool "twinevet"`) {
		t.Errorf("go tool twinevet without the tool: exit status %d, output %q; want a failure that says why", r.code, r.out)
	}
	if r := command(dir, nil, "sh", "-c", vetInCI); r.code == 0 || !strings.Contains(r.out, `no such tool "twinevet"`) {
		t.Errorf("%s without the tool: exit status %d, output %q; want a failure that says why", vetInCI, r.code, r.out)
	}
}

// sarifLog is what the tests read of twinevet's SARIF.
type sarifLog struct {
	Runs []struct {
		Results []struct {
			RuleID string
		}
		Invocations []struct {
			ExecutionSuccessful        bool
			ToolExecutionNotifications []struct {
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           struct{ StartLine, StartColumn int }
					}
				}
			}
		}
	}
}

// readSARIF parses a SARIF log of one run and one invocation.
func readSARIF(t *testing.T, out string) sarifLog {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal([]byte(out), &log); err != nil || len(log.Runs) != 1 || len(log.Runs[0].Invocations) != 1 {
		t.Fatalf("want SARIF with one run and one invocation (%v):\n%s", err, out)
	}
	return log
}
