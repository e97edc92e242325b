package platformtest

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/twine-go/twine/internal/leaktest"
	"github.com/twine-go/twine/runtime/proc"
)

func TestMain(m *testing.M) { os.Exit(leaktest.Main(m)) }

const procPkg = "github.com/twine-go/twine/runtime/proc"

// TestPOSIXImplementation runs proc's tests with -race under the build tag
// twine_posix, on Linux, so that the code macOS and the BSDs run is tested
// where CI runs: go test -race ./... runs it through this test. The tests run
// with -short, which only shortens the loop of the typed-process race.
func TestPOSIXImplementation(t *testing.T) {
	switch {
	case posixTag:
		t.Skip("already under twine_posix: proc's own tests run the POSIX implementation")
	case testing.Short():
		t.Skip("runs proc's tests again, under twine_posix")
	}
	goCmd(t, nil, "test", "-race", "-short", "-tags", "twine_posix", procPkg)
}

// TestOtherSystemsBuild builds and vets proc, and everything in the module
// that imports it, for macOS and FreeBSD (the POSIX implementation) and for
// Windows (where Start and Run return errors.ErrUnsupported). go vet with
// GOOS set type-checks for that system and needs no network.
func TestOtherSystemsBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the standard library for three more systems")
	}
	pkgs := importers(t)
	for _, target := range []string{"darwin/arm64", "freebsd/amd64", "windows/amd64"} {
		t.Run(target, func(t *testing.T) {
			goos, goarch, _ := strings.Cut(target, "/")
			env := []string{"GOOS=" + goos, "GOARCH=" + goarch, "CGO_ENABLED=0"}
			goCmd(t, env, append([]string{"build"}, pkgs...)...)
			goCmd(t, env, append([]string{"vet"}, pkgs...)...)
		})
	}
}

// importers returns proc and the packages of the module under runtime/ and
// examples/ (proc's users), as patterns for the go command.
func importers(t *testing.T) []string {
	root := filepath.Dir(strings.TrimSpace(goCmd(t, nil, "env", "GOMOD")))
	var pkgs []string
	for _, dir := range []string{"runtime", "examples"} {
		if _, err := os.Stat(filepath.Join(root, dir)); err == nil {
			pkgs = append(pkgs, filepath.Join(root, dir)+"/...")
		}
	}
	return pkgs
}

// goCmd runs the go command to completion under proc, so that nothing it
// starts outlives the test, and fails the test with its output if it fails.
func goCmd(t *testing.T, env []string, args ...string) string {
	t.Helper()
	var out bytes.Buffer
	cmd := exec.Command("go", args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdout, cmd.Stderr = &out, &out
	ctx, cancel := context.WithTimeout(t.Context(), 9*time.Minute)
	defer cancel()
	if err := proc.Run(ctx, cmd, proc.WithGrace(10*time.Second)); err != nil {
		t.Fatalf("%s %s: %v\n%s", strings.Join(env, " "), cmd, err, out.String())
	}
	return out.String()
}
