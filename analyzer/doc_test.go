package analyzer

import (
	"go/parser"
	"go/token"
	"testing"
)

// TestLineCommentText checks the doc comment reader against go/parser's
// (*ast.CommentGroup).Text, on doc.go and on the shapes a doc comment can
// take.
func TestLineCommentText(t *testing.T) {
	for _, src := range []string{
		docSource,
		"// Package p is short.\npackage p\n",
		"//go:build linux\n\n// Package p\n//\n//\n//   indented  \n//\tcode\n//go:generate x\n// end\n//\npackage p\n",
		"// a stray comment\n\n// Package p has its own doc.\n//\r\n// with CRLF lines\r\npackage p\n",
		"// not a doc\n\npackage p\n",
		"package p\n",
	} {
		f, err := parser.ParseFile(token.NewFileSet(), "x.go", src, parser.ParseComments|parser.PackageClauseOnly)
		if err != nil {
			t.Fatal(err)
		}
		want := ""
		if f.Doc != nil {
			want = f.Doc.Text()
		}
		if got := lineCommentText(src); got != want {
			t.Errorf("lineCommentText of %.40q:\n got %q\nwant %q", src, got, want)
		}
	}
}
