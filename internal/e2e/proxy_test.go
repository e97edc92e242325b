package e2e

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
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
		proxy.url, proxy.version, proxy.err = buildProxy(filepath.Join(work, "proxy"))
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

func buildProxy(dir string) (proxyURL, version string, err error) {
	// The zip's paths start with module@version, so hash a zip made with
	// a placeholder version first.
	var probe bytes.Buffer
	if err := zip.CreateFromDir(&probe, module.Version{Path: modulePath, Version: "v0.0.0"}, root); err != nil {
		return "", "", err
	}
	sum := sha256.Sum256(probe.Bytes())
	version = module.PseudoVersion("v0", "", pseudoTime, hex.EncodeToString(sum[:])[:12])

	var zipped bytes.Buffer
	if err := zip.CreateFromDir(&zipped, module.Version{Path: modulePath, Version: version}, root); err != nil {
		return "", "", err
	}
	goMod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
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

// TestModuleProxyZip checks what the proxy's module zip holds: the
// checkout's packages, and none of the nested fixture modules.
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

	// The same content makes the same version, so the module cache holds
	// one copy per state of the checkout.
	url1, v1, err := buildProxy(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	url2, v2, err := buildProxy(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if v1 != v2 || url1 == url2 {
		t.Errorf("two proxies of one checkout serve %s and %s", v1, v2)
	}
	if !module.IsPseudoVersion(v1) {
		t.Errorf("%s is not a pseudo-version", v1)
	}
}
