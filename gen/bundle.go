package gen

import (
	"go/ast"
	"go/token"
	"go/types"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/tools/go/packages"
)

// bundle is one annotated function and everything generated for it.
type bundle struct {
	fn     *types.Func
	sig    *types.Signature
	pos    token.Pos // of the annotation
	policy policy

	typeName   string // serveConnBundle
	newName    string // newServeConnBundle
	runName    string // runServeConnBundle
	guardName  string // twine_bundles_are_stale_run_go_generate_serveConnBundle
	configName string // serveConn, (*Server).handle

	recv    types.Type                 // the receiver type of a method, else nil
	tparams *types.TypeParamList       // the function's, or its receiver's
	params  []*types.Var               // the function's parameters after ctx
	result  types.Type                 // T of (T, error), or nil for error alone
	names   []string                   // the names Go gives params, set by render
	tnames  map[*types.TypeName]string // the names of tparams in the generated code
}

// bundle checks the annotated function decl and returns its bundle, or nil
// after reporting why there can be none.
func (g *generator) bundle(pkg *packages.Package, decl *ast.FuncDecl, pos token.Pos, p policy) *bundle {
	fset := pkg.Fset
	fn, ok := pkg.TypesInfo.Defs[decl.Name].(*types.Func)
	if !ok {
		g.errorf(fset, decl.Name.Pos(), "no type information for %s", decl.Name.Name)
		return nil
	}
	name := decl.Name.Name
	if name == "_" || name == "init" && decl.Recv == nil {
		g.errorf(fset, decl.Name.Pos(), "%s cannot be referred to, so it cannot run in a bundle", name)
		return nil
	}
	sig := fn.Signature()
	if g.invalidSignature(pkg, decl, sig) {
		return nil
	}
	b := &bundle{fn: fn, sig: sig, pos: pos, policy: p}
	ok = true
	params := sig.Params()
	if params.Len() == 0 || !isContext(params.At(0).Type()) {
		at := decl.Type.Params.Opening
		if len(decl.Type.Params.List) > 0 {
			at = decl.Type.Params.List[0].Type.Pos()
		}
		g.errorf(fset, at, "first parameter of %s must be context.Context: a bundle passes each task its context", name)
		ok = false
	}
	results := sig.Results()
	switch {
	case results.Len() == 0 || !isError(results.At(results.Len()-1).Type()):
		at := decl.Type.Params.Closing + 1
		if decl.Type.Results != nil {
			at = decl.Type.Results.List[len(decl.Type.Results.List)-1].Type.Pos()
		}
		g.errorf(fset, at, "last result of %s must be error: a bundle reports each task's failure", name)
		ok = false
	case results.Len() > 2:
		g.errorf(fset, decl.Type.Results.Pos(), "%s returns %d results: a bundle runs a function that returns error or (T, error)", name, results.Len())
		ok = false
	case results.Len() == 2:
		b.result = results.At(0).Type()
	}
	if !ok {
		return nil
	}
	for i := 1; i < params.Len(); i++ {
		b.params = append(b.params, params.At(i))
	}
	b.tparams = sig.TypeParams()
	b.configName = name
	base := name
	if recv := sig.Recv(); recv != nil {
		b.recv = recv.Type()
		b.tparams = sig.RecvTypeParams()
		ptr, named := receiverNamed(b.recv)
		typeName := named.Obj().Name()
		if ptr {
			b.configName = "(*" + typeName + ")." + name
		} else {
			b.configName = typeName + "." + name
		}
		base = lowerInitial(typeName) + upperFirst(name)
	}
	if p.name != "" {
		b.typeName = p.name
		b.newName, b.runName = "new"+upperFirst(p.name), "run"+upperFirst(p.name)
		if ast.IsExported(p.name) {
			b.newName, b.runName = "New"+p.name, "Run"+p.name
		}
	} else if fn.Exported() {
		b.typeName = upperFirst(base) + "Bundle"
		b.newName, b.runName = "New"+b.typeName, "Run"+b.typeName
	} else {
		b.typeName = lowerInitial(base) + "Bundle"
		b.newName, b.runName = "new"+upperFirst(b.typeName), "run"+upperFirst(b.typeName)
	}
	b.guardName = guardPrefix + b.typeName
	return b
}

// guardPrefix begins the name of the type of a bundle's stale-signature
// guard. The compiler names that type when the guard fails, so the name
// itself tells the reader what to do.
const guardPrefix = "twine_bundles_are_stale_run_go_generate_"

