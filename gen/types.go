package gen

import (
	"fmt"
	"go/types"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/dave/jennifer/jen"
)

// typeWriter prints go/types types as jennifer code. Every type from another
// package goes through jen.Qual, so the file imports it under the name that
// imports chose for its path; type parameters print under the names that
// tparams gives them (the bundle may rename one that collides with a name of
// the generated code).
type typeWriter struct {
	tparams map[*types.TypeName]string
}

// code returns t as jennifer code.
func (w *typeWriter) code(t types.Type) jen.Code {
	switch t := t.(type) {
	case *types.Basic:
		if t.Kind() == types.UnsafePointer {
			return jen.Qual("unsafe", "Pointer")
		}
		return jen.Id(t.Name())
	case *types.Pointer:
		return jen.Op("*").Add(w.code(t.Elem()))
	case *types.Slice:
		return jen.Index().Add(w.code(t.Elem()))
	case *types.Array:
		return jen.Index(jen.Id(strconv.FormatInt(t.Len(), 10))).Add(w.code(t.Elem()))
	case *types.Map:
		return jen.Map(w.code(t.Key())).Add(w.code(t.Elem()))
	case *types.Chan:
		return w.chanCode(t)
	case *types.Signature:
		return jen.Func().Add(w.signature(t))
	case *types.Struct:
		return w.structCode(t)
	case *types.Interface:
		return w.interfaceCode(t)
	case *types.Union:
		return w.unionCode(t)
	case *types.TypeParam:
		if name, ok := w.tparams[t.Obj()]; ok {
			return jen.Id(name)
		}
		return jen.Id(t.Obj().Name())
	case *types.Named:
		return w.named(t.Obj(), t.TypeArgs())
	case *types.Alias:
		return w.named(t.Obj(), t.TypeArgs())
	case *types.Tuple:
		// Only results print tuples; signature handles them.
		panic(fmt.Sprintf("gen: unexpected tuple %v", t))
	}
	panic(fmt.Sprintf("gen: unexpected type %T", t))
}

// named prints a defined type or an alias by its name, so an alias keeps the
// spelling of the annotated function's signature.
func (w *typeWriter) named(obj *types.TypeName, targs *types.TypeList) jen.Code {
	var s *jen.Statement
	if obj.Pkg() == nil {
		s = jen.Id(obj.Name()) // error, comparable, any
	} else {
		s = jen.Qual(obj.Pkg().Path(), obj.Name())
	}
	if targs.Len() > 0 {
		args := make([]jen.Code, targs.Len())
		for i := range targs.Len() {
			args[i] = w.code(targs.At(i))
		}
		s = s.Types(args...)
	}
	return s
}

func (w *typeWriter) chanCode(t *types.Chan) jen.Code {
	elem := w.code(t.Elem())
	switch t.Dir() {
	case types.SendOnly:
		return jen.Chan().Op("<-").Add(elem)
	case types.RecvOnly:
		return jen.Op("<-").Chan().Add(elem)
	}
	// chan (<-chan T): without the parentheses it would read as chan<- chan T.
	if c, ok := t.Elem().(*types.Chan); ok && c.Dir() == types.RecvOnly {
		return jen.Chan().Parens(elem)
	}
	return jen.Chan().Add(elem)
}

// signature prints the parameters and results of a function type, without
// names (a function type needs none).
func (w *typeWriter) signature(sig *types.Signature) *jen.Statement {
	params := make([]jen.Code, sig.Params().Len())
	for i := range sig.Params().Len() {
		params[i] = w.paramType(sig, i)
	}
	s := jen.Params(params...)
	switch res := sig.Results(); res.Len() {
	case 0:
	case 1:
		s.Add(w.code(res.At(0).Type()))
	default:
		results := make([]jen.Code, res.Len())
		for i := range res.Len() {
			results[i] = w.code(res.At(i).Type())
		}
		s.Parens(jen.List(results...))
	}
	return s
}

// paramType prints the type of parameter i of sig, as ...E for the final
// parameter of a variadic function.
func (w *typeWriter) paramType(sig *types.Signature, i int) jen.Code {
	t := sig.Params().At(i).Type()
	if sig.Variadic() && i == sig.Params().Len()-1 {
		return jen.Op("...").Add(w.code(t.(*types.Slice).Elem()))
	}
	return w.code(t)
}

