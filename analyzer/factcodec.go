package analyzer

import (
	"encoding/binary"
	"errors"
)

// Twine's facts are written in a compact binary form of their own, not by
// gob's reflection. Facts travel transitively: every package's vet output
// holds the facts of all its dependencies, which each of its importers
// decodes and encodes again, in a gob stream of its own that describes
// every struct type it carries before its first value and compiles a
// decoder for it. With gob walking the nested slices of every summary, and
// describing four struct types in every stream, that traffic cost grpc's
// packages almost as much as twine's own analysis; as opaque bytes, a fact
// type costs one name per stream.
//
// The form is a sequence of varints and length-prefixed strings, in the
// order of the fields; a nil pointer is a 0 flag, a set one a 1 followed by
// its value; an empty slice decodes as nil, as it did under gob.

// GobEncode implements gob.GobEncoder.
func (f *ownFact) GobEncode() ([]byte, error) {
	var w factWriter
	w.count(len(f.Blocks))
	for _, b := range f.Blocks {
		w.count(len(b))
		for _, a := range b {
			w.int(int(a.Kind))
			w.path(a.Path)
			w.bool(a.Exits)
			w.optPath(a.Cancel)
		}
	}
	w.count(len(f.Effects))
	for _, e := range f.Effects {
		w.int(int(e.Kind))
		w.path(e.Path)
	}
	w.optPath(f.Returns)
	w.bool(f.ReturnsDone)
	w.optPath(f.ReturnsCancel)
	w.count(len(f.CtxCancels))
	for _, cc := range f.CtxCancels {
		w.int(cc.Result)
		w.path(cc.Cancel)
		w.int(cc.Parent)
	}
	w.obligations(f.Owes)
	w.obligations(f.ArgStops)
	w.count(len(f.Registers))
	for _, r := range f.Registers {
		w.path(r.From)
		w.path(r.To)
	}
	w.bool(f.Fresh)
	w.bool(f.Starts)
	w.bool(f.Endless)
	w.ints(f.CtxValues)
	w.ints(f.CtxBounded)
	w.ints(f.CtxWraps)
	w.ints(f.Keeps)
	w.ints(f.Calls)
	w.bool(f.Opaque)
	w.bool(f.NeverFails)
	w.ints(f.Procs)
	w.bool(f.ReturnsRecv)
	w.count(len(f.Borrows))
	for _, b := range f.Borrows {
		w.int(b.Param)
		w.strs(b.Methods)
	}
	return w.buf, nil
}

// GobDecode implements gob.GobDecoder.
func (f *ownFact) GobDecode(data []byte) error {
	r := factReader{buf: data}
	*f = ownFact{}
	for range r.count() {
		var b []factAlt
		for range r.count() {
			b = append(b, factAlt{Kind: r.kind(), Path: r.path(), Exits: r.bool(), Cancel: r.optPath()})
		}
		f.Blocks = append(f.Blocks, b)
	}
	for range r.count() {
		f.Effects = append(f.Effects, factEffect{Kind: r.kind(), Path: r.path()})
	}
	f.Returns = r.optPath()
	f.ReturnsDone = r.bool()
	f.ReturnsCancel = r.optPath()
	for range r.count() {
		f.CtxCancels = append(f.CtxCancels, factCtxCancel{Result: r.int(), Cancel: r.path(), Parent: r.int()})
	}
	f.Owes = r.obligations()
	f.ArgStops = r.obligations()
	for range r.count() {
		f.Registers = append(f.Registers, factRegistration{From: r.path(), To: r.path()})
	}
	f.Fresh = r.bool()
	f.Starts = r.bool()
	f.Endless = r.bool()
	f.CtxValues = r.ints()
	f.CtxBounded = r.ints()
	f.CtxWraps = r.ints()
	f.Keeps = r.ints()
	f.Calls = r.ints()
	f.Opaque = r.bool()
	f.NeverFails = r.bool()
	f.Procs = r.ints()
	f.ReturnsRecv = r.bool()
	for range r.count() {
		f.Borrows = append(f.Borrows, factBorrow{Param: r.int(), Methods: r.strs()})
	}
	return r.done()
}

// GobEncode implements gob.GobEncoder.
func (f *spawnsFact) GobEncode() ([]byte, error) {
	var w factWriter
	w.str(f.At)
	w.str(f.Via)
	return w.buf, nil
}

