package gen

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"go/types"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dave/jennifer/jen"
	"golang.org/x/tools/go/packages"
)

// locals are the names the generated code declares inside its functions.
// Imports never take them, and type parameters and the parameters of Go are
// renamed away from them, so nothing the generated code refers to is
// shadowed.
var locals = []string{"b", "body", "cause", "ctx", "err", "grace", "i", "mu", "n", "r", "recv", "results", "zero"}

// render returns the gofmt-ed output file for the bundles of pkg.
func render(pkg *packages.Package, bundles []*bundle) ([]byte, error) {
	bundles = slices.Clone(bundles)
	slices.SortFunc(bundles, func(a, b *bundle) int { return strings.Compare(a.typeName, b.typeName) })

	taken := map[string]bool{}
	for _, name := range types.Universe.Names() {
		taken[name] = true
	}
	for _, name := range pkg.Types.Scope().Names() {
		taken[name] = true
	}
	for _, name := range locals {
		taken[name] = true
	}
	paths := map[string]string{"context": "context", "time": "time", NurseryPath: "nursery"}
	for _, b := range bundles {
		taken[b.typeName], taken[b.newName], taken[b.runName], taken[b.guardName] = true, true, true, true
		// Type parameters: keep their names unless the generated code
		// declares the same name.
		b.tnames = map[*types.TypeName]string{}
		tpTaken := map[string]bool{}
		for _, name := range locals {
			tpTaken[name] = true
		}
		for i := range b.tparams.Len() {
			tp := b.tparams.At(i)
			b.tnames[tp.Obj()] = uniqueName(tp.Obj().Name(), tpTaken)
			taken[b.tnames[tp.Obj()]] = true
			collectPackages(tp.Constraint(), paths)
		}
		if b.recv != nil {
			collectPackages(b.recv, paths)
		}
		for i := range b.sig.Params().Len() {
			collectPackages(b.sig.Params().At(i).Type(), paths)
		}
		for i := range b.sig.Results().Len() {
			collectPackages(b.sig.Results().At(i).Type(), paths)
		}
		if b.result != nil {
			paths["sync"] = "sync"
		}
	}
	delete(paths, pkg.PkgPath)
	imports := importNames(paths, taken)

	f := jen.NewFilePathName(pkg.PkgPath, pkg.Name)
	f.HeaderComment(Header)
	for path, name := range imports {
		if name == paths[path] {
			f.ImportName(path, name)
		} else {
			f.ImportAlias(path, name)
		}
	}
	for _, b := range bundles {
		b.names = goParamNames(b, imports["context"])
		emit(f, b)
	}
	var buf bytes.Buffer
	if err := f.Render(&buf); err != nil {
		return nil, err
	}
	return groupImports(buf.Bytes())
}

// groupImports puts the standard library's imports of src, a gofmt-ed file
// whose imports are one block (as jennifer writes them), in a group before
// the others, with a blank line between the two, as goimports does.
func groupImports(src []byte) ([]byte, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", src, parser.ImportsOnly)
	if err != nil {
		return nil, err
	}
	if len(f.Decls) == 0 {
		return src, nil
	}
	decl := f.Decls[0].(*ast.GenDecl)
	offset := func(p token.Pos) int { return fset.Position(p).Offset }
	var std, other []string
	for _, spec := range decl.Specs {
		line := string(src[offset(spec.Pos()):offset(spec.End())])
		first, _, _ := strings.Cut(spec.(*ast.ImportSpec).Path.Value, "/")
		if strings.Contains(first, ".") {
			other = append(other, line)
		} else {
			std = append(std, line)
		}
	}
	if !decl.Lparen.IsValid() || len(std) == 0 || len(other) == 0 {
		return src, nil
	}
	var b bytes.Buffer
	b.Write(src[:offset(decl.Lparen)+1])
	b.WriteString("\n\t" + strings.Join(std, "\n\t") + "\n\n\t" + strings.Join(other, "\n\t") + "\n")
	b.Write(src[offset(decl.Rparen):])
	return format.Source(b.Bytes())
}

