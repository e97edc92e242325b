package repotest

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestBenchModuleRuns vets the bench module (its own go.mod, so that errgroup
// and conc never become twine's dependencies), runs its tests (realworld's
// measures a tiny module end to end) and each of its benchmarks once, so a
// broken comparison cannot hide until someone measures.
func TestBenchModuleRuns(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command on the bench module")
	}
	dir, err := filepath.Abs("../../bench")
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"vet", "./..."},
		{"test", "-bench", ".", "-benchtime", "1x", "./..."},
	} {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go %v in bench/: %v\n%s", args, err, out)
		}
	}
}