// GobDecode implements gob.GobDecoder.
func (f *spawnsFact) GobDecode(data []byte) error {
	r := factReader{buf: data}
	*f = spawnsFact{At: r.str(), Via: r.str()}
	return r.done()
}

// GobEncode implements gob.GobEncoder.
func (f *scopeFact) GobEncode() ([]byte, error) {
	var w factWriter
	w.str(f.Type)
	w.count(len(f.Closers))
	for _, c := range f.Closers {
		w.str(c)
	}
	return w.buf, nil
}

// GobDecode implements gob.GobDecoder.
func (f *scopeFact) GobDecode(data []byte) error {
	r := factReader{buf: data}
	*f = scopeFact{Type: r.str()}
	for range r.count() {
		f.Closers = append(f.Closers, r.str())
	}
	return r.done()
}

// GobEncode implements gob.GobEncoder.
func (f *ifaceCtxFact) GobEncode() ([]byte, error) {
	var w factWriter
	w.ints(f.Bounded)
	return w.buf, nil
}

// GobDecode implements gob.GobDecoder.
func (f *ifaceCtxFact) GobDecode(data []byte) error {
	r := factReader{buf: data}
	*f = ifaceCtxFact{Bounded: r.ints()}
	return r.done()
}

type factWriter struct{ buf []byte }

func (w *factWriter) int(v int)   { w.buf = binary.AppendVarint(w.buf, int64(v)) }
func (w *factWriter) count(n int) { w.buf = binary.AppendUvarint(w.buf, uint64(n)) }

// strs writes a list of strings: its length, then each.
func (w *factWriter) strs(list []string) {
	w.count(len(list))
	for _, e := range list {
		w.str(e)
	}
}

func (w *factWriter) str(s string) {
	w.count(len(s))
	w.buf = append(w.buf, s...)
}

func (w *factWriter) bool(b bool) {
	if b {
		w.buf = append(w.buf, 1)
	} else {
		w.buf = append(w.buf, 0)
	}
}

func (w *factWriter) ints(vs []int) {
	w.count(len(vs))
	for _, v := range vs {
		w.int(v)
	}
}

func (w *factWriter) path(p factPath) {
	w.int(p.Root)
	w.str(p.Fields)
}

func (w *factWriter) optPath(p *factPath) {
	w.bool(p != nil)
	if p != nil {
		w.path(*p)
	}
}

func (w *factWriter) releases(rs []factRelease) {
	w.count(len(rs))
	for _, r := range rs {
		w.count(len(r.Kinds))
		w.buf = append(w.buf, r.Kinds...)
		w.str(r.Fields)
		w.bool(r.Prefix)
	}
}

func (w *factWriter) obligations(obs []factObligation) {
	w.count(len(obs))
	for _, o := range obs {
		w.int(o.Target)
		w.str(o.Fields)
		w.int(int(o.Kind))
		w.count(len(o.Needs))
		for _, n := range o.Needs {
			w.releases(n)
		}
		w.releases(o.Joins)
		w.strs(o.Methods)
		w.bool(o.ByName)
		w.str(o.At)
		w.str(o.Runs)
		w.count(len(o.Exits))
		for _, x := range o.Exits {
			w.int(x.Target)
			w.str(x.Fields)
			w.int(int(x.Kind))
		}
		w.int(o.ArgEnds)
		w.bool(o.Roomy)
		w.bool(o.Drain)
		w.bool(o.NilStopped)
		w.int(o.Closer)
		w.int(o.Twin)
		w.bool(o.FailsClean)
		w.bool(o.SendEnds)
		w.int(o.LastCall)
		w.int(o.MadeFlag)
		for g := o.Gate; ; g = g.Also {
			w.bool(g != nil)
			if g == nil {
				break
			}
			w.gate(g)
			w.count(len(g.AnyOf))
			for _, alt := range g.AnyOf {
				w.gate(alt)
			}
		}
		w.count(len(o.Hooks))
		for _, h := range o.Hooks {
			w.int(h.Target)
			w.str(h.Fields)
		}
	}
}

// A factReader decodes what a factWriter wrote. The first malformed item
// sets err; every read after it returns a zero value, and counts read as
// 0, so decoding runs to the end and done reports the error.
type factReader struct {
	buf []byte
	err error
}

var errBadFact = errors.New("twine: malformed ownership fact")

func (r *factReader) fail() {
	if r.err == nil {
		r.err = errBadFact
	}
	r.buf = nil
}

