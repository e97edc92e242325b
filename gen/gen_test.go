package gen

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/twine-go/twine/internal/leaktest"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/src and testdata/errors")

// TestMain fails the run if a test leaves a goroutine behind (go/packages
// runs the go command; nothing of it may outlive Generate).
func TestMain(m *testing.M) {
	flag.Parse()
	os.Exit(leaktest.Main(m))
}

// caseDirs lists the directories of testdata/<kind>.
func caseDirs(t *testing.T, kind string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join("testdata", kind))
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, e.Name())
		}
	}
	if len(dirs) == 0 {
		t.Fatalf("no cases in testdata/%s", kind)
	}
	return dirs
}

// checkGolden compares got with the golden file, or rewrites it with -update.
func checkGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run go test -update if the change is intended):\n%s", golden, lineDiff(string(want), string(got)))
	}
}

// lineDiff shows the first lines where want and got differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return fmt.Sprintf("line %d:\n want %q\n  got %q", i+1, wl, gl)
		}
	}
	return "(same lines)"
}

// TestGolden generates the bundles of each package in testdata/src and
// compares them with its twine_bundles.go.golden. The output is also
// checked to be gofmt-clean and identical on a second run.
func TestGolden(t *testing.T) {
	for _, name := range caseDirs(t, "src") {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("testdata", "src", name)
			files, err := (&Config{Dir: dir}).Generate()
			if err != nil {
				t.Fatal(err)
			}
			abs, _ := filepath.Abs(filepath.Join(dir, DefaultOutput))
			if len(files) != 1 || files[0].Path != abs || files[0].Src == nil {
				t.Fatalf("Generate returned %v, want one file %s", paths(files), abs)
			}
			src := files[0].Src
			if !bytes.HasPrefix(src, []byte(Header+"\n\npackage "+name+"\n")) {
				t.Errorf("output does not start with the header and package clause:\n%s", src[:min(len(src), 200)])
			}
			if formatted, err := format.Source(src); err != nil || !bytes.Equal(formatted, src) {
				t.Errorf("output is not gofmt-clean (err %v)", err)
			}
			again, err := (&Config{Dir: dir}).Generate()
			if err != nil || len(again) != 1 || !bytes.Equal(again[0].Src, src) {
				t.Errorf("a second run gave different output (err %v)", err)
			}
			checkGolden(t, filepath.Join(dir, DefaultOutput+".golden"), src)
		})
	}
}

func paths(files []File) []string {
	var ps []string
	for _, f := range files {
		ps = append(ps, f.Path)
	}
	return ps
}

// TestErrors runs the generator on each package in testdata/errors and
// compares the reported errors with its errors.golden: every problem, with
// its position, and no file.
func TestErrors(t *testing.T) {
	for _, name := range caseDirs(t, "errors") {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join("testdata", "errors", name)
			files, err := (&Config{Dir: dir}).Generate()
			if files != nil {
				t.Errorf("Generate returned files %v along with errors", paths(files))
			}
			var list ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("Generate returned %v, want an ErrorList", err)
			}
			for _, e := range list {
				if e.Pos.Filename == "" || strings.Contains(e.Pos.Filename, string(filepath.Separator)) {
					t.Errorf("error position %q is not a file of the package directory", e.Pos)
				}
			}
			checkGolden(t, filepath.Join(dir, "errors.golden"), []byte(list.Error()+"\n"))
		})
	}
}

// writeModule writes a module example.com/m made of files into a temporary
// directory and returns it.
func writeModule(t *testing.T, files map[string]string) string {
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
	return dir
}

const workSrc = `package m

import "context"

//twine:bundle limit=2
func work(ctx context.Context, id int) error { return nil }
`

// generate runs Generate and Write in dir and fails the test on an error.
func generate(t *testing.T, cfg *Config, patterns ...string) []File {
	t.Helper()
	files, err := cfg.Generate(patterns...)
	if err != nil {
		t.Fatalf("Generate: %v", err)
	}
	if err := Write(files); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return files
}

// TestStaleOutputRegenerates: an old output that no longer compiles (it
// refers to a function that changed and imports a package that is gone)
// does not stop the generator, which replaces it.
func TestStaleOutputRegenerates(t *testing.T) {
	dir := writeModule(t, map[string]string{"work.go": workSrc})
	fresh := generate(t, &Config{Dir: dir})
	stale := Header + `

package m

import "example.com/gone/nursery"

var _ func() = work

func newWorkBundle() *nursery.Nursery { return work(1, 2, 3) }
`
	out := filepath.Join(dir, DefaultOutput)
	if err := os.WriteFile(out, []byte(stale), 0o644); err != nil {
		t.Fatal(err)
	}
	generate(t, &Config{Dir: dir})
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, fresh[0].Src) {
		t.Errorf("regenerated file differs from a fresh one:\n%s", lineDiff(string(fresh[0].Src), string(got)))
	}
}

