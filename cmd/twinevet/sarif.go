package main

import (
	"encoding/json"
	"go/token"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/twine-go/twine/analyzer"
	"golang.org/x/tools/go/analysis"
)

// The subset of SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/)
// that code-scanning services read: one run, the rules, results with
// physical locations, and the invocation: whether it succeeded, with a
// notification for each error that kept a package from being analyzed.
type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                   `json:"tool"`
	OriginalURIBaseIDs map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
	ColumnKind         string                      `json:"columnKind"`
	Results            []sarifResult               `json:"results"`
	Invocations        []sarifInvocation           `json:"invocations"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID               string       `json:"id"`
	ShortDescription sarifMessage `json:"shortDescription"`
	HelpURI          string       `json:"helpUri,omitempty"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   sarifMessage    `json:"message"`
	Locations []sarifLocation `json:"locations"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
}

type sarifPhysicalLocation struct {
	ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
	Region           *sarifRegion     `json:"region,omitempty"`
}

type sarifArtifactLoc struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

// writeSARIF prints diags and failures as a SARIF log: the rules are
// twine's, then the other analyzers; a failure makes the invocation
// unsuccessful and is a notification at its position. File locations are
// relative to the current directory (%SRCROOT%) when they are inside it;
// columns count Unicode code points, as SARIF's "unicodeCodePoints" column
// kind says.
func writeSARIF(w io.Writer, analyzers []*analysis.Analyzer, diags []diagnostic, failures []failure) error {
	root, _ := os.Getwd()
	loc := newLocator(root)
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "twinevet",
			InformationURI: analyzer.Analyzer.URL,
			Rules:          sarifRules(analyzers),
		}},
		ColumnKind: "unicodeCodePoints",
		Results:    []sarifResult{},
	}
	if root != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLoc{"%SRCROOT%": {URI: fileURI(root) + "/"}}
	}
	index := make(map[string]int)
	for i, r := range run.Tool.Driver.Rules {
		index[r.ID] = i
	}
	for _, d := range diags {
		run.Results = append(run.Results, sarifResult{
			RuleID:    d.ruleID(),
			RuleIndex: index[d.ruleID()],
			Level:     "warning",
			Message:   sarifMessage{Text: d.Message},
			Locations: []sarifLocation{{PhysicalLocation: loc.physical(d.pos, d.end)}},
		})
	}
	inv := sarifInvocation{ExecutionSuccessful: len(failures) == 0}
	for _, f := range unique(failures, root) {
		n := sarifNotification{Level: "error", Message: sarifMessage{Text: f.msg}}
		if f.pos.Filename != "" {
			n.Locations = []sarifLocation{{PhysicalLocation: loc.physical(f.pos, f.pos)}}
		} else {
			n.Message.Text = f.pkg + ": " + f.msg
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}
	run.Invocations = []sarifInvocation{inv}
	data, err := json.MarshalIndent(sarifLog{
		Schema:  "https://json.schemastore.org/sarif-2.1.0.json",
		Version: "2.1.0",
		Runs:    []sarifRun{run},
	}, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

// sarifRules describes twine's rules, then the other analyzers.
func sarifRules(analyzers []*analysis.Analyzer) []sarifRule {
	var rules []sarifRule
	for _, a := range analyzers {
		if a != analyzer.Analyzer {
			continue
		}
		for _, r := range analyzer.Rules() {
			rules = append(rules, sarifRule{ID: r.Name, ShortDescription: sarifMessage{Text: r.Summary}, HelpURI: a.URL})
		}
	}
	for _, a := range analyzers {
		if a == analyzer.Analyzer {
			continue
		}
		summary, _, _ := strings.Cut(a.Doc, "\n\n")
		rules = append(rules, sarifRule{ID: a.Name, ShortDescription: sarifMessage{Text: strings.Join(strings.Fields(summary), " ")}, HelpURI: a.URL})
	}
	return rules
}

// A locator turns token positions into SARIF locations, reading each file
// once to count columns in code points.
type locator struct {
	root  string
	files map[string][]string
}

func newLocator(root string) *locator {
	return &locator{root: root, files: make(map[string][]string)}
}

func (l *locator) physical(pos, end token.Position) sarifPhysicalLocation {
	if !end.IsValid() || end.Filename != pos.Filename {
		end = pos
	}
	art := sarifArtifactLoc{URI: fileURI(pos.Filename)}
	if rel, err := filepath.Rel(l.root, pos.Filename); l.root != "" && err == nil && filepath.IsLocal(rel) {
		art = sarifArtifactLoc{URI: (&url.URL{Path: filepath.ToSlash(rel)}).EscapedPath(), URIBaseID: "%SRCROOT%"}
	}
	if pos.Line == 0 {
		return sarifPhysicalLocation{ArtifactLocation: art}
	}
	return sarifPhysicalLocation{
		ArtifactLocation: art,
		Region: &sarifRegion{
			StartLine:   pos.Line,
			StartColumn: l.column(pos),
			EndLine:     end.Line,
			EndColumn:   l.column(end),
		},
	}
}

// column converts a byte column to a code-point column.
func (l *locator) column(p token.Position) int {
	lines, ok := l.files[p.Filename]
	if !ok {
		if data, err := os.ReadFile(p.Filename); err == nil {
			lines = strings.Split(string(data), "\n")
		}
		l.files[p.Filename] = lines
	}
	if p.Line < 1 || p.Line > len(lines) || p.Column < 1 {
		return max(p.Column, 1)
	}
	line := lines[p.Line-1]
	n := min(p.Column-1, len(line))
	return utf8.RuneCountInString(line[:n]) + 1 + (p.Column - 1 - n)
}

// fileURI returns the file: URI of an absolute path.
func fileURI(path string) string {
	path = filepath.ToSlash(path)
	if !strings.HasPrefix(path, "/") {
		path = "/" + path // a Windows drive letter
	}
	return (&url.URL{Scheme: "file", Path: path}).String()
}