// goParamNames names the parameters of Go: the function's own names, unless
// one would shadow a name the body of Go refers to (then an underscore is
// added), and argN for an unnamed or blank parameter at position N of the
// function's parameter list.
func goParamNames(b *bundle, contextName string) []string {
	taken := map[string]bool{"b": true, "ctx": true, contextName: true, b.fn.Name(): true}
	if b.result != nil {
		taken["i"], taken["r"], taken["err"] = true, true, true
	}
	for _, name := range b.tnames {
		taken[name] = true
	}
	names := make([]string, len(b.params))
	for i, v := range b.params {
		if v.Name() != "" && v.Name() != "_" {
			names[i] = uniqueName(v.Name(), taken)
		}
	}
	for i := range names {
		if names[i] == "" {
			names[i] = uniqueName(argName(i+1), taken)
		}
	}
	return names
}

// docs returns text as a doc comment: paragraphs (separated by a blank
// line) filled to lines of at most 77 columns.
func docs(text string) *jen.Statement {
	s := jen.Null()
	for i, para := range strings.Split(strings.TrimSpace(text), "\n\n") {
		if i > 0 {
			s.Comment("").Line()
		}
		line := ""
		for _, word := range strings.Fields(para) {
			if line != "" && len(line)+1+len(word) > 77 {
				s.Comment(line).Line()
				line = ""
			}
			if line != "" {
				line += " "
			}
			line += word
		}
		s.Comment(line).Line()
	}
	return s
}

// emitter prints the declarations of one bundle.
type emitter struct {
	b *bundle
	w *typeWriter
}

func emit(f *jen.File, b *bundle) {
	e := &emitter{b: b, w: &typeWriter{tparams: b.tnames}}
	e.typeDecl(f)
	e.guard(f)
	e.constructors(f)
	e.goMethod(f)
	e.methods(f)
	if b.result != nil {
		e.resultMethods(f)
	}
}

// self is the bundle type as used: xBundle or xBundle[T, K].
func (e *emitter) self() *jen.Statement {
	return jen.Id(e.b.typeName).Types(e.w.typeArgs(e.b.tparams)...)
}

// receiver is the receiver of the bundle's methods: (b *xBundle[T, K]).
func (e *emitter) receiver() *jen.Statement {
	return jen.Params(jen.Id("b").Op("*").Add(e.self()))
}

// fnName is how the documentation refers to the annotated function.
func (e *emitter) fnName() string { return e.b.configName }

// results is the result list of Wait and Close: error or ([]T, error).
func (e *emitter) results() *jen.Statement {
	if e.b.result == nil {
		return jen.Error()
	}
	return jen.Parens(jen.List(jen.Index().Add(e.w.code(e.b.result)), jen.Error()))
}

func (e *emitter) typeDecl(f *jen.File) {
	b := e.b
	fields := []jen.Code{jen.Id("n").Op("*").Qual(NurseryPath, "Nursery")}
	if b.recv != nil {
		fields = append(fields, jen.Id("recv").Add(e.w.code(b.recv)))
	}
	if b.result != nil {
		fields = append(fields,
			jen.Id("mu").Qual("sync", "Mutex"),
			jen.Id("results").Index().Add(e.w.code(b.result)))
	}
	text := b.typeName + " is a nursery that can only run " + e.fnName() + ", under the policy\n" +
		"written in its annotation: " + policyText(b.policy) + ".\n" +
		b.newName + " makes one for an owner that closes it; " + b.runName + " runs one\n" +
		"for the length of a function call."
	if b.result != nil {
		text += "\n\nWait, Close and " + b.runName + " return the results of the tasks in the order\n" +
			"Go was called. The result of a task that failed or never started is the\n" +
			"zero value."
	}
	f.Add(docs(text)).Type().Id(b.typeName).Types(e.w.typeParams(b.tparams)...).Struct(fields...)
}