func (w *typeWriter) structCode(t *types.Struct) jen.Code {
	fields := make([]jen.Code, t.NumFields())
	for i := range t.NumFields() {
		f := t.Field(i)
		var s *jen.Statement
		if f.Embedded() {
			s = jen.Add(w.code(f.Type()))
		} else {
			s = jen.Id(f.Name()).Add(w.code(f.Type()))
		}
		if tag := t.Tag(i); tag != "" {
			// A tag is part of the type's identity: keep it byte for byte.
			s.Lit(tag)
		}
		fields[i] = s
	}
	return jen.Struct(fields...)
}

func (w *typeWriter) interfaceCode(t *types.Interface) jen.Code {
	if t.IsImplicit() {
		// The constraint [T ~int | ~string] is an implicit interface
		// holding one embedded element: print the element alone.
		return w.code(t.EmbeddedType(0))
	}
	var elems []jen.Code
	for i := range t.NumEmbeddeds() {
		elems = append(elems, w.code(t.EmbeddedType(i)))
	}
	for i := range t.NumExplicitMethods() {
		m := t.ExplicitMethod(i)
		elems = append(elems, jen.Id(m.Name()).Add(w.signature(m.Signature())))
	}
	return jen.Interface(elems...)
}

func (w *typeWriter) unionCode(t *types.Union) jen.Code {
	terms := make([]jen.Code, t.Len())
	for i := range t.Len() {
		term := t.Term(i)
		if term.Tilde() {
			terms[i] = jen.Op("~").Add(w.code(term.Type()))
		} else {
			terms[i] = w.code(term.Type())
		}
	}
	return jen.Union(terms...)
}

// typeParams prints a type parameter list with constraints: [T any, K comparable].
func (w *typeWriter) typeParams(list *types.TypeParamList) []jen.Code {
	codes := make([]jen.Code, list.Len())
	for i := range list.Len() {
		tp := list.At(i)
		codes[i] = jen.Add(w.code(tp)).Add(w.code(tp.Constraint()))
	}
	return codes
}

// typeArgs prints a type parameter list as the arguments that instantiate
// with it: [T, K].
func (w *typeWriter) typeArgs(list *types.TypeParamList) []jen.Code {
	codes := make([]jen.Code, list.Len())
	for i := range list.Len() {
		codes[i] = w.code(list.At(i))
	}
	return codes
}

// collectPackages adds to paths the path and name of every package whose
// names t mentions.
func collectPackages(t types.Type, paths map[string]string) {
	seen := map[types.Type]bool{}
	var walk func(t types.Type)
	walkSig := func(sig *types.Signature) {
		for i := range sig.Params().Len() {
			walk(sig.Params().At(i).Type())
		}
		for i := range sig.Results().Len() {
			walk(sig.Results().At(i).Type())
		}
	}
	addObj := func(obj *types.TypeName, targs *types.TypeList) {
		if obj.Pkg() != nil {
			paths[obj.Pkg().Path()] = obj.Pkg().Name()
		}
		for i := range targs.Len() {
			walk(targs.At(i))
		}
	}
	walk = func(t types.Type) {
		if seen[t] {
			return
		}
		seen[t] = true
		switch t := t.(type) {
		case *types.Basic:
			if t.Kind() == types.UnsafePointer {
				paths["unsafe"] = "unsafe"
			}
		case *types.Pointer:
			walk(t.Elem())
		case *types.Slice:
			walk(t.Elem())
		case *types.Array:
			walk(t.Elem())
		case *types.Map:
			walk(t.Key())
			walk(t.Elem())
		case *types.Chan:
			walk(t.Elem())
		case *types.Signature:
			walkSig(t)
		case *types.Struct:
			for i := range t.NumFields() {
				walk(t.Field(i).Type())
			}
		case *types.Interface:
			if t.IsImplicit() {
				walk(t.EmbeddedType(0))
				return
			}
			for i := range t.NumEmbeddeds() {
				walk(t.EmbeddedType(i))
			}
			for i := range t.NumExplicitMethods() {
				walkSig(t.ExplicitMethod(i).Signature())
			}
		case *types.Union:
			for i := range t.Len() {
				walk(t.Term(i).Type())
			}
		case *types.TypeParam:
			walk(t.Constraint())
		case *types.Named:
			addObj(t.Obj(), t.TypeArgs())
		case *types.Alias:
			addObj(t.Obj(), t.TypeArgs())
		}
	}
	walk(t)
}

