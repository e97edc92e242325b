package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/twine-go/twine/gen"
)

// The end-to-end test works as a user of a published twine would: a module
// that requires twine, pins twinegen with the tool directive and runs it
// through go generate. The module is testdata/gen/fixture, copied into a
// temporary directory, with twine replaced by this checkout.

// goIn runs the go command in dir and returns its combined output.
func goIn(dir string, args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS="+strings.TrimSpace(os.Getenv("GOFLAGS")+" -mod=mod"), "GOWORK=off")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// mustGo runs the go command in dir and fails the test if it fails.
func mustGo(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := goIn(dir, args...)
	if err != nil {
		t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// setupFixture copies testdata/gen/name into a temporary module that
// requires this checkout of twine and has twinegen as a tool.
func setupFixture(t *testing.T, name string) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(root, "testdata", "gen", name))); err != nil {
		t.Fatal(err)
	}
	goMod := "module example.com/" + name + "\n\ngo 1.26.0\n\n" +
		"require github.com/twine-go/twine v0.0.0\n\n" +
		"replace github.com/twine-go/twine => " + root + "\n"
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(goMod), 0o644); err != nil {
		t.Fatal(err)
	}
	// Start from twine's own checksums, so tidy only adds what is missing.
	sum, err := os.ReadFile(filepath.Join(root, "go.sum"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644); err != nil {
		t.Fatal(err)
	}
	// Not go get -tool: it asks the module proxy for the unpublished path
	// before the replace applies.
	mustGo(t, dir, "mod", "edit", "-tool=github.com/twine-go/twine/cmd/twinegen")
	mustGo(t, dir, "mod", "tidy")
	return dir
}

// position returns the line and column of the first occurrence of s in src.
func position(t *testing.T, src, s string) (line, col int) {
	t.Helper()
	i := strings.Index(src, s)
	if i < 0 {
		t.Fatalf("%q not found", s)
	}
	line = strings.Count(src[:i], "\n") + 1
	col = i - strings.LastIndex(src[:i], "\n")
	return line, col
}

