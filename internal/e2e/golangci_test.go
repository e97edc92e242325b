package e2e

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// golangciVersion is the golangci-lint the custom binary is built from.
const golangciVersion = "v2.15.0"

// The main module of the custom golangci-lint: golangci-lint's own main,
// plus the import that registers the twine plugin. golangci-lint's
// "custom" command writes the same program, but git-clones golangci-lint
// to do so; this one needs only the module proxy.
const (
	golangciGoMod = `module example.com/twine-golangci-lint

go 1.26.0

require (
	github.com/golangci/golangci-lint/v2 ` + golangciVersion + `
	` + modulePath + ` v0.0.0
)
`
	golangciMain = `package main

import (
	"fmt"
	"os"
	"runtime"
	"slices"

	"github.com/golangci/golangci-lint/v2/pkg/commands"
	"github.com/golangci/golangci-lint/v2/pkg/exitcodes"

	_ "` + modulePath + `/analyzer/golangci" // registers the twine linter
)

func main() {
	info := commands.BuildInfo{Version: "` + golangciVersion + `-twine", GoVersion: runtime.Version(), Commit: "custom", Date: "(unknown)"}
	if err := commands.Execute(info); err != nil {
		// golangci-lint has printed the error ("Error: ..."), except for
		// the commands that leave it to main.
		if slices.Contains(os.Args[1:], "migrate") || slices.Contains(os.Args[1:], "verify") {
			fmt.Fprintln(os.Stderr, "Error:", err)
		}
		os.Exit(exitcodes.Failure)
	}
}
`
)

// golangciCacheKeep is how many builds the cache keeps, the most recently
// used ones: each is about 70 MB, and each change to the analyzer makes a
// new one.
const golangciCacheKeep = 3

var golangci struct {
	once   sync.Once
	bin    string
	err    error
	cached bool
}

// golangciLint returns a golangci-lint with the twine plugin. It is built
// once per test binary, or not at all when the user cache directory holds
// one built from the same golangci-lint, Go toolchain and twine sources:
// twine-e2e/golangci-lint-<hash>/golangci-lint under os.UserCacheDir.
func golangciLint(t *testing.T) string {
	t.Helper()
	golangci.once.Do(func() {
		start := time.Now()
		golangci.bin, golangci.cached, golangci.err = buildGolangci()
		if golangci.err == nil {
			how := "built"
			if golangci.cached {
				how = "found in the cache"
			}
			t.Logf("golangci-lint %s in %v: %s", how, time.Since(start).Round(time.Millisecond), golangci.bin)
		}
	})
	if golangci.err != nil {
		t.Fatalf("building golangci-lint with the twine plugin: %v", golangci.err)
	}
	return golangci.bin
}

func buildGolangci() (bin string, cached bool, err error) {
	key, err := golangciKey()
	if err != nil {
		return "", false, err
	}
	cacheDir, err := os.UserCacheDir()
	if err != nil {
		cacheDir = filepath.Join(work, "cache") // no cache: build for this run only
	}
	cacheDir = filepath.Join(cacheDir, "twine-e2e")
	dir := filepath.Join(cacheDir, "golangci-lint-"+key)
	bin = filepath.Join(dir, "golangci-lint")
	if _, err := os.Stat(bin); err == nil {
		now := time.Now()
		os.Chtimes(dir, now, now) // in use: keep it
		return bin, true, nil
	}

	mainDir := filepath.Join(work, "golangci-lint")
	if err := os.MkdirAll(mainDir, 0o755); err != nil {
		return "", false, err
	}
	for name, content := range map[string]string{"go.mod": golangciGoMod, "main.go": golangciMain} {
		if err := os.WriteFile(filepath.Join(mainDir, name), []byte(content), 0o644); err != nil {
			return "", false, err
		}
	}
	goproxy, err := proxyOnly()
	if err != nil {
		return "", false, err
	}
	env := goEnv("GOPROXY=" + goproxy)
	for _, args := range [][]string{
		{"mod", "edit", "-replace=" + modulePath + "=" + root},
		{"mod", "tidy"},
		{"build", "-o", "golangci-lint", "."},
	} {
		if r := command(mainDir, env, "go", args...); r.err != nil {
			return "", false, fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), r.err, r.out)
		}
	}
	// Publish the binary atomically: a concurrent run sees it whole or
	// not at all, and builds its own.
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return "", false, err
	}
	tmp, err := os.MkdirTemp(cacheDir, "tmp-")
	if err != nil {
		return "", false, err
	}
	defer os.RemoveAll(tmp)
	if err := os.Rename(filepath.Join(mainDir, "golangci-lint"), filepath.Join(tmp, "golangci-lint")); err != nil {
		return "", false, err
	}
	if err := os.Rename(tmp, dir); err != nil {
		if _, statErr := os.Stat(bin); statErr != nil {
			return "", false, err
		}
		// Another run published the same build first.
	}
	pruneGolangciCache(cacheDir, filepath.Base(dir))
	return bin, false, nil
}

