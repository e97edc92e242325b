package analyzer

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"
	"strings"
)

// A value whose goroutine only its stop method ends, kept in a field of a
// value of this package that nothing stops, is never stopped: the holder
// is the new owner, and it has no way to stop what it holds.
//
//	type Cache struct{ data map[string]int; wheel *Wheel }
//	func NewCache() *Cache {
//		c := &Cache{data: map[string]int{}}
//		c.wheel = NewWheel() // go w.run() until w.Stop()
//		return c
//	}
//
// The holder type is one of this package with no stop method of its own
// (Close, Stop, Shutdown..., or an unexported stop; nor one promoted from
// the embedded field that holds the value), the field is not
// reached from other packages, no code of the package calls one of the
// value's stop methods on the field, and nothing takes the field's value
// elsewhere (passes it on, returns it, copies it). scopeleak's checkOwner
// asks the same of a nursery kept in a field.

// keptUnstopped says how the value at p, carrying the obligation o to
// call one of its stop methods, is kept where nothing stops it: stored in
// a field of such a holder (p is that field, or p is a local stored there
// in fn); "" when it is not.
func (c *checker) keptUnstopped(p path, fn ast.Node, o obligation) string {
	if o.kind != obStop || len(o.methods) == 0 {
		return ""
	}
	type place struct {
		owner types.Type
		field string
	}
	var places []place
	body := funcBody(fn)
	if i := strings.LastIndex(p.fields, "."); i >= 0 {
		places = append(places, place{c.pathType(path{root: p.root, fields: p.fields[:i]}), p.fields[i+1:]})
	} else if body != nil && declaredIn(p.root, body) {
		// w := NewWheel(); c.wheel = w, or &Cache{wheel: w}: unless the
		// function stops w itself.
		stopped := false
		ast.Inspect(body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok && pathOf(c.info, sel.X).equal(p) && slices.Contains(o.methods, sel.Sel.Name) {
					stopped = true
				}
			case *ast.AssignStmt:
				if len(n.Lhs) != len(n.Rhs) {
					break
				}
				for i, r := range n.Rhs {
					if !pathOf(c.info, r).equal(p) {
						continue
					}
					if sel, ok := ast.Unparen(n.Lhs[i]).(*ast.SelectorExpr); ok {
						if s, ok := c.info.Selections[sel]; ok && s.Kind() == types.FieldVal {
							places = append(places, place{s.Recv(), sel.Sel.Name})
						}
					}
				}
			case *ast.CompositeLit:
				for _, el := range n.Elts {
					kv, ok := el.(*ast.KeyValueExpr)
					if !ok {
						continue
					}
					if id, ok := kv.Key.(*ast.Ident); ok && pathOf(c.info, kv.Value).equal(p) {
						places = append(places, place{c.typeOf(n), id.Name})
					}
				}
			}
			return !stopped
		})
		if stopped {
			return ""
		}
	}
	for _, pl := range places {
		named := namedOf(pl.owner)
		if named == nil || named.Obj().Pkg() != c.pass.Pkg {
			continue // its methods are not all seen
		}
		if _, ok := named.Underlying().(*types.Struct); !ok {
			continue
		}
		st := c.stopsOf(pl.owner)
		k := fieldKey{named.Origin().Obj(), pl.field}
		if st.closer || st.ownStop || !c.privateField(k) || c.closesField(named, pl.field, o.methods) || c.fieldGivenOn(k) || c.promotesStop(named, pl.field, o.methods) {
			continue
		}
		name := named.Obj().Name()
		return fmt.Sprintf("is stored in %s.%s, but nothing stops it (give %s a %s method that calls %s.%s())", name, pl.field, name, o.methods[0], pl.field, o.methods[0])
	}
	return ""
}

// namedOf returns the named type t is or points to, or nil.
func namedOf(t types.Type) *types.Named {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, _ := types.Unalias(t).(*types.Named)
	return n
}

// fieldGivenOn reports whether code of the package takes the value of the
// field k anywhere other than to call its methods, to reach the fields
// below it or to store into it: passes it on, returns it, copies it,
// ranges over it, takes its address. Whoever takes it may stop it.
func (c *checker) fieldGivenOn(k fieldKey) bool {
	if c.fieldValues == nil {
		c.fieldValues = make(map[fieldKey]bool)
		for cur := range c.preorder((*ast.SelectorExpr)(nil)) {
			sel := cur.Node().(*ast.SelectorExpr)
			s, ok := c.info.Selections[sel]
			if !ok || s.Kind() != types.FieldVal {
				continue
			}
			named := namedOf(s.Recv())
			if named == nil {
				continue
			}
			switch parent := cur.Parent().Node().(type) {
			case *ast.SelectorExpr:
				if parent.X == sel {
					continue // sel.Stop(), sel.inner
				}
			case *ast.AssignStmt:
				if slices.Contains(parent.Lhs, ast.Expr(sel)) {
					continue // stored into
				}
			}
			c.fieldValues[fieldKey{named.Origin().Obj(), sel.Sel.Name}] = true
		}
	}
	return c.fieldValues[k]
}

// promotesStop reports whether the field of the struct type named is
// embedded and one of the stop methods of its value is promoted to the
// holder: type fake struct{ Queue }, whose ShutDown is Queue's.
func (c *checker) promotesStop(named *types.Named, field string, methods []string) bool {
	st, ok := named.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		if f.Name() != field || !f.Embedded() {
			continue
		}
		for _, m := range methods {
			obj, index, _ := types.LookupFieldOrMethod(types.NewPointer(named), true, c.pass.Pkg, m)
			if fn, ok := obj.(*types.Func); ok && fn != nil && len(index) > 1 && index[0] == i {
				return true // reached through the embedded field
			}
		}
	}
	return false
}
