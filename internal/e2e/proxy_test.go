package e2e

import (
	stdzip "archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/mod/module"
	"golang.org/x/mod/zip"
)

// pseudoTime is the time in the pseudo-version of the checkout. The
// version must name the content, not the moment: the go command never
// downloads a version again once its module cache holds it, so the
// revision part is a hash of the module zip, and the time is fixed.
var pseudoTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

var proxy struct {
	once         sync.Once
	url, version string
	err          error
}

// moduleProxy returns the file:// URL of a module proxy that serves this
// checkout as twine at a pseudo-version, and that version, as the module
// proxy would serve a published twine. It is made once per test binary.
// The module zip is made as the go command makes one: nested modules (the
// fixtures under testdata/e2e, bench/) and VCS directories are left out.
func moduleProxy(t *testing.T) (proxyURL, version string) {
	t.Helper()
	proxy.once.Do(func() {
		proxy.url, proxy.version, proxy.err = buildProxy(filepath.Join(work, "proxy"), root)
	})
	if proxy.err != nil {
		t.Fatalf("making a module proxy of the checkout: %v", proxy.err)
	}
	return proxy.url, proxy.version
}

// proxyEnv returns the environment of go commands that get twine from
// moduleProxy, and the version it serves. Other modules come from the
// user's module proxy.
func proxyEnv(t *testing.T) (env []string, version string) {
	t.Helper()
	proxyURL, version := moduleProxy(t)
	upstream, err := proxyOnly()
	if err != nil {
		t.Fatal(err)
	}
	return goEnv(
		"GOPROXY="+proxyURL+","+upstream,
		// The checksum database has never heard of this version.
		"GONOSUMDB="+modulePath,
	), version
}

// buildProxy writes into dir a module proxy that serves the module in src
// as twine at a pseudo-version named by its content, and returns the
// proxy's URL and the version.
func buildProxy(dir, src string) (proxyURL, version string, err error) {
	// One snapshot of src, zipped with a placeholder version: its hash is
	// the version, and the zip served is the snapshot under that version,
	// so a tree that changes meanwhile cannot make the two disagree.
	placeholder := module.Version{Path: modulePath, Version: "v0.0.0"}
	var snap bytes.Buffer
	if err := zip.CreateFromDir(&snap, placeholder, src); err != nil {
		return "", "", err
	}
	sum := sha256.Sum256(snap.Bytes())
	version = module.PseudoVersion("v0", "", pseudoTime, hex.EncodeToString(sum[:])[:12])

	zr, err := stdzip.NewReader(bytes.NewReader(snap.Bytes()), int64(snap.Len()))
	if err != nil {
		return "", "", err
	}
	prefix := placeholder.Path + "@" + placeholder.Version + "/"
	var entries []zip.File
	var goMod []byte
	for _, f := range zr.File {
		entries = append(entries, snapFile{f, strings.TrimPrefix(f.Name, prefix)})
		if f.Name == prefix+"go.mod" {
			if goMod, err = readZipped(f); err != nil {
				return "", "", err
			}
		}
	}
	var zipped bytes.Buffer
	if err := zip.Create(&zipped, module.Version{Path: modulePath, Version: version}, entries); err != nil {
		return "", "", err
	}
	info, err := json.Marshal(struct {
		Version string
		Time    time.Time
	}{version, pseudoTime})
	if err != nil {
		return "", "", err
	}
	escPath, err := module.EscapePath(modulePath)
	if err != nil {
		return "", "", err
	}
	escVersion, err := module.EscapeVersion(version)
	if err != nil {
		return "", "", err
	}
	// The layout of GOPROXY's protocol: $module/@v/list, $module/@v/
	// $version.{info,mod,zip} and $module/@latest, which answers for a
	// module that has no tagged version.
	mod := filepath.Join(dir, filepath.FromSlash(escPath))
	files := map[string][]byte{
		filepath.Join(mod, "@v", "list"):             fmt.Appendf(nil, "%s\n", version),
		filepath.Join(mod, "@v", escVersion+".info"): info,
		filepath.Join(mod, "@v", escVersion+".mod"):  goMod,
		filepath.Join(mod, "@v", escVersion+".zip"):  zipped.Bytes(),
		filepath.Join(mod, "@latest"):                info,
	}
	for name, data := range files {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return "", "", err
		}
		if err := os.WriteFile(name, data, 0o644); err != nil {
			return "", "", err
		}
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(dir)}
	if u.Path[0] != '/' {
		u.Path = "/" + u.Path // file:///C:/... on Windows
	}
	return u.String(), version, nil
}