func (r *factReader) int() int {
	v, n := binary.Varint(r.buf)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.buf = r.buf[n:]
	return int(v)
}

func (r *factReader) uint() uint64 {
	v, n := binary.Uvarint(r.buf)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.buf = r.buf[n:]
	return v
}

// count reads a length, which cannot exceed the bytes left: every item
// takes at least one.
func (r *factReader) count() int {
	v := r.uint()
	if v > uint64(len(r.buf)) {
		r.fail()
		return 0
	}
	return int(v)
}

func (r *factReader) bytes() []byte {
	n := r.count()
	b := r.buf[:n:n]
	r.buf = r.buf[n:]
	return b
}

func (r *factReader) str() string { return string(r.bytes()) }

// strs reads what factWriter.strs wrote: nil for none.
func (r *factReader) strs() []string {
	var out []string
	for range r.count() {
		out = append(out, r.str())
	}
	return out
}

func (r *factReader) bool() bool {
	if len(r.buf) == 0 || r.buf[0] > 1 {
		r.fail()
		return false
	}
	b := r.buf[0] == 1
	r.buf = r.buf[1:]
	return b
}

func (r *factReader) kind() uint8 {
	v := r.int()
	if v < 0 || v > 255 {
		r.fail()
		return 0
	}
	return uint8(v)
}

func (r *factReader) ints() []int {
	var vs []int
	for range r.count() {
		vs = append(vs, r.int())
	}
	return vs
}

func (r *factReader) path() factPath { return factPath{Root: r.int(), Fields: r.str()} }

func (r *factReader) optPath() *factPath {
	if !r.bool() {
		return nil
	}
	p := r.path()
	return &p
}

func (r *factReader) releases() []factRelease {
	var rs []factRelease
	for range r.count() {
		var kinds []uint8
		if b := r.bytes(); len(b) > 0 {
			kinds = append(kinds, b...)
		}
		rs = append(rs, factRelease{Kinds: kinds, Fields: r.str(), Prefix: r.bool()})
	}
	return rs
}

func (r *factReader) obligations() []factObligation {
	var obs []factObligation
	for range r.count() {
		o := factObligation{Target: r.int(), Fields: r.str(), Kind: r.kind()}
		for range r.count() {
			o.Needs = append(o.Needs, r.releases())
		}
		o.Joins = r.releases()
		o.Methods = r.strs()
		o.ByName = r.bool()
		o.At = r.str()
		o.Runs = r.str()
		for range r.count() {
			o.Exits = append(o.Exits, factExit{Target: r.int(), Fields: r.str(), Kind: r.kind()})
		}
		o.ArgEnds = r.int()
		o.Roomy = r.bool()
		o.Drain = r.bool()
		o.NilStopped = r.bool()
		o.Closer = r.int()
		o.Twin = r.int()
		o.FailsClean = r.bool()
		o.SendEnds = r.bool()
		o.LastCall = r.int()
		o.MadeFlag = r.int()
		for at := &o.Gate; r.bool(); at = &(*at).Also {
			g := r.gate()
			for range r.count() {
				g.AnyOf = append(g.AnyOf, r.gate())
			}
			*at = g
		}
		for range r.count() {
			o.Hooks = append(o.Hooks, factHook{Target: r.int(), Fields: r.str()})
		}
		obs = append(obs, o)
	}
	return obs
}

// done reports the first error, or trailing bytes no field took.
func (r *factReader) done() error {
	if r.err == nil && len(r.buf) > 0 {
		r.err = errBadFact
	}
	return r.err
}

// gate writes one gate, without its disjunction or conjunction.
func (w *factWriter) gate(g *factGate) {
	w.int(g.Target)
	w.str(g.Fields)
	w.bool(g.On)
	w.strs(g.Enablers)
	w.bool(g.DoneNil)
	w.int(g.Op)
	w.int(g.Bound)
	w.strs(g.Disablers)
	w.bool(g.NonNil)
	w.bool(g.ValueNil)
}

// gate reads what factWriter.gate wrote.
func (r *factReader) gate() *factGate {
	g := &factGate{Target: r.int(), Fields: r.str(), On: r.bool()}
	g.Enablers = r.strs()
	g.DoneNil = r.bool()
	g.Op = r.int()
	g.Bound = r.int()
	g.Disablers = r.strs()
	g.NonNil = r.bool()
	g.ValueNil = r.bool()
	return g
}
