// Package tasktree serves the live tree of nurseries and tasks over HTTP: as
// a web page that refreshes itself, as text (nursery.WriteTree) and as JSON
// (nursery.Snapshot). Mount its Handler as net/http/pprof is mounted, on a
// listener meant for debugging:
//
//	mux.Handle("/debug/twine", tasktree.Handler())
//
// The page shows each nursery inside the one it was made in, with its state
// (open, stopping, cancelled), its age and the time since its soft stop, and
// each group of its tasks with their count, function, state, age and the
// place in the user's own code where they are blocked. It fetches itself
// again every two seconds (a checkbox pauses that) and works without
// JavaScript too, as a snapshot. It uses no third-party code and loads
// nothing from elsewhere.
//
// The format comes from the query parameter format (html, text or json) or,
// without one, from the Accept header: a browser gets the page, a client
// that asks for application/json gets JSON, and one that names neither (curl)
// gets text. Every response is built from one snapshot, which costs about
// what a goroutine profile costs; the tasks pay nothing for it.
package tasktree

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/twine-go/twine/runtime/nursery"
)

// Handler returns the handler that serves the tree. It answers GET and
// HEAD; a format it does not know is a 400 that lists the ones it does.
func Handler() http.Handler { return handler{} }

type handler struct{}

func (handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "tasktree: method "+r.Method+" not allowed: use GET", http.StatusMethodNotAllowed)
		return
	}
	format, err := chooseFormat(r)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Add("Vary", "Accept")
	switch format {
	case "text":
		h.Set("Content-Type", "text/plain; charset=utf-8")
		nursery.WriteTree(w)
	case "json":
		h.Set("Content-Type", "application/json")
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.Encode(tree{Time: time.Now(), Nurseries: nonNil(nursery.Snapshot())})
	default:
		h.Set("Content-Type", "text/html; charset=utf-8")
		writePage(w, time.Now(), nursery.Snapshot())
	}
}

// tree is the JSON form: the time of the snapshot, against which the
// nurseries' and tasks' start times give their ages, and the roots.
type tree struct {
	Time      time.Time             `json:"time"`
	Nurseries []nursery.NurseryInfo `json:"nurseries"`
}

func nonNil(s []nursery.NurseryInfo) []nursery.NurseryInfo {
	if s == nil {
		return []nursery.NurseryInfo{}
	}
	return s
}

// chooseFormat returns "html", "text" or "json" for r.
func chooseFormat(r *http.Request) (string, error) {
	if f := r.URL.Query().Get("format"); f != "" {
		switch f {
		case "html", "text", "json":
			return f, nil
		}
		return "", fmt.Errorf("tasktree: unknown format %q: want html, text or json", f)
	}
	return negotiate(r.Header.Values("Accept")), nil
}

// negotiate picks, from Accept headers, the format the client prefers among
// HTML, JSON and plain text: the highest q-value, the first one on a tie. A
// client that names none of them (curl's */*) gets text.
func negotiate(accept []string) string {
	best, bestQ := "text", 0.0
	for _, header := range accept {
		for part := range strings.SplitSeq(header, ",") {
			media, params, err := mime.ParseMediaType(part)
			if err != nil {
				continue
			}
			q := 1.0
			if v, ok := params["q"]; ok {
				if q, err = strconv.ParseFloat(v, 64); err != nil {
					continue
				}
			}
			var f string
			switch media {
			case "text/html", "application/xhtml+xml":
				f = "html"
			case "application/json":
				f = "json"
			case "text/plain":
				f = "text"
			default:
				continue
			}
			if q > bestQ {
				best, bestQ = f, q
			}
		}
	}
	return best
}