// guard declares a type for the function's signature as the bundle was
// generated for it, and a variable of that type set to the function, so
// that a changed signature fails to compile in this file. The type's name
// says the file is stale and what to do, and the compiler's error names
// it: "cannot use f (value of type ...) as
// twine_bundles_are_stale_run_go_generate_fBundle value".
func (e *emitter) guard(f *jen.File) {
	b := e.b
	var params []jen.Code
	var ref *jen.Statement
	switch {
	case b.recv == nil:
		ref = jen.Id(b.fn.Name()).Types(e.w.typeArgs(b.tparams)...)
	case isPointer(b.recv):
		params = append(params, e.w.code(b.recv))
		ref = jen.Parens(e.w.code(b.recv)).Dot(b.fn.Name())
	default:
		params = append(params, e.w.code(b.recv))
		ref = jen.Add(e.w.code(b.recv)).Dot(b.fn.Name())
	}
	for i := range b.sig.Params().Len() {
		params = append(params, e.w.paramType(b.sig, i))
	}
	fnType := jen.Func().Params(params...)
	if b.result != nil {
		fnType.Parens(jen.List(e.w.code(b.result), jen.Error()))
	} else {
		fnType.Error()
	}
	text := b.guardName + " is the signature of " + e.fnName() + " when " + b.typeName + "\n" +
		"was generated. If the declaration below it does not compile, " + e.fnName() + "\n" +
		"has changed since: run go generate."
	f.Add(docs(text)).Type().Id(b.guardName).Types(e.w.typeParams(b.tparams)...).Add(fnType)
	decl := jen.Var().Id("_").Id(b.guardName).Types(e.w.typeArgs(b.tparams)...).Op("=").Add(ref)
	if b.tparams.Len() == 0 {
		f.Add(decl)
		return
	}
	f.Func().Id("_").Types(e.w.typeParams(b.tparams)...).Params().Block(decl)
}

// config is the nursery.Config literal of the bundle's policy.
func (e *emitter) config() *jen.Statement {
	p := e.b.policy
	return jen.Qual(NurseryPath, "Config").Values(
		jen.Id("Name").Op(":").Lit(e.b.configName),
		jen.Id("Limit").Op(":").Lit(p.limit),
		jen.Id("Grace").Op(":").Add(durationCode(p.grace)),
		jen.Id("Supervise").Op(":").Lit(p.supervise),
	)
}

func (e *emitter) constructors(f *jen.File) {
	b := e.b
	params := []jen.Code{jen.Id("ctx").Qual("context", "Context")}
	fields := jen.Dict{}
	recvDoc := ""
	if b.recv != nil {
		params = append(params, jen.Id("recv").Add(e.w.code(b.recv)))
		fields[jen.Id("recv")] = jen.Id("recv")
		recvDoc = " on recv"
	}
	tparams := e.w.typeParams(b.tparams)

	newFields := jen.Dict{jen.Id("n"): e.config().Dot("New").Call(jen.Id("ctx"))}
	for k, v := range fields {
		newFields[k] = v
	}
	f.Add(docs(b.newName + " returns an open " + b.typeName + " whose tasks run " + e.fnName() + recvDoc + "\n" +
		"under ctx, like nursery.New. Its owner must call Close (or Shutdown and\n" +
		"Wait); the tasks and their goroutines end before Wait returns.")).
		Func().Id(b.newName).Types(tparams...).Params(params...).Op("*").Add(e.self()).Block(
		jen.Return(jen.Op("&").Add(e.self()).Values(newFields)),
	)

	body := jen.Id("body").Func().Params(jen.Id("b").Op("*").Add(e.self())).Error()
	runDoc := b.runName + " calls body with a new " + b.typeName + " whose tasks run " + e.fnName() + recvDoc + "\n" +
		"under ctx, like nursery.Run: it returns only after body and every task have\n" +
		"returned, with every failure joined, and re-panics a task's panic."
	nurseryParam := jen.Id("n").Op("*").Qual(NurseryPath, "Nursery")
	if b.result == nil {
		runFields := jen.Dict{jen.Id("n"): jen.Id("n")}
		for k, v := range fields {
			runFields[k] = v
		}
		f.Add(docs(runDoc)).Func().Id(b.runName).Types(tparams...).Params(append(params, body)...).Error().Block(
			jen.Return(e.config().Dot("Run").Call(jen.Id("ctx"), jen.Func().Params(nurseryParam).Error().Block(
				jen.Return(jen.Id("body").Call(jen.Op("&").Add(e.self()).Values(runFields))),
			))),
		)
		return
	}
	runDoc += "\nIt also returns the results of the tasks, in the order Go was called."
	f.Add(docs(runDoc)).Func().Id(b.runName).Types(tparams...).Params(append(params, body)...).Add(e.results()).Block(
		jen.Id("b").Op(":=").Op("&").Add(e.self()).Values(fields),
		jen.Id("err").Op(":=").Add(e.config()).Dot("Run").Call(jen.Id("ctx"), jen.Func().Params(nurseryParam).Error().Block(
			jen.Id("b").Dot("n").Op("=").Id("n"),
			jen.Return(jen.Id("body").Call(jen.Id("b"))),
		)),
		jen.Return(jen.Id("b").Dot("collect").Call(), jen.Err()),
	)
}