// invalidSignature reports, and returns true, when part of the signature of
// decl has no type: the type checker's errors inside the signature say why.
func (g *generator) invalidSignature(pkg *packages.Package, decl *ast.FuncDecl, sig *types.Signature) bool {
	var vars []*types.Var
	if sig.Recv() != nil {
		vars = append(vars, sig.Recv())
	}
	for i := range sig.Params().Len() {
		vars = append(vars, sig.Params().At(i))
	}
	for i := range sig.Results().Len() {
		vars = append(vars, sig.Results().At(i))
	}
	invalid := false
	for _, v := range vars {
		invalid = invalid || hasInvalid(v.Type())
	}
	for i := range sig.TypeParams().Len() {
		invalid = invalid || hasInvalid(sig.TypeParams().At(i))
	}
	if !invalid {
		return false
	}
	start, end := decl.Pos(), decl.Type.End()
	if decl.Recv != nil {
		start = decl.Recv.Pos()
	}
	reported := false
	for _, e := range pkg.TypeErrors {
		if e.Fset == pkg.Fset && e.Pos >= start && e.Pos < end {
			hint := ""
			if strings.HasPrefix(e.Msg, "undefined: ") {
				hint = " (an annotated signature cannot use what " + DefaultOutput + " declares: twinegen reads the package without it)"
			}
			g.errorf(pkg.Fset, e.Pos, "in the signature of %s: %s%s", decl.Name.Name, e.Msg, hint)
			reported = true
		}
	}
	if !reported {
		g.errorf(pkg.Fset, decl.Name.Pos(), "the signature of %s has a type that cannot be determined (does it use a declaration of %s?)", decl.Name.Name, DefaultOutput)
	}
	return true
}

// receiverNamed returns the defined type of a method receiver T or *T, with
// or without type arguments.
func receiverNamed(t types.Type) (ptr bool, named *types.Named) {
	if p, ok := t.(*types.Pointer); ok {
		ptr, t = true, p.Elem()
	}
	return ptr, types.Unalias(t).(*types.Named)
}

func isContext(t types.Type) bool {
	named, ok := types.Unalias(t).(*types.Named)
	return ok && named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == "context" && named.Obj().Name() == "Context"
}

func isError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// checkNames reports generated names that collide with a declaration of the
// package or with the names of another bundle.
func (g *generator) checkNames(pkg *packages.Package, bundles []*bundle) {
	scope := pkg.Types.Scope()
	first := map[string]*bundle{}
	for _, b := range bundles {
		names := []string{b.typeName, b.newName, b.runName, b.guardName}
		for _, name := range names {
			if obj := scope.Lookup(name); obj != nil {
				g.errorf(pkg.Fset, b.pos, "the bundle of %s would declare %s, which is already declared at %s; choose another name with name=",
					b.configName, name, relPosition(g.dir, pkg.Fset.Position(obj.Pos())))
				break
			}
			if other, dup := first[name]; dup {
				g.errorf(pkg.Fset, b.pos, "the bundle of %s would declare %s, as does the bundle of %s at %s; choose another name with name=",
					b.configName, name, other.configName, relPosition(g.dir, pkg.Fset.Position(other.pos)))
				break
			}
		}
		for _, name := range names {
			if _, dup := first[name]; !dup {
				first[name] = b
			}
		}
	}
}

// upperFirst returns s with its first letter in upper case.
func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// lowerInitial returns s with its leading capitals in lower case, treating
// an initialism as one word: Server → server, HTTPServer → httpServer,
// URL → url.
func lowerInitial(s string) string {
	runes := []rune(s)
	n := 0
	for n < len(runes) && unicode.IsUpper(runes[n]) {
		n++
	}
	if n > 1 && n < len(runes) && unicode.IsLower(runes[n]) {
		n-- // the last capital starts the next word
	}
	if n == 0 {
		n = 1
	}
	for i := range n {
		runes[i] = unicode.ToLower(runes[i])
	}
	return string(runes)
}

// uniqueName returns name, or name followed by underscores, whichever is
// first not in taken, and marks it taken.
func uniqueName(name string, taken map[string]bool) string {
	for taken[name] {
		name += "_"
	}
	taken[name] = true
	return name
}

// argName names an unnamed or blank parameter by its position in the
// annotated function's parameter list.
func argName(i int) string { return "arg" + strconv.Itoa(i) }