// pruneGolangciCache removes all but the golangciCacheKeep most recently
// used builds from cacheDir, never keep, and what failed or killed runs left
// half-published more than an hour ago.
func pruneGolangciCache(cacheDir, keep string) {
	entries, _ := os.ReadDir(cacheDir)
	type build struct {
		name string
		used time.Time
	}
	var builds []build
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			continue
		}
		switch {
		case strings.HasPrefix(e.Name(), "tmp-") && time.Since(info.ModTime()) > time.Hour:
			os.RemoveAll(filepath.Join(cacheDir, e.Name()))
		case strings.HasPrefix(e.Name(), "golangci-lint-") && e.Name() != keep:
			builds = append(builds, build{e.Name(), info.ModTime()})
		}
	}
	slices.SortFunc(builds, func(a, b build) int { return b.used.Compare(a.used) })
	for i, b := range builds {
		if i >= golangciCacheKeep-1 {
			os.RemoveAll(filepath.Join(cacheDir, b.name))
		}
	}
}

// golangciKey hashes everything the custom golangci-lint is made of: the
// golangci-lint version, the main module above, the Go toolchain, and the
// source of every twine package it compiles in, with twine's go.mod and
// go.sum.
func golangciKey() (string, error) {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s\n%s\n", golangciVersion, golangciGoMod, golangciMain)
	goVersion := command(root, nil, "go", "env", "GOVERSION", "GOOS", "GOARCH")
	if goVersion.err != nil {
		return "", fmt.Errorf("go env: %v\n%s", goVersion.err, goVersion.out)
	}
	fmt.Fprintf(h, "%s\n", goVersion.out)

	list := command(root, nil, "go", "list", "-deps", "-json=Dir,Module,GoFiles,CgoFiles,EmbedFiles", "./analyzer/golangci")
	if list.err != nil {
		return "", fmt.Errorf("go list: %v\n%s", list.err, list.out)
	}
	files := []string{filepath.Join(root, "go.mod"), filepath.Join(root, "go.sum")}
	dec := json.NewDecoder(strings.NewReader(list.out))
	for dec.More() {
		var p struct {
			Dir                           string
			Module                        *struct{ Path string }
			GoFiles, CgoFiles, EmbedFiles []string
		}
		if err := dec.Decode(&p); err != nil {
			return "", fmt.Errorf("go list: %v", err)
		}
		if p.Module == nil || p.Module.Path != modulePath {
			continue
		}
		for _, names := range [][]string{p.GoFiles, p.CgoFiles, p.EmbedFiles} {
			for _, name := range names {
				files = append(files, filepath.Join(p.Dir, name))
			}
		}
	}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return "", err
		}
		rel, _ := filepath.Rel(root, name)
		fmt.Fprintf(h, "%s\n", filepath.ToSlash(rel))
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// proxyOnly returns the user's GOPROXY without its "direct" entries, so
// that a module missing from the proxy fails the build rather than being
// fetched from its repository: the build must work with the module proxy
// alone. An empty list becomes "off" (the module cache alone).
func proxyOnly() (string, error) {
	r := command(root, nil, "go", "env", "GOPROXY")
	if r.err != nil {
		return "", fmt.Errorf("go env GOPROXY: %v\n%s", r.err, r.out)
	}
	var b strings.Builder
	sep := ""
	rest := strings.TrimSpace(r.out)
	for rest != "" {
		entry, next := rest, ""
		if i := strings.IndexAny(rest, ",|"); i >= 0 {
			entry, next, rest = rest[:i], rest[i:i+1], rest[i+1:]
		} else {
			rest = ""
		}
		if entry != "" && entry != "direct" && entry != "off" {
			if b.Len() > 0 {
				b.WriteString(sep)
			}
			b.WriteString(entry)
		}
		sep = next
	}
	if b.Len() == 0 {
		return "off", nil
	}
	return b.String(), nil
}

