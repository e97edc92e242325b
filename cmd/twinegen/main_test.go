package main

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/twine-go/twine/gen"
	"github.com/twine-go/twine/internal/leaktest"
)

// TestMain fails the run if a test leaves a goroutine behind.
func TestMain(m *testing.M) {
	flag.Parse()
	os.Exit(leaktest.Main(m))
}

// chdirModule writes a module example.com/m made of files into a temporary
// directory and makes it the current directory for the test, as go generate
// does for the command.
func chdirModule(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files["go.mod"] = "module example.com/m\n\ngo 1.26\n"
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	return dir
}

const goodSrc = `package m

import "context"

//twine:bundle limit=2
func work(ctx context.Context, id int) error { return nil }
`

const badSrc = `package m

import "context"

//twine:bundle grace=2x limit=-1
func work(ctx context.Context, id int) error { return nil }

//twine:bundle
func noContext(id int) error { return nil }
`

func TestUsage(t *testing.T) {
	var stderr bytes.Buffer
	if code := run([]string{"-h"}, &stderr); code != 0 {
		t.Errorf("-h: exit %d, want 0", code)
	}
	for _, want := range []string{"Usage of twinegen", "twinegen [-output file] [-tags tags] [package ...]", "-output file", "-tags tags"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("usage lacks %q:\n%s", want, stderr.String())
		}
	}
	stderr.Reset()
	if code := run([]string{"-type", "T"}, &stderr); code != 2 {
		t.Errorf("unknown flag: exit %d, want 2", code)
	}
	if !strings.Contains(stderr.String(), "flag provided but not defined: -type") {
		t.Errorf("unknown flag: stderr %q", stderr.String())
	}
}

// TestCurrentDirectory: with no arguments twinegen processes the package in
// the current directory, as go generate runs it.
func TestCurrentDirectory(t *testing.T) {
	dir := chdirModule(t, map[string]string{"work.go": goodSrc})
	var stderr bytes.Buffer
	if code := run(nil, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("success printed %q", stderr.String())
	}
	src, err := os.ReadFile(filepath.Join(dir, gen.DefaultOutput))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(src, []byte(gen.Header+"\n")) || !bytes.Contains(src, []byte("func (b *workBundle) Go(id int)")) {
		t.Errorf("unexpected output:\n%s", src)
	}
}

// TestFlags: -output and -tags as stringer has them.
func TestFlags(t *testing.T) {
	dir := chdirModule(t, map[string]string{
		"work.go":      strings.Replace(goodSrc, "id int", "id job", 1),
		"job_x.go":     "//go:build x\n\npackage m\n\ntype job int\n",
		"sub/other.go": "package sub\n",
	})
	var stderr bytes.Buffer
	if code := run([]string{"-output", "bundles_gen.go"}, &stderr); code != 1 || !strings.Contains(stderr.String(), "undefined: job") {
		t.Errorf("without -tags x: exit %d, %s; want 1 and undefined: job", code, stderr.String())
	}
	stderr.Reset()
	if code := run([]string{"-output", "bundles_gen.go", "-tags", "x,unused", "."}, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "bundles_gen.go")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(filepath.Join(dir, gen.DefaultOutput)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s written despite -output (err %v)", gen.DefaultOutput, err)
	}
	stderr.Reset()
	if code := run([]string{"-output", "x.go", "-tags", "x", "./..."}, &stderr); code != 1 || !strings.Contains(stderr.String(), "twinegen: -output names one file but 2 packages match ./...") {
		t.Errorf("-output with two packages: exit %d, %s", code, stderr.String())
	}
}

// TestBadInput: every problem is printed with its position, the exit status
// is 1, and nothing is written.
func TestBadInput(t *testing.T) {
	dir := chdirModule(t, map[string]string{"work.go": badSrc})
	var stderr bytes.Buffer
	if code := run(nil, &stderr); code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	want := `work.go:5:16: twinegen: invalid grace "2x": want a non-negative duration such as 500ms or 2s
work.go:5:25: twinegen: invalid limit "-1": want a non-negative integer (0 means no limit)
work.go:9:19: twinegen: first parameter of noContext must be context.Context: a bundle passes each task its context
twinegen: 3 problems in package example.com/m; nothing was written
`
	if stderr.String() != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr.String(), want)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 {
		t.Errorf("the directory holds %d files, want go.mod and work.go only", len(entries))
	}
}

// TestBadInputUnderGoGenerate: go generate runs twinegen in the package's
// directory, so the problems name their files by absolute path, which
// reads (and clicks) the same from wherever go generate was run.
func TestBadInputUnderGoGenerate(t *testing.T) {
	dir := chdirModule(t, map[string]string{"work.go": badSrc})
	t.Setenv("GOFILE", "work.go")
	t.Setenv("GOPACKAGE", "m")
	var stderr bytes.Buffer
	if code := run(nil, &stderr); code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	work := filepath.Join(dir, "work.go")
	want := work + `:5:16: twinegen: invalid grace "2x": want a non-negative duration such as 500ms or 2s
` + work + `:5:25: twinegen: invalid limit "-1": want a non-negative integer (0 means no limit)
` + work + `:9:19: twinegen: first parameter of noContext must be context.Context: a bundle passes each task its context
twinegen: 3 problems in package example.com/m; nothing was written
`
	if stderr.String() != want {
		t.Errorf("stderr:\n%s\nwant:\n%s", stderr.String(), want)
	}
}

// TestSummaryNamesEveryPackage: problems in two packages are summed up
// with both names.
func TestSummaryNamesEveryPackage(t *testing.T) {
	chdirModule(t, map[string]string{"work.go": badSrc, "sub/sub.go": strings.Replace(badSrc, "package m", "package sub", 1)})
	var stderr bytes.Buffer
	if code := run([]string{"./..."}, &stderr); code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
	if want := "twinegen: 6 problems in packages example.com/m, example.com/m/sub; nothing was written"; lines[len(lines)-1] != want {
		t.Errorf("stderr:\n%s\nwant its last line to be:\n%s", stderr.String(), want)
	}
}