// goMethod emits Go, whose parameters are those of the function after ctx.
func (e *emitter) goMethod(f *jen.File) {
	b := e.b
	params := make([]jen.Code, len(b.params))
	args := []jen.Code{jen.Id("ctx")}
	for i, name := range b.names {
		params[i] = jen.Id(name).Add(e.w.paramType(b.sig, i+1))
		arg := jen.Id(name)
		if b.sig.Variadic() && i == len(b.names)-1 {
			arg.Op("...")
		}
		args = append(args, arg)
	}
	var call *jen.Statement
	if b.recv != nil {
		call = jen.Id("b").Dot("recv").Dot(b.fn.Name()).Call(args...)
	} else {
		call = jen.Id(b.fn.Name()).Types(e.w.typeArgs(b.tparams)...).Call(args...)
	}
	callDoc := b.fn.Name()
	if b.recv != nil {
		callDoc = "recv." + callDoc
	}
	text := "Go starts " + callDoc + "(ctx" + argList(b.names) + ") as a task of the bundle, where ctx is the\n" +
		"task's context. Like nursery.Go, it blocks while the limit of running tasks\n" +
		"is reached, and panics if the bundle has finished."
	task := jen.Func().Params(jen.Id("ctx").Qual("context", "Context")).Error()
	if b.result == nil {
		f.Add(docs(text)).Func().Add(e.receiver()).Id("Go").Params(params...).Block(
			jen.Id("b").Dot("n").Dot("Go").Call(task.Block(jen.Return(call))),
		)
		return
	}
	text += "\nThe task's place among the results is taken now, in the caller."
	f.Add(docs(text)).Func().Add(e.receiver()).Id("Go").Params(params...).Block(
		jen.Id("i").Op(":=").Id("b").Dot("reserve").Call(),
		jen.Id("b").Dot("n").Dot("Go").Call(task.Block(
			jen.List(jen.Id("r"), jen.Err()).Op(":=").Add(call),
			jen.If(jen.Err().Op("==").Nil()).Block(
				jen.Id("b").Dot("store").Call(jen.Id("i"), jen.Id("r")),
			),
			jen.Return(jen.Err()),
		)),
	)
}

// argList is ", a, b" for the names a and b.
func argList(names []string) string {
	if len(names) == 0 {
		return ""
	}
	return ", " + strings.Join(names, ", ")
}