func TestPruneGolangciCache(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	for name, age := range map[string]time.Duration{
		"golangci-lint-a": 4 * time.Hour,
		"golangci-lint-b": 3 * time.Hour,
		"golangci-lint-c": 2 * time.Hour,
		"golangci-lint-d": time.Hour,
		"golangci-lint-e": 5 * time.Hour, // the one just published or used
		"tmp-old":         2 * time.Hour,
		"tmp-new":         time.Minute,
		"other":           24 * time.Hour,
	} {
		if err := os.Mkdir(filepath.Join(dir, name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(filepath.Join(dir, name), now.Add(-age), now.Add(-age)); err != nil {
			t.Fatal(err)
		}
	}
	pruneGolangciCache(dir, "golangci-lint-e")
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var left []string
	for _, e := range entries {
		left = append(left, e.Name())
	}
	if want := []string{"golangci-lint-c", "golangci-lint-d", "golangci-lint-e", "other", "tmp-new"}; !slices.Equal(left, want) {
		t.Errorf("after pruning: %v, want %v", left, want)
	}
}

// golangciConfig writes a variant of the fixture's .golangci.yml, with old
// replaced by new, next to it (golangci-lint prints paths relative to its
// configuration) and returns its name.
func golangciConfig(t *testing.T, dir, old, new string) string {
	t.Helper()
	cfg, err := os.ReadFile(filepath.Join(dir, ".golangci.yml"))
	if err != nil {
		t.Fatal(err)
	}
	variant := strings.Replace(string(cfg), old, new, 1)
	if variant == string(cfg) {
		t.Fatalf(".golangci.yml has no %q", old)
	}
	f, err := os.CreateTemp(dir, "variant-*.golangci.yml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(variant); err != nil {
		t.Fatal(err)
	}
	return f.Name()
}

// TestGolangciLint runs a golangci-lint with the twine plugin on the
// fixture testdata/e2e/golangci, whose .golangci.yml enables only twine and
// turns its ctxdetach rule off.
func TestGolangciLint(t *testing.T) {
	skipShort(t)
	t.Parallel()
	dir := replacedFixture(t, "golangci")
	bin := golangciLint(t)
	env := goEnv("GOLANGCI_LINT_CACHE=" + t.TempDir())
	lint := func(code int, args ...string) map[string]string {
		t.Helper()
		out := mustFail(t, code, dir, env, bin, append([]string{"run"}, args...)...)
		return diagnostics(out)
	}
	bare := position(t, dir, "lint.go", "go count(total, it)")
	suppressed := position(t, dir, "lint.go", `go count(total, "")`)
	detached := position(t, dir, "lint.go", "context.Background()")
	const (
		baregoMsg    = `^goroutine .*is never joined\b.*: start it with n\.Go\b.* \(twine\)$`
		ctxdetachMsg = `\bcontext\.Background\(\) detaches this work from ctx\b.* \(twine\)$`
	)

	t.Run("report", func(t *testing.T) {
		checkReports(t, "golangci-lint", lint(1, "./..."), map[string]string{bare: baregoMsg})
	})

	t.Run("nolint", func(t *testing.T) {
		// Without its nolint comment the second go statement is reported.
		src := filepath.Join(dir, "lint.go")
		orig, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		defer os.WriteFile(src, orig, 0o644)
		loud := strings.Replace(string(orig), " //nolint:twine // the empty item is never counted", "", 1)
		if err := os.WriteFile(src, []byte(loud), 0o644); err != nil {
			t.Fatal(err)
		}
		checkReports(t, "without the nolint comment, golangci-lint", lint(1, "./..."),
			map[string]string{bare: baregoMsg, suppressed: baregoMsg})
	})

	t.Run("setting", func(t *testing.T) {
		cfg := golangciConfig(t, dir, "ctxdetach: false", "ctxdetach: true")
		checkReports(t, "with ctxdetach on, golangci-lint", lint(1, "-c", cfg, "./..."),
			map[string]string{bare: baregoMsg, detached: ctxdetachMsg})

		cfg = golangciConfig(t, dir, "ctxdetach: false", "barego: false\n          ctxdetach: false")
		if got := lint(0, "-c", cfg, "./..."); len(got) != 0 {
			t.Errorf("with barego off: reports %q, want none", got)
		}
	})

	t.Run("unknown setting", func(t *testing.T) {
		// Reported once, with the valid settings.
		cfg := golangciConfig(t, dir, "ctxdetach: false", "ctxdetatch: false")
		out := mustFail(t, 3, dir, env, bin, "run", "-c", cfg, "./...")
		want := `Error: build linters: plugin(twine): newPlugin twine: unknown setting "ctxdetatch" in linters.settings.custom.twine.settings; ` +
			"the settings are barego, ctxescape, ctxdetach, scopeleak, procleak, spawns, strict, explain\n"
		if strings.Count(out, "ctxdetatch") != 1 || !strings.Contains(out, want) {
			t.Errorf("output:\n%s\nwant the error once:\n%s", out, want)
		}
	})

	t.Run("errors main prints", func(t *testing.T) {
		// migrate leaves its errors to main, which prints them once.
		out := mustFail(t, 3, dir, env, bin, "migrate", "-c", filepath.Join(dir, ".golangci.yml"))
		if want := "Error: configuration version is already set: 2\n"; strings.Count(out, "already set") != 1 || !strings.Contains(out, want) {
			t.Errorf("migrate output:\n%s\nwant the error once:\n%s", out, want)
		}
	})

	t.Run("version", func(t *testing.T) {
		out := mustRun(t, dir, env, bin, "--version")
		if want := "golangci-lint has version " + golangciVersion + "-twine built with " + runtime.Version() + " from custom"; !strings.Contains(out, want) {
			t.Errorf("--version printed %q, want %q", out, want)
		}
	})

	t.Run("fix", func(t *testing.T) {
		if got := lint(0, "--fix", "./..."); len(got) != 0 {
			t.Errorf("run --fix reports %q, want none", got)
		}
		sameFile(t, dir, "lint.go", filepath.Join(root, "testdata", "e2e", "golangci", "lint.go.golden"))
		mustRun(t, dir, nil, "go", "build", "./...")
		if got := lint(0, "./..."); len(got) != 0 {
			t.Errorf("after the fix: reports %q, want none", got)
		}
	})
}
