package analyzer

import (
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// A directive is a //twine:detached comment: it documents that the
// concurrency on its line, or on the line below it, is deliberately not
// structured.
type directive struct {
	pos    token.Pos
	reason string
	own    bool // alone on its line, so it also covers the next line
}

const detachedPrefix = "//twine:detached"

// readDirectives collects the //twine:detached comments of every file from
// the raw comment list (CommentGroup.Text drops directives) and reports
// those without a reason.
func (c *checker) readDirectives() {
	for _, f := range c.pass.Files {
		tf := c.pass.Fset.File(f.FileStart)
		if tf == nil {
			continue
		}
		for _, g := range f.Comments {
			for _, cm := range g.List {
				rest, ok := strings.CutPrefix(cm.Text, detachedPrefix)
				if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
					continue
				}
				// A further comment on the directive's line ("// want ...",
				// "// TODO") is not a reason.
				if i := strings.Index(rest, " //"); i >= 0 {
					rest = rest[:i]
				}
				d := &directive{pos: cm.Pos(), reason: strings.TrimSpace(rest)}
				d.own = c.aloneOnLine(tf, cm.Pos())
				if c.detached == nil {
					c.detached = make(map[*token.File]map[int]*directive)
				}
				if c.detached[tf] == nil {
					c.detached[tf] = make(map[int]*directive)
				}
				c.detached[tf][tf.Line(cm.Pos())] = d
				if d.reason == "" && !c.generated[tf] {
					c.pass.Report(analysis.Diagnostic{
						Pos:      cm.Pos(),
						End:      cm.End(),
						Category: categoryDetached,
						Message:  "//twine:detached needs a reason: say why this concurrency is deliberately not structured",
					})
				}
			}
		}
	}
}

// aloneOnLine reports whether only blanks precede pos on its line.
func (c *checker) aloneOnLine(tf *token.File, pos token.Pos) bool {
	start := tf.LineStart(tf.Line(pos))
	s, ok := c.source(start, pos)
	if !ok {
		return true
	}
	return strings.TrimSpace(s) == ""
}

// suppressed reports whether a diagnostic at pos is covered by a
// //twine:detached directive on its line or alone on the line above. A
// directive without a reason still suppresses: its own diagnostic asks for
// the reason.
func (c *checker) suppressed(tf *token.File, pos token.Pos) bool {
	ds := c.detached[tf]
	if ds == nil {
		return false
	}
	line := tf.Line(pos)
	if d := ds[line]; d != nil {
		return true
	}
	if d := ds[line-1]; d != nil && d.own {
		return true
	}
	return false
}