func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and tests a module with the go command")
	}
	dir := setupFixture(t, "fixture")
	output := filepath.Join(dir, gen.DefaultOutput)
	mustGo(t, dir, "generate", "./...")
	src, err := os.ReadFile(output)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(src, []byte(gen.Header+"\n")) {
		t.Errorf("%s does not start with the header", output)
	}
	if _, err := os.Stat(filepath.Join(dir, "cmd", "demo", gen.DefaultOutput)); err == nil {
		t.Error("a package without annotations got a file")
	}

	t.Run("identical on every run", func(t *testing.T) {
		mustGo(t, dir, "generate", "./...")
		again, err := os.ReadFile(output)
		if err != nil || !bytes.Equal(again, src) {
			t.Errorf("the second go generate changed %s (err %v)", output, err)
		}
	})

	t.Run("build, vet and test", func(t *testing.T) {
		mustGo(t, dir, "vet", "./...")
		// The fixture's tests observe the annotations' policies: limit=3,
		// grace=2s, supervise, results in order, a re-panic.
		out := mustGo(t, dir, "test", "-race", "-count=1", "./...")
		if !strings.Contains(out, "ok  \texample.com/fixture") {
			t.Errorf("go test output:\n%s", out)
		}
	})

	t.Run("exported bundle from another package", func(t *testing.T) {
		if out := mustGo(t, dir, "run", "./cmd/demo", "a", "bb", "ccc"); out != "[1 2 3]\n" {
			t.Errorf("demo printed %q, want %q", out, "[1 2 3]\n")
		}
	})

	t.Run("wrong argument types do not compile", func(t *testing.T) {
		wrong := filepath.Join(dir, "wrong.go")
		err := os.WriteFile(wrong, []byte("package fixture\n\nfunc wrongCall(b *limitedBundle, s *squareBundle) {\n\tb.Go(\"not a tracker\")\n\ts.Go(1.5)\n\tb.Go()\n}\n"), 0o644)
		if err != nil {
			t.Fatal(err)
		}
		defer os.Remove(wrong)
		out, err := goIn(dir, "build", "./...")
		if err == nil {
			t.Fatal("a call with the wrong arguments compiled")
		}
		for _, want := range []string{
			`wrong.go:4:7: cannot use "not a tracker" (untyped string constant) as *tracker value in argument to b.Go`,
			`wrong.go:5:7: cannot use 1.5 (untyped float constant) as int value in argument to s.Go (truncated)`,
			`wrong.go:6:2: not enough arguments in call to b.Go`,
		} {
			if !strings.Contains(out, want) {
				t.Errorf("go build output lacks %q:\n%s", want, out)
			}
		}
	})

	t.Run("stale file fails to build until regenerated", func(t *testing.T) {
		work := filepath.Join(dir, "work.go")
		orig, err := os.ReadFile(work)
		if err != nil {
			t.Fatal(err)
		}
		changed := strings.Replace(string(orig), "func stale(ctx context.Context, id int) error", "func stale(ctx context.Context, id int64) error", 1)
		if changed == string(orig) {
			t.Fatal("work.go has no func stale to change")
		}
		if err := os.WriteFile(work, []byte(changed), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := goIn(dir, "build", "./...")
		if err == nil {
			t.Fatal("the stale file built")
		}
		// The compiler's message names the guard's type, whose name says
		// what to do.
		guard := regexp.MustCompile(`twine_bundles\.go:(\d+):\d+: cannot use stale \(value of type func\(ctx context\.Context, id int64\) error\) as twine_bundles_are_stale_run_go_generate_staleBundle value in variable declaration`)
		m := guard.FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("go build did not point at the guard:\n%s", out)
		}
		line, _ := position(t, string(src), "var _ twine_bundles_are_stale_run_go_generate_staleBundle = stale")
		if m[1] != strconv.Itoa(line) {
			t.Errorf("error at line %s, the guard is at line %d", m[1], line)
		}
		mustGo(t, dir, "generate", "./...")
		mustGo(t, dir, "build", "./...")
		if err := os.WriteFile(work, orig, 0o644); err != nil {
			t.Fatal(err)
		}
		mustGo(t, dir, "generate", "./...")
	})

	t.Run("bad annotation fails go generate and writes nothing", func(t *testing.T) {
		work := filepath.Join(dir, "work.go")
		orig, err := os.ReadFile(work)
		if err != nil {
			t.Fatal(err)
		}
		bad := strings.Replace(string(orig), "//twine:bundle grace=2s", "//twine:bundle grace=2x", 1)
		if err := os.WriteFile(work, []byte(bad), 0o644); err != nil {
			t.Fatal(err)
		}
		defer os.WriteFile(work, orig, 0o644)
		before, err := os.ReadFile(output)
		if err != nil {
			t.Fatal(err)
		}
		out, err := goIn(dir, "generate", "./...")
		if err == nil {
			t.Fatal("go generate succeeded")
		}
		// go generate runs twinegen in the package's directory: the file
		// is named by its absolute path, and the package by its import path.
		line, col := position(t, bad, "grace=2x")
		for _, want := range []string{
			work + ":" + strconv.Itoa(line) + ":" + strconv.Itoa(col) + `: twinegen: invalid grace "2x": want a non-negative duration such as 500ms or 2s` + "\n",
			"twinegen: 1 problem in package example.com/fixture; nothing was written\n",
			"exit status 1",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("go generate output lacks %q:\n%s", want, out)
			}
		}
		after, err := os.ReadFile(output)
		if err != nil || !bytes.Equal(before, after) {
			t.Errorf("%s changed although generation failed (err %v)", output, err)
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".") {
				t.Errorf("left behind %s", e.Name())
			}
		}
	})
}
