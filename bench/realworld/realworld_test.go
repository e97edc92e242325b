package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/twine-go/twine/bench/internal/vetjson"
)

// TestTinyModule runs the whole measurement once on a module of testdata:
// every tool builds, runs and is timed, polling /proc finds no process
// larger than wait4's peak says, twine's one report is counted, and the
// results and reports files are written.
func TestTinyModule(t *testing.T) {
	if testing.Short() {
		t.Skip("builds three vet tools and runs go vet twelve times")
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "RESULTS.md")
	reports := filepath.Join(dir, "reports")
	res, err := run(config{
		modules:    []string{"./testdata/tiny"},
		runs:       1,
		out:        out,
		reportsDir: reports,
		work:       filepath.Join(dir, "work"),
		sample:     true,
		args:       []string{"-modules", "./testdata/tiny", "-runs", "1"},
		log:        io.Discard,
	})
	if err != nil {
		t.Fatal(err)
	}
	if f := res.failures(); len(f) > 0 {
		t.Fatalf("failures: %q", f)
	}
	m := res.modules[0]
	if m.packages != 1 {
		t.Errorf("packages = %d, want 1", m.packages)
	}
	for _, tool := range toolNames {
		if s := m.samples[tool]; len(s) != 1 || s[0].wall <= 0 || s[0].cpu <= 0 || s[0].maxRSS <= 0 {
			t.Errorf("%s: samples %+v, want one with wall time, CPU time and memory", tool, s)
		} else if s[0].polledMax <= 0 || s[0].polledSum < s[0].polledMax || float64(s[0].polledMax) > 1.02*float64(s[0].maxRSS) {
			// The kernel's resident counters are read approximately:
			// they agree with ru_maxrss within a few hundred KiB.
			t.Errorf("%s: polled peak %d, tree %d, wait4 %d: want 0 < polled peak <= tree, and polled peak within 2%% of wait4's or below", tool, s[0].polledMax, s[0].polledSum, s[0].maxRSS)
		}
	}
	if len(m.twine) != 1 || m.twine[0].Category != "barego" || !strings.HasPrefix(m.twine[0].Posn, "tiny.go:9:") {
		t.Errorf("twine's reports: %+v, want one barego at tiny.go:9", m.twine)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"- command: `cd bench && go run ./realworld -modules ./testdata/tiny -runs 1`",
		"| ./testdata/tiny | 1 |",
		"| 1: barego 1 |",
		"No panics, internal errors or failed runs.",
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("RESULTS.md lacks %q:\n%s", want, data)
		}
	}
	list, err := os.ReadFile(filepath.Join(reports, "testdata_tiny.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(list), "tiny.go:9:2: [barego] goroutine is never joined, so it can outlive Leak") {
		t.Errorf("reports file:\n%s", list)
	}
}

// TestStampChangesCacheKey checks what the measurement relies on: go vet
// keys its cache on the tool's -V=full output, and a new stamp changes it.
func TestStampChangesCacheKey(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the vet tools")
	}
	tools, err := makeTools(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, tool := range tools {
		if tool.name == toolPlain {
			continue
		}
		var ids []string
		for _, stamp := range []string{"a", "b", "b"} {
			exe, err := tool.build(stamp)
			if err != nil {
				t.Fatal(err)
			}
			out, err := exec.Command(exe, "-V=full").Output()
			if err != nil {
				t.Fatalf("%s -V=full: %v", tool.name, err)
			}
			ids = append(ids, string(out))
		}
		if ids[0] == ids[1] || ids[1] != ids[2] {
			t.Errorf("%s: -V=full for stamps a, b, b: %q; want a new key for a new stamp only", tool.name, ids)
		}
	}
}

func TestParseVetJSON(t *testing.T) {
	out := `{
	"example.com/p": {
		"twine": [
			{"category": "barego", "posn": "/m/p.go:3:2", "message": "goroutine is never joined"}
		],
		"printf": {"error": "analysis failed"}
	}
}
{
	"example.com/q [example.com/q.test]": {
		"twine": [
			{"category": "ctxdetach", "posn": "/m/q/q.go:5:9", "message": "call to context.Background()"}
		]
	}
}
`
	diags, errs := vetjson.Decode([]byte(out))
	if got := byRule(relDiags(diags["twine"], "/m")); got["barego"] != 1 || got["ctxdetach"] != 1 || len(got) != 2 {
		t.Errorf("twine's reports by rule: %v", got)
	}
	if len(errs) != 1 || !strings.Contains(errs[0], "example.com/p: printf: analysis failed") {
		t.Errorf("errors: %q", errs)
	}
	if _, errs := vetjson.Decode([]byte("{not json")); len(errs) != 1 {
		t.Errorf("bad JSON gave errors %q, want one", errs)
	}
}

func TestInternalErrors(t *testing.T) {
	stderr := "# example.com/p\n" +
		"panic: runtime error: index out of range [recovered]\n" +
		"goroutine 1 [running]:\n" +
		"# example.com/q\n" +
		"vet: internal error: no type for x\n"
	got := internalErrors(stderr)
	want := []string{
		"panic: runtime error: index out of range [recovered]",
		"goroutine 1 [running]:",
		"vet: internal error: no type for x",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("internalErrors = %q, want %q", got, want)
	}
	if got := internalErrors("# example.com/p\n# example.com/q\n"); len(got) != 0 {
		t.Errorf("headers alone gave %q", got)
	}
}
