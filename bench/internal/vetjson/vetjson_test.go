package vetjson

import (
	"strings"
	"testing"
)

func TestDecode(t *testing.T) {
	out := `{
	"example.com/p": {
		"twine": [
			{"category": "barego", "posn": "/m/p.go:3:2", "message": "goroutine is never joined"}
		],
		"printf": {"error": "analysis failed"}
	}
}
{}
{
	"example.com/q [example.com/q.test]": {
		"twine": [
			{"category": "ctxdetach", "posn": "/m/q/q.go:5:9", "message": "call to context.Background()"}
		]
	}
}
`
	byAnalyzer, errs := Decode([]byte(out))
	twine := byAnalyzer["twine"]
	if len(twine) != 2 || twine[0].Category != "barego" || twine[1].Posn != "/m/q/q.go:5:9" {
		t.Errorf("twine's diagnostics: %+v", twine)
	}
	if len(errs) != 1 || !strings.Contains(errs[0], "example.com/p: printf: analysis failed") {
		t.Errorf("errors: %q", errs)
	}
	if _, errs := Decode([]byte("{not json")); len(errs) != 1 {
		t.Errorf("bad JSON gave errors %q, want one", errs)
	}
	if _, errs := Decode([]byte(`{"p": {"a": 42}}`)); len(errs) != 1 || !strings.Contains(errs[0], "unexpected output 42") {
		t.Errorf("an analyzer entry that is neither diagnostics nor an error gave %q", errs)
	}
}

func TestPosition(t *testing.T) {
	for _, tc := range []struct {
		posn      string
		file      string
		line, col int
		ok        bool
	}{
		{"/m/p.go:3:2", "/m/p.go", 3, 2, true},
		{"/m/p.go:3", "/m/p.go", 3, 0, true},
		{`C:\m\p.go:12:7`, `C:\m\p.go`, 12, 7, true},
		{"/m/p.go", "", 0, 0, false},
		{"-", "", 0, 0, false},
		{"", "", 0, 0, false},
	} {
		file, line, col, ok := Diagnostic{Posn: tc.posn}.Position()
		if file != tc.file || line != tc.line || col != tc.col || ok != tc.ok {
			t.Errorf("Position(%q) = %q, %d, %d, %v; want %q, %d, %d, %v", tc.posn, file, line, col, ok, tc.file, tc.line, tc.col, tc.ok)
		}
	}
}