// methods emits the methods that pass through to the nursery.
func (e *emitter) methods(f *jen.File) {
	n := jen.Id("b").Dot("n")
	f.Add(docs("Context returns the context the bundle's tasks derive from, like\n"+
		"nursery.Nursery.Context.")).Func().Add(e.receiver()).Id("Context").Params().Qual("context", "Context").Block(
		jen.Return(jen.Add(n).Dot("Context").Call()),
	)
	f.Add(docs("Cancel cancels the bundle's tasks with cause, like nursery.Nursery.Cancel: a\n" +
		"non-nil cause is reported as a failure, nil is a deliberate stop.")).
		Func().Add(e.receiver()).Id("Cancel").Params(jen.Id("cause").Error()).Block(
		jen.Add(n).Dot("Cancel").Call(jen.Id("cause")),
	)
	f.Add(docs("Shutdown starts a graceful shutdown without waiting for it, like\n" +
		"nursery.Nursery.Shutdown: the soft stop now, the hard cancel after grace.")).
		Func().Add(e.receiver()).Id("Shutdown").Params(jen.Id("grace").Qual("time", "Duration")).Block(
		jen.Add(n).Dot("Shutdown").Call(jen.Id("grace")),
	)
	waitDoc := "Wait waits for every task to return and returns every failure joined,\n" +
		"like nursery.Nursery.Wait."
	closeDoc := "Close shuts the bundle down with the grace of its annotation and waits for\n" +
		"it, like nursery.Nursery.Close."
	if e.b.result == nil {
		f.Add(docs(waitDoc)).Func().Add(e.receiver()).Id("Wait").Params().Error().Block(
			jen.Return(jen.Add(n).Dot("Wait").Call()),
		)
		f.Add(docs(closeDoc)).Func().Add(e.receiver()).Id("Close").Params().Error().Block(
			jen.Return(jen.Add(n).Dot("Close").Call()),
		)
		return
	}
	resultsDoc := "\nIt also returns the results of the tasks, in the order Go was called."
	f.Add(docs(waitDoc+resultsDoc)).Func().Add(e.receiver()).Id("Wait").Params().Add(e.results()).Block(
		jen.Err().Op(":=").Add(n).Dot("Wait").Call(),
		jen.Return(jen.Id("b").Dot("collect").Call(), jen.Err()),
	)
	f.Add(docs(closeDoc+resultsDoc)).Func().Add(e.receiver()).Id("Close").Params().Add(e.results()).Block(
		jen.Err().Op(":=").Add(n).Dot("Close").Call(),
		jen.Return(jen.Id("b").Dot("collect").Call(), jen.Err()),
	)
}

// resultMethods emits the unexported helpers that keep the results.
func (e *emitter) resultMethods(f *jen.File) {
	t := e.w.code(e.b.result)
	lock := jen.Id("b").Dot("mu").Dot("Lock").Call()
	unlock := jen.Id("b").Dot("mu").Dot("Unlock").Call()
	f.Add(docs("reserve adds a zero result for the next task and returns its index.")).
		Func().Add(e.receiver()).Id("reserve").Params().Int().Block(
		lock,
		jen.Defer().Add(unlock),
		jen.Var().Id("zero").Add(t),
		jen.Id("b").Dot("results").Op("=").Append(jen.Id("b").Dot("results"), jen.Id("zero")),
		jen.Return(jen.Len(jen.Id("b").Dot("results")).Op("-").Lit(1)),
	)
	f.Add(docs("store records r as the result of task i.")).
		Func().Add(e.receiver()).Id("store").Params(jen.Id("i").Int(), jen.Id("r").Add(t)).Block(
		lock,
		jen.Id("b").Dot("results").Index(jen.Id("i")).Op("=").Id("r"),
		unlock,
	)
	f.Add(docs("collect returns the results.")).
		Func().Add(e.receiver()).Id("collect").Params().Index().Add(t).Block(
		lock,
		jen.Defer().Add(unlock),
		jen.Return(jen.Id("b").Dot("results")),
	)
}

func isPointer(t types.Type) bool {
	_, ok := t.(*types.Pointer)
	return ok
}

// durationCode prints d in the largest unit that holds it exactly:
// 2 * time.Second, 1500 * time.Millisecond.
func durationCode(d time.Duration) jen.Code {
	if d == 0 {
		return jen.Lit(0)
	}
	units := []struct {
		d    time.Duration
		name string
	}{
		{time.Hour, "Hour"}, {time.Minute, "Minute"}, {time.Second, "Second"},
		{time.Millisecond, "Millisecond"}, {time.Microsecond, "Microsecond"}, {time.Nanosecond, "Nanosecond"},
	}
	for _, u := range units {
		if d%u.d == 0 {
			if d == u.d {
				return jen.Qual("time", u.name)
			}
			return jen.Id(strconv.FormatInt(int64(d/u.d), 10)).Op("*").Qual("time", u.name)
		}
	}
	panic("unreachable")
}

// policyText describes a policy in words for the bundle's documentation.
func policyText(p policy) string {
	var parts []string
	if p.limit == 0 {
		parts = append(parts, "no limit")
	} else {
		parts = append(parts, "limit "+strconv.Itoa(p.limit))
	}
	parts = append(parts, "grace "+p.grace.String())
	if p.supervise {
		parts = append(parts, "supervised")
	}
	return strings.Join(parts, ", ")
}
