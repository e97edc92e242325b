package gen

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"
	"time"
)

// policy is what one //twine:bundle annotation says.
type policy struct {
	grace     time.Duration
	limit     int
	supervise bool
	name      string // the name= override, or ""
}

// directive is one //twine:bundle comment.
type directive struct {
	ast.Directive
	group *ast.CommentGroup
}

// findDirectives returns every //twine:bundle directive of f, in source
// order. It reads the raw comment list: CommentGroup.Text drops directives,
// and gofmt moves them to the end of a doc comment.
func findDirectives(f *ast.File) []directive {
	var ds []directive
	for _, g := range f.Comments {
		for _, c := range g.List {
			if d, ok := ast.ParseDirective(c.Slash, c.Text); ok && d.Tool == "twine" && d.Name == "bundle" {
				ds = append(ds, directive{d, g})
			}
		}
	}
	return ds
}

// parsePolicy parses the arguments of d. It reports every problem through
// report and returns ok == false if there was one.
func parsePolicy(d directive, report func(token.Pos, string, ...any)) (p policy, ok bool) {
	ok = true
	fail := func(pos token.Pos, format string, args ...any) {
		report(pos, format, args...)
		ok = false
	}
	args, err := d.ParseArgs()
	if err != nil {
		fail(d.ArgsPos, "malformed //twine:bundle arguments: %v", err)
		return p, false
	}
	seen := map[string]bool{}
	for _, a := range args {
		key, value, hasValue := strings.Cut(a.Arg, "=")
		if seen[key] && isKey(key) {
			fail(a.Pos, "duplicate key %s in //twine:bundle", key)
			continue
		}
		seen[key] = true
		switch key {
		case "grace":
			d, err := time.ParseDuration(value)
			switch {
			case !hasValue || value == "":
				fail(a.Pos, "grace needs a duration, as in grace=2s")
			case err != nil || d < 0:
				fail(a.Pos, "invalid grace %q: want a non-negative duration such as 500ms or 2s", value)
			default:
				p.grace = d
			}
		case "limit":
			n, err := strconv.Atoi(value)
			switch {
			case !hasValue || value == "":
				fail(a.Pos, "limit needs a number of tasks, as in limit=64")
			case err != nil || n < 0:
				fail(a.Pos, "invalid limit %q: want a non-negative integer (0 means no limit)", value)
			default:
				p.limit = n
			}
		case "supervise":
			if hasValue {
				fail(a.Pos, "supervise takes no value: write supervise alone to turn it on")
			} else {
				p.supervise = true
			}
		case "name":
			switch {
			case !hasValue || value == "":
				fail(a.Pos, "name needs an identifier, as in name=connPool")
			case !token.IsIdentifier(value) || value == "_":
				fail(a.Pos, "invalid name %q: want a Go identifier", value)
			case types.Universe.Lookup(value) != nil:
				fail(a.Pos, "invalid name %q: it would shadow the predeclared %s", value, value)
			default:
				p.name = value
			}
		default:
			fail(a.Pos, "unknown key %q in //twine:bundle (want grace, limit, supervise or name)", key)
		}
	}
	return p, ok
}

func isKey(key string) bool {
	switch key {
	case "grace", "limit", "supervise", "name":
		return true
	}
	return false
}