// hasInvalid reports whether t contains a type the type checker could not
// determine.
func hasInvalid(t types.Type) bool {
	invalid := false
	seen := map[types.Type]bool{}
	var walk func(t types.Type)
	walk = func(t types.Type) {
		if invalid || seen[t] {
			return
		}
		seen[t] = true
		switch t := t.(type) {
		case *types.Basic:
			invalid = t.Kind() == types.Invalid
		case *types.Pointer:
			walk(t.Elem())
		case *types.Slice:
			walk(t.Elem())
		case *types.Array:
			walk(t.Elem())
		case *types.Map:
			walk(t.Key())
			walk(t.Elem())
		case *types.Chan:
			walk(t.Elem())
		case *types.Signature:
			for i := range t.Params().Len() {
				walk(t.Params().At(i).Type())
			}
			for i := range t.Results().Len() {
				walk(t.Results().At(i).Type())
			}
		case *types.Struct:
			for i := range t.NumFields() {
				walk(t.Field(i).Type())
			}
		case *types.Interface:
			for i := range t.NumEmbeddeds() {
				walk(t.EmbeddedType(i))
			}
			for i := range t.NumExplicitMethods() {
				walk(t.ExplicitMethod(i).Type())
			}
		case *types.Union:
			for i := range t.Len() {
				walk(t.Term(i).Type())
			}
		case *types.Named:
			for i := range t.TypeArgs().Len() {
				walk(t.TypeArgs().At(i))
			}
		case *types.Alias:
			walk(types.Unalias(t))
		case *types.TypeParam:
			walk(t.Constraint())
		}
	}
	walk(t)
	return invalid
}

// majorVersion matches the last element of a major version's path (v2).
var majorVersion = regexp.MustCompile(`^v[0-9]+$`)

// nonIdent matches what cannot appear in a package name derived from a path.
var nonIdent = regexp.MustCompile(`[^a-z0-9_]`)

// importNames chooses, for each package path, the name the generated file
// imports it under. A package keeps its own name unless that name is taken
// (by a declaration of the package, a predeclared identifier or a name the
// generated code uses) or shared with another import (where one standard
// package shares it with packages from elsewhere, the standard one keeps
// it). The others get an alias made of their last two path elements
// (text/template → texttemplate, html/template → htmltemplate,
// math/rand/v2 → randv2), numbered if even that is taken. The choice depends
// only on the set of paths and taken names, never on the order in which
// types are printed.
func importNames(pkgs map[string]string, taken map[string]bool) map[string]string {
	paths := make([]string, 0, len(pkgs))
	byName := map[string]int{}
	stdByName := map[string]int{}
	for path, name := range pkgs {
		paths = append(paths, path)
		byName[name]++
		if isStd(path) {
			stdByName[name]++
		}
	}
	slices.Sort(paths)
	used := map[string]bool{}
	free := func(name string) bool { return !taken[name] && !used[name] }
	names := make(map[string]string, len(paths))
	// First the imports that keep their names, so that aliases never take
	// them.
	for _, path := range paths {
		name := pkgs[path]
		unique := byName[name] == 1 || stdByName[name] == 1 && isStd(path)
		if unique && free(name) {
			used[name] = true
			names[path] = name
		}
	}
	for _, path := range paths {
		if _, ok := names[path]; !ok {
			name := aliasFor(path, pkgs[path], free)
			used[name] = true
			names[path] = name
		}
	}
	return names
}

// isStd reports whether path is in the standard library: its first element
// has no dot.
func isStd(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}

// aliasFor returns an alias for the package name at path that free accepts.
func aliasFor(path, name string, free func(string) bool) string {
	elems := strings.Split(path, "/")
	if last := elems[len(elems)-1]; majorVersion.MatchString(last) && last != name {
		// math/rand/v2 → randv2
		if alias := name + last; free(alias) {
			return alias
		}
	} else if len(elems) >= 2 {
		parent := nonIdent.ReplaceAllString(strings.ToLower(elems[len(elems)-2]), "")
		parent = strings.TrimLeft(parent, "0123456789_")
		if alias := parent + name; parent != "" && free(alias) {
			return alias
		}
	}
	for i := 2; ; i++ {
		if alias := name + strconv.Itoa(i); free(alias) {
			return alias
		}
	}
}