// snapFile is a file of the snapshot zip, as zip.Create takes it.
type snapFile struct {
	f    *stdzip.File
	path string
}

func (s snapFile) Path() string                 { return s.path }
func (s snapFile) Lstat() (fs.FileInfo, error)  { return s.f.FileInfo(), nil }
func (s snapFile) Open() (io.ReadCloser, error) { return s.f.Open() }

func readZipped(f *stdzip.File) ([]byte, error) {
	r, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

// TestModuleProxyZip checks what the module zip of the checkout holds: its
// packages, and none of the nested fixture modules.
func TestModuleProxyZip(t *testing.T) {
	skipShort(t)
	cf, err := zip.CheckDir(root)
	if err != nil {
		t.Fatalf("the checkout cannot be a module zip: %v", err)
	}
	// CheckDir names files by their path on disk.
	holds := func(name string) bool {
		return slices.Contains(cf.Valid, filepath.Join(root, filepath.FromSlash(name)))
	}
	if !holds("go.mod") || !holds("cmd/twinegen/main.go") {
		t.Errorf("the zip lacks go.mod or cmd/twinegen/main.go: %v", cf.Valid)
	}
	for _, nested := range []string{"testdata/e2e/generate/go.mod", "testdata/e2e/golangci/lint.go", "bench/go.mod"} {
		if holds(nested) {
			t.Errorf("the zip holds %s, part of a nested module", nested)
		}
	}
}

// TestModuleProxy checks the proxy on a small module: the same content
// gives the same version, so the module cache holds one copy per state of
// the checkout; changed content gives another; the zip served passes the
// go command's checks and leaves nested modules out.
func TestModuleProxy(t *testing.T) {
	src := t.TempDir()
	for name, content := range map[string]string{
		"go.mod":                  "module " + modulePath + "\n\ngo 1.26.0\n",
		"a.go":                    "package twine\n",
		"sub/b.go":                "package sub\n",
		"testdata/nested/go.mod":  "module example.com/nested\n",
		"testdata/nested/main.go": "package main\n",
	} {
		name = filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	proxy1, proxy2 := t.TempDir(), t.TempDir()
	url1, v1, err := buildProxy(proxy1, src)
	if err != nil {
		t.Fatal(err)
	}
	_, v2, err := buildProxy(proxy2, src)
	if err != nil {
		t.Fatal(err)
	}
	if v1 != v2 {
		t.Errorf("two proxies of one module serve %s and %s", v1, v2)
	}
	if !module.IsPseudoVersion(v1) {
		t.Errorf("%s is not a pseudo-version", v1)
	}
	if want := "file://" + filepath.ToSlash(proxy1); url1 != want {
		t.Errorf("URL %s, want %s", url1, want)
	}

	mod := filepath.Join(proxy1, filepath.FromSlash(modulePath))
	cf, err := zip.CheckZip(module.Version{Path: modulePath, Version: v1}, filepath.Join(mod, "@v", v1+".zip"))
	if err != nil {
		t.Fatal(err)
	}
	in := modulePath + "@" + v1 + "/"
	if want := []string{in + "a.go", in + "go.mod", in + "sub/b.go"}; !slices.Equal(cf.Valid, want) {
		t.Errorf("the zip holds %v, want %v", cf.Valid, want)
	}
	if data, err := os.ReadFile(filepath.Join(mod, "@v", v1+".mod")); err != nil || string(data) != "module "+modulePath+"\n\ngo 1.26.0\n" {
		t.Errorf("the .mod file holds %q (err %v), not the module's go.mod", data, err)
	}
	for _, name := range []string{"@latest", "@v/" + v1 + ".info"} {
		data, err := os.ReadFile(filepath.Join(mod, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if want := `{"Version":"` + v1 + `","Time":"2026-01-01T00:00:00Z"}`; string(data) != want {
			t.Errorf("%s = %s, want %s", name, data, want)
		}
	}

	if err := os.WriteFile(filepath.Join(src, "a.go"), []byte("package twine // changed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, v3, err := buildProxy(t.TempDir(), src); err != nil || v3 == v1 {
		t.Errorf("after a change the proxy serves %s (err %v), as before", v3, err)
	}
}
