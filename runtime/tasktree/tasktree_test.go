package tasktree

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/twine-go/twine/internal/leaktest"
	"github.com/twine-go/twine/runtime/nursery"
)

func TestMain(m *testing.M) { os.Exit(leaktest.Main(m)) }

// waitForShutdown ignores the soft stop: it blocks until the hard cancel.
func waitForShutdown(ctx context.Context) error {
	<-ctx.Done() // tasktree test: blocked here
	return nil
}

// blockedAt returns "tasktree/tasktree_test.go:N", where waitForShutdown blocks.
func blockedAt(t *testing.T) string {
	t.Helper()
	f, err := os.Open("tasktree_test.go")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		if strings.HasSuffix(sc.Text(), "// tasktree test: blocked here") {
			return fmt.Sprintf("tasktree/tasktree_test.go:%d", n)
		}
	}
	t.Fatal("no blocking line in tasktree_test.go")
	return ""
}

// get serves one request to Handler and returns the response.
func get(t *testing.T, method, target string, header ...string) *http.Response {
	t.Helper()
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Add(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	Handler().ServeHTTP(w, r)
	return w.Result()
}

func body(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// shuttingDown runs, in a synctest bubble, a nursery "web" made a minute ago,
// soft-stopped 5s ago, with a task that ignores the soft stop in a nested
// nursery "conns", and calls f while it runs.
func shuttingDown(t *testing.T, f func(t *testing.T)) {
	synctest.Test(t, func(t *testing.T) {
		web := nursery.Config{Name: "web", OnOverdue: func(nursery.Overdue) {}}.New(t.Context())
		web.Go(func(ctx context.Context) error {
			conns := nursery.Config{Name: "conns"}.New(ctx)
			conns.Go(waitForShutdown)
			conns.Go(waitForShutdown)
			<-ctx.Done()
			return conns.Close()
		})
		web.Go(waitForShutdown)
		time.Sleep(55 * time.Second)
		web.Shutdown(time.Hour)
		time.Sleep(5 * time.Second)
		synctest.Wait()
		f(t)
		web.Cancel(nil)
		web.Wait()
	})
}

func TestJSON(t *testing.T) {
	at := blockedAt(t)
	shuttingDown(t, func(t *testing.T) {
		resp := get(t, "GET", "/debug/twine?format=json")
		if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("Content-Type = %q", ct)
		}
		var got struct {
			Time      time.Time
			Nurseries []nursery.NurseryInfo
		}
		if err := json.NewDecoder(resp.Body).Decode(&got); err != nil {
			t.Fatal(err)
		}
		if !got.Time.Equal(time.Now()) {
			t.Errorf("time = %v, want the snapshot's, %v", got.Time, time.Now())
		}
		var web *nursery.NurseryInfo
		for i := range got.Nurseries {
			if got.Nurseries[i].Name == "web" {
				web = &got.Nurseries[i]
			}
		}
		if web == nil || web.State != "stopping" || got.Time.Sub(web.SoftStop) != 5*time.Second || len(web.Children) != 1 {
			t.Fatalf("web = %+v, want stopping for 5s with one nested nursery", web)
		}
		var task nursery.TaskInfo
		for _, ti := range web.Tasks {
			if strings.HasSuffix(ti.Name, ".waitForShutdown") {
				task = ti
			}
		}
		if task.Count != 1 || !strings.HasSuffix(task.At, "("+at+")") || got.Time.Sub(task.Started) != time.Minute {
			t.Errorf("web's waitForShutdown = %+v, want 1 at %s, aged 1m", task, at)
		}
		if c := web.Children[0]; c.Name != "conns" || len(c.Tasks) != 1 || c.Tasks[0].Count != 2 {
			t.Errorf("conns = %+v, want its two waitForShutdown tasks in one group", c)
		}
	})
}

func TestHTML(t *testing.T) {
	at := blockedAt(t)
	shuttingDown(t, func(t *testing.T) {
		resp := get(t, "GET", "/debug/twine", "Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
		page := body(t, resp)
		if ct := resp.Header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
			t.Errorf("Content-Type = %q", ct)
		}
		for _, want := range []string{
			`<span class="name">web</span>`,
			`<span class="state stopping">stopping</span>`,
			`age 1m0s, 5s since the soft stop`,
			`<span class="name">conns</span>`,
			`<td class="count">2</td><td class="fn">github.com/twine-go/twine/runtime/tasktree.waitForShutdown</td>`,
			`<td class="age">1m0s</td>`,   // web records its tasks' start
			`<td class="age">≤ 1m0s</td>`, // conns does not: its age bounds theirs
			`<td class="at">` + at + `</td>`,
			`setInterval(refresh, every)`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("page lacks %s:\n%s", want, page)
			}
		}
	})
}

func TestText(t *testing.T) {
	shuttingDown(t, func(t *testing.T) {
		for _, accept := range []string{"", "*/*", "text/plain"} {
			resp := get(t, "GET", "/debug/twine", "Accept", accept)
			text := body(t, resp)
			if ct := resp.Header.Get("Content-Type"); ct != "text/plain; charset=utf-8" || !strings.Contains(text, "  conns #") {
				t.Errorf("Accept %q: %s\n%s", accept, ct, text)
			}
		}
	})
}

func TestNegotiate(t *testing.T) {
	for accept, want := range map[string]string{
		"":                                   "text",
		"*/*":                                "text",
		"application/json":                   "json",
		"text/html,application/xhtml+xml":    "html",
		"text/plain;q=0.5, application/json": "json",
		"application/json;q=0.2, text/html;q=0.9": "html",
		"text/plain, text/html":                   "text", // a tie: the first
		"application/json;q=0":                    "text",
		"image/png, garbage;;":                    "text",
	} {
		if got := negotiate([]string{accept}); got != want {
			t.Errorf("negotiate(%q) = %s, want %s", accept, got, want)
		}
	}
}

func TestBadRequests(t *testing.T) {
	resp := get(t, "GET", "/debug/twine?format=xml")
	if b := body(t, resp); resp.StatusCode != 400 || !strings.Contains(b, `unknown format "xml": want html, text or json`) {
		t.Errorf("format=xml: %d %q", resp.StatusCode, b)
	}
	resp = get(t, "POST", "/debug/twine")
	if resp.StatusCode != 405 || resp.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST: %d, Allow %q", resp.StatusCode, resp.Header.Get("Allow"))
	}
}

func TestOverHTTP(t *testing.T) {
	leaktest.Check(t)
	n := nursery.Config{Name: "served"}.New(t.Context())
	n.Go(waitForShutdown)
	defer func() { n.Cancel(nil); n.Wait() }()
	mux := http.NewServeMux()
	mux.Handle("/debug/twine", Handler())
	srv := httptest.NewServer(mux)
	defer srv.Close()
	for format, want := range map[string]string{"html": `<span class="name">served</span>`, "text": "served #", "json": `"name": "served"`} {
		resp, err := http.Get(srv.URL + "/debug/twine?format=" + format)
		if err != nil {
			t.Fatal(err)
		}
		if b := body(t, resp); resp.StatusCode != 200 || !strings.Contains(b, want) || resp.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("format=%s: %d, %q\n%s", format, resp.StatusCode, resp.Header, b)
		}
		resp.Body.Close()
	}
}
