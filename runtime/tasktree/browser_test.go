package tasktree

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/twine-go/twine/internal/leaktest"
	"github.com/twine-go/twine/runtime/nursery"
	"github.com/twine-go/twine/runtime/proc"
)

// findChromium returns the path of a headless-capable Chromium, or skips the
// test, saying how to get one; under CI=true it fails instead, so that CI
// always runs the browser test.
func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	const how = "chromium not found: the browser test needs it (on Debian: apt-get install chromium)"
	if os.Getenv("CI") == "true" {
		t.Fatal(how + "; CI must install it (see .ci/run)")
	}
	t.Skip(how)
	return ""
}

// lateArrival is a task that starts only after the browser has loaded the
// page: it can appear there only through the page's own refresh.
func lateArrival(ctx context.Context) error {
	<-ctx.Done()
	return nil
}

// TestPageInABrowser loads the page in headless Chromium and checks what the
// browser rendered: the nurseries and the blocked task as the server drew
// them, then a task started after the page loaded, which only the page's
// script, fetching the page again, can have put there.
func TestPageInABrowser(t *testing.T) {
	chromium := findChromium(t)
	leaktest.Check(t)
	at := blockedAt(t)

	n := nursery.Config{Name: "browser-test"}.New(t.Context())
	defer func() { n.Cancel(nil); n.Wait() }()
	conns := nursery.Config{Name: "conns"}.New(n.Context())
	defer conns.Close()
	conns.Go(waitForShutdown)

	var pages, refreshes atomic.Int32
	mux := http.NewServeMux()
	mux.Handle("/debug/twine", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		Handler().ServeHTTP(w, r)
		switch {
		case r.URL.Query().Get("format") == "html":
			refreshes.Add(1)
		case pages.Add(1) == 1:
			n.Go(lateArrival) // after the first page was written
		}
	}))
	srv := httptest.NewServer(mux)
	defer srv.Close()

	dom := dumpDOM(t, chromium, srv.URL+"/debug/twine", 3*refreshEvery)
	if pages.Load() != 1 || refreshes.Load() < 1 {
		t.Fatalf("the browser loaded the page %d times and refreshed it %d times, want 1 and at least 1", pages.Load(), refreshes.Load())
	}
	for _, want := range []string{
		`<span class="name">browser-test</span>`,
		`<span class="state open">open</span>`,
		`<span class="name">conns</span>`,
		`<td class="fn">github.com/twine-go/twine/runtime/tasktree.waitForShutdown</td>`,
		`<td class="at">` + at + `</td>`,
		`<td class="fn">github.com/twine-go/twine/runtime/tasktree.lateArrival</td>`, // rendered by the refresh
		`<span id="error"></span>`,                                                   // no refresh failed
	} {
		if !strings.Contains(dom, want) {
			t.Errorf("the page as the browser rendered it lacks %s:\n%s", want, dom)
		}
	}
}

// dumpDOM loads url in headless Chromium, lets the page run for budget of
// virtual time, and returns the DOM it then has. Chromium runs as a process
// of twine's proc, so that nothing of it, helpers included, outlives the
// call; the test checks that too.
func dumpDOM(t *testing.T, chromium, url string, budget time.Duration) string {
	t.Helper()
	home := t.TempDir()
	profile := filepath.Join(home, "profile")
	cmd := exec.Command(chromium,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-crash-reporter", "--user-data-dir="+profile,
		"--virtual-time-budget="+strconv.FormatInt(budget.Milliseconds(), 10),
		"--dump-dom", url)
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_CONFIG_HOME="+home, "XDG_CACHE_HOME="+home)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	err := proc.Run(ctx, cmd, proc.WithName("chromium"), proc.WithGrace(5*time.Second))
	if left := processesUsing(profile); len(left) > 0 {
		t.Errorf("chromium processes left behind: %v", left)
	}
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	return stdout.String()
}

// processesUsing returns the processes whose command line mentions s.
func processesUsing(s string) []string {
	entries, _ := os.ReadDir("/proc")
	var found []string
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		cmdline, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err == nil && bytes.Contains(cmdline, []byte(s)) {
			found = append(found, e.Name()+": "+string(bytes.ReplaceAll(cmdline, []byte{0}, []byte{' '})))
		}
	}
	return found
}
