// Package vetjson reads the JSON that go vet -json, a vet tool and the
// standalone analysis drivers print: a stream of objects that map each
// package to its analyzers, and each analyzer to its diagnostics or to the
// error that stopped it.
package vetjson

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// A Diagnostic is one report of an analyzer, as the drivers print it.
type Diagnostic struct {
	Category string `json:"category"`
	Posn     string `json:"posn"` // file:line:column
	Message  string `json:"message"`
}

// Position splits d.Posn into its file, line and column. It reports false
// when Posn does not end in :line or :line:column.
func (d Diagnostic) Position() (file string, line, col int, ok bool) {
	rest, last, found := cut(d.Posn)
	if !found {
		return "", 0, 0, false
	}
	if file, l, found := cut(rest); found {
		return file, l, last, true
	}
	return rest, last, 0, true
}

// cut splits s at its last colon when what follows is a positive number.
func cut(s string) (before string, n int, ok bool) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return s, 0, false
	}
	n, err := strconv.Atoi(s[i+1:])
	if err != nil || n <= 0 {
		return s, 0, false
	}
	return s[:i], n, true
}

// Decode decodes out, the whole output of a driver run with -json. It
// returns the diagnostics by analyzer name, in the order printed, and one
// message for each analyzer that failed and for output that is not the
// expected JSON; nothing is dropped without a message.
func Decode(out []byte) (byAnalyzer map[string][]Diagnostic, errs []string) {
	byAnalyzer = make(map[string][]Diagnostic)
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var pkgs map[string]map[string]json.RawMessage
		err := dec.Decode(&pkgs)
		if errors.Is(err, io.EOF) {
			return byAnalyzer, errs
		}
		if err != nil {
			return byAnalyzer, append(errs, fmt.Sprintf("reading -json output: %v", err))
		}
		for pkg, analyzers := range pkgs {
			for name, raw := range analyzers {
				var ds []Diagnostic
				if err := json.Unmarshal(raw, &ds); err == nil {
					byAnalyzer[name] = append(byAnalyzer[name], ds...)
					continue
				}
				var e struct{ Error string }
				if err := json.Unmarshal(raw, &e); err != nil || e.Error == "" {
					errs = append(errs, fmt.Sprintf("%s: %s: unexpected output %s", pkg, name, raw))
					continue
				}
				errs = append(errs, fmt.Sprintf("%s: %s: %s", pkg, name, e.Error))
			}
		}
	}
}