// TestUsesOfBundlesDoNotBlock: code that uses the generated declarations
// does not compile while twinegen reads the package without them; that is
// not an error.
func TestUsesOfBundlesDoNotBlock(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"work.go": workSrc,
		"use.go": `package m

import "context"

func use(ctx context.Context) error {
	return runWorkBundle(ctx, func(b *workBundle) error {
		b.Go(1)
		return nil
	})
}
`,
	})
	files := generate(t, &Config{Dir: dir})
	if len(files) != 1 || !bytes.Contains(files[0].Src, []byte("func runWorkBundle(")) {
		t.Fatalf("got %v, want twine_bundles.go with runWorkBundle", paths(files))
	}
}

// TestRemovesStaleOutput: a package whose last annotation is gone loses the
// file twinegen wrote, but a twine_bundles.go written by hand is left alone.
func TestRemovesStaleOutput(t *testing.T) {
	dir := writeModule(t, map[string]string{"work.go": workSrc})
	generate(t, &Config{Dir: dir})
	out := filepath.Join(dir, DefaultOutput)
	if _, err := os.Stat(out); err != nil {
		t.Fatal(err)
	}
	plain := strings.Replace(workSrc, "//twine:bundle limit=2\n", "", 1)
	if err := os.WriteFile(filepath.Join(dir, "work.go"), []byte(plain), 0o644); err != nil {
		t.Fatal(err)
	}
	files := generate(t, &Config{Dir: dir})
	if len(files) != 1 || files[0].Src != nil {
		t.Errorf("Generate returned %v, want the removal of %s", files, out)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("%s still exists (err %v)", out, err)
	}

	byHand := "package m\n\nconst handWritten = true\n"
	if err := os.WriteFile(out, []byte(byHand), 0o644); err != nil {
		t.Fatal(err)
	}
	if files := generate(t, &Config{Dir: dir}); len(files) != 0 {
		t.Errorf("Generate returned %v for a package without annotations, want nothing", paths(files))
	}
	if got, err := os.ReadFile(out); err != nil || string(got) != byHand {
		t.Errorf("a hand-written %s was changed: %q, %v", DefaultOutput, got, err)
	}
}

// TestWrite: the file appears whole, with no temporary file left beside it,
// and an unchanged file is not rewritten.
func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, DefaultOutput)
	if err := Write([]File{{Path: path, Src: []byte("one\n")}}); err != nil {
		t.Fatal(err)
	}
	past := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := os.Chtimes(path, past, past); err != nil {
		t.Fatal(err)
	}
	if err := Write([]File{{Path: path, Src: []byte("one\n")}}); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(path); err != nil || !fi.ModTime().Equal(past) {
		t.Errorf("unchanged file was rewritten (%v)", err)
	}
	if err := Write([]File{{Path: path, Src: []byte("two\n")}}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); string(got) != "two\n" {
		t.Errorf("content %q, want %q", got, "two\n")
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v (%v), want 0644", fi.Mode(), err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want only %s", len(entries), DefaultOutput)
	}
	// Writing into a directory that is gone fails and leaves nothing.
	if err := Write([]File{{Path: filepath.Join(dir, "gone", DefaultOutput), Src: []byte("x")}}); err == nil {
		t.Error("Write into a missing directory succeeded")
	}
}

// TestDirectiveBeforeGofmt: the annotation is found in the middle of a doc
// comment too, where it sits until gofmt moves it to the end.
func TestDirectiveBeforeGofmt(t *testing.T) {
	dir := writeModule(t, map[string]string{"work.go": `package m

import "context"

// work works.
//twine:bundle limit=3
//
// More words.
func work(ctx context.Context) error { return nil }
`})
	files := generate(t, &Config{Dir: dir})
	if len(files) != 1 || !bytes.Contains(files[0].Src, []byte("Limit: 3,")) {
		t.Fatalf("got %v, want a bundle with Limit 3", paths(files))
	}
}

// TestTags: -tags selects the files the package is loaded with.
func TestTags(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"work.go": `package m

import "context"

//twine:bundle
func work(ctx context.Context, j job) error { return nil }
`,
		"job_special.go": "//go:build special\n\npackage m\n\ntype job int\n",
	})
	_, err := (&Config{Dir: dir}).Generate()
	if err == nil || !strings.Contains(err.Error(), "work.go:6:34: twinegen: in the signature of work: undefined: job") {
		t.Errorf("without the tag: got %v, want an error about the undefined type job", err)
	}
	files := generate(t, &Config{Dir: dir, Tags: []string{"special"}})
	if len(files) != 1 || !bytes.Contains(files[0].Src, []byte("Go(j job)")) {
		t.Errorf("with -tags special: got %v, want Go(j job)", paths(files))
	}
}

