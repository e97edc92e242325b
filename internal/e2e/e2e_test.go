package e2e

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/twine-go/twine/internal/leaktest"
)

// modulePath is twine's module path.
const modulePath = "github.com/twine-go/twine"

var (
	// root is the repository root: the module this test belongs to.
	root string

	// work is a directory for what the tests build once and share; it is
	// removed when the test binary ends.
	work string
)

func TestMain(m *testing.M) {
	flag.Parse()
	os.Exit(run(m))
}

func run(m *testing.M) int {
	var err error
	if root, err = filepath.Abs(filepath.Join("..", "..")); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if work, err = os.MkdirTemp("", "twine-e2e-"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	code := m.Run()
	// The go command makes its module cache read-only; work holds
	// none, but a failed build may have left anything behind.
	if err := os.RemoveAll(work); err != nil {
		fmt.Fprintln(os.Stderr, err)
		code = 1
	}
	if code == 0 {
		if err := leaktest.Leftovers(1); err != nil {
			fmt.Fprintln(os.Stderr, "e2e:", err)
			code = 1
		}
	}
	return code
}

// skipShort skips the calling test in -short mode.
func skipShort(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end: builds tools and runs the go command")
	}
}

// goEnv is the environment of the go commands the tests run: the user's,
// with the main module and the toolchain pinned, and GOFLAGS replaced so
// that flags set by the user (-mod=vendor, say) change nothing. The
// default -mod=readonly makes a fixture that lacks a requirement fail as it
// would for a user; -buildvcs=false spares the tools built from the
// checkout a git that may not be there or may not trust the directory.
func goEnv(extra ...string) []string {
	env := append(os.Environ(), "GOWORK=off", "GOTOOLCHAIN=local", "GOFLAGS=-mod=readonly -buildvcs=false")
	return append(env, extra...)
}

// result is what a command did.
type result struct {
	out  string // stdout and stderr, interleaved
	code int    // exit code; -1 if it could not start or died by a signal
	err  error
}

// command runs name with args in dir, with env (nil: goEnv()), and waits
// for it.
func command(dir string, env []string, name string, args ...string) result {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = env
	if env == nil {
		cmd.Env = goEnv()
	}
	out, err := cmd.CombinedOutput()
	r := result{out: string(out), err: err, code: -1}
	if cmd.ProcessState != nil {
		r.code = cmd.ProcessState.ExitCode()
	}
	return r
}

// mustRun runs a command that must succeed and returns its output.
func mustRun(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	r := command(dir, env, name, args...)
	if r.err != nil {
		t.Fatalf("%s %s (in %s): %v\n%s", name, strings.Join(args, " "), dir, r.err, r.out)
	}
	return r.out
}

// mustFail runs a command that must exit with the given code and returns
// its output.
func mustFail(t *testing.T, code int, dir string, env []string, name string, args ...string) string {
	t.Helper()
	r := command(dir, env, name, args...)
	if r.code != code {
		t.Fatalf("%s %s (in %s): %v, want exit status %d\n%s", name, strings.Join(args, " "), dir, r.err, code, r.out)
	}
	return r.out
}

// copyFixture copies testdata/e2e/name into a fresh temporary directory
// and returns it.
func copyFixture(t *testing.T, name string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(root, "testdata", "e2e", name))); err != nil {
		t.Fatal(err)
	}
	return dir
}

// replacedFixture copies testdata/e2e/name, whose go.mod requires twine
// v0.0.0, and replaces twine with this checkout, as a team would try out a
// local change; go mod tidy completes go.sum from twine's own.
func replacedFixture(t *testing.T, name string) string {
	t.Helper()
	dir := copyFixture(t, name)
	mustRun(t, dir, nil, "go", "mod", "edit", "-replace="+modulePath+"="+root)
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644); err != nil {
		t.Fatal(err)
	}
	mustRun(t, dir, nil, "go", "mod", "tidy")
	return dir
}

// position returns "file:line:col" of the first occurrence of s in the
// file dir/name, as go vet and golangci-lint print it (columns in bytes,
// from 1).
func position(t *testing.T, dir, name, s string) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	i := bytes.Index(src, []byte(s))
	if i < 0 {
		t.Fatalf("%s has no %q", name, s)
	}
	line := bytes.Count(src[:i], []byte("\n")) + 1
	col := i - bytes.LastIndexByte(src[:i], '\n')
	return fmt.Sprintf("%s:%d:%d", name, line, col)
}

// diagnostic is one reported line: "file:line:col: message".
var diagnostic = regexp.MustCompile(`(?m)^(?:\./)?(\S+\.go:\d+:\d+): (.*)$`)

// diagnostics returns the reports in a tool's output, position to message.
func diagnostics(out string) map[string]string {
	d := make(map[string]string)
	for _, m := range diagnostic.FindAllStringSubmatch(out, -1) {
		d[m[1]] = m[2]
	}
	return d
}

// checkReports fails the test unless the reports are at exactly the
// positions of want, each with a message that matches want's regular
// expression for it. The expressions hold what a user relies on (the rule,
// the API to use instead), not the analyzer's every word.
func checkReports(t *testing.T, what string, reports, want map[string]string) {
	t.Helper()
	ok := len(reports) == len(want)
	for pos, re := range want {
		msg, found := reports[pos]
		if !found || !regexp.MustCompile(re).MatchString(msg) {
			ok = false
		}
	}
	if !ok {
		t.Errorf("%s reports:\n%q\nwant:\n%q", what, reports, want)
	}
}

// sameFile fails the test unless the file dir/name has the content of the
// file want.
func sameFile(t *testing.T, dir, name, want string) {
	t.Helper()
	got, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	w, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, w) {
		t.Errorf("%s differs from %s; got:\n%s", name, want, got)
	}
}