// TestPatterns: several packages at once, each with its own file; a package
// without annotations gets none; -output needs a single package in its own
// directory.
func TestPatterns(t *testing.T) {
	dir := writeModule(t, map[string]string{
		"work.go":       workSrc,
		"sub/sub.go":    strings.Replace(workSrc, "package m", "package sub", 1),
		"none/none.go":  "package none\n",
		"empty/doc.txt": "no Go files here\n",
	})
	files := generate(t, &Config{Dir: dir}, "./...")
	want := []string{filepath.Join(dir, "sub", DefaultOutput), filepath.Join(dir, DefaultOutput)} // sorted
	if got := paths(files); !slices.Equal(got, want) {
		t.Errorf("./... generated %v, want %v", got, want)
	}

	if _, err := (&Config{Dir: dir, Output: "x.go"}).Generate("./..."); err == nil || !strings.Contains(err.Error(), "-output names one file but 3 packages match") {
		t.Errorf("-output with ./...: got %v", err)
	}
	if _, err := (&Config{Dir: dir, Output: "sub/x.go"}).Generate("."); err == nil || !strings.Contains(err.Error(), "is not in the directory of package example.com/m") {
		t.Errorf("-output in another directory: got %v", err)
	}
	if err := os.Remove(filepath.Join(dir, DefaultOutput)); err != nil {
		t.Fatal(err)
	}
	files = generate(t, &Config{Dir: dir, Output: "bundles_gen.go"}, ".")
	if got := paths(files); len(got) != 1 || got[0] != filepath.Join(dir, "bundles_gen.go") {
		t.Errorf("-output bundles_gen.go wrote %v", got)
	}
	// A pattern that matches no package is an error, not silence.
	if _, err := (&Config{Dir: dir}).Generate("./empty"); err == nil {
		t.Error("a directory without Go files gave no error")
	}
}

// TestImportNamesDeterministic: the names chosen for imports do not depend on
// the order in which they are seen.
func TestImportNamesDeterministic(t *testing.T) {
	pkgs := map[string]string{
		"context": "context", "math/rand": "rand", "math/rand/v2": "rand", "crypto/rand": "rand",
		"text/template": "template", "html/template": "template", "example.com/a/sync": "sync", "sync": "sync",
		"example.com/x/1b-c": "b",
	}
	taken := map[string]bool{"b": true}
	want := map[string]string{
		"context": "context", "math/rand": "mathrand", "math/rand/v2": "randv2", "crypto/rand": "cryptorand",
		"text/template": "texttemplate", "html/template": "htmltemplate", "example.com/a/sync": "async", "sync": "sync",
		"example.com/x/1b-c": "xb",
	}
	for range 20 { // map iteration order varies between runs
		got := importNames(pkgs, taken)
		for path, name := range want {
			if got[path] != name {
				t.Fatalf("importNames: %s → %q, want %q (all: %v)", path, got[path], name, got)
			}
		}
	}
}

func TestLowerInitial(t *testing.T) {
	for in, want := range map[string]string{"Server": "server", "HTTPServer": "httpServer", "URL": "url", "ID": "id", "x": "x", "Ünïcode": "ünïcode"} {
		if got := lowerInitial(in); got != want {
			t.Errorf("lowerInitial(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestGoldenCompiles builds and vets every package of testdata/src with its
// golden output in place (through go vet's -overlay), with the real
// nursery package: the generated code compiles, and vet has nothing to say
// about it.
func TestGoldenCompiles(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go vet")
	}
	replace := map[string]string{}
	for _, name := range caseDirs(t, "src") {
		dir, err := filepath.Abs(filepath.Join("testdata", "src", name))
		if err != nil {
			t.Fatal(err)
		}
		replace[filepath.Join(dir, DefaultOutput)] = filepath.Join(dir, DefaultOutput+".golden")
	}
	overlay, err := json.Marshal(map[string]any{"Replace": replace})
	if err != nil {
		t.Fatal(err)
	}
	overlayFile := filepath.Join(t.TempDir(), "overlay.json")
	if err := os.WriteFile(overlayFile, overlay, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "vet", "-overlay="+overlayFile, "./testdata/src/...")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go vet of the golden outputs: %v\n%s", err, out)
	}
}

// TestBenchBundleUpToDate: the committed twine_bundles.go of
// internal/benchbundle is what the generator makes now.
func TestBenchBundleUpToDate(t *testing.T) {
	dir := filepath.Join("internal", "benchbundle")
	files, err := (&Config{Dir: dir}).Generate()
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 {
		t.Fatalf("Generate returned %v, want one file", paths(files))
	}
	committed, err := os.ReadFile(filepath.Join(dir, DefaultOutput))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(files[0].Src, committed) {
		t.Errorf("%s is stale; run go generate ./gen/internal/benchbundle:\n%s", filepath.Join(dir, DefaultOutput), lineDiff(string(committed), string(files[0].Src)))
	}
}
