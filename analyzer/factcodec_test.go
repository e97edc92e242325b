package analyzer

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// fullFact sets every field of an ownFact, nested ones included.
func fullFact() *ownFact {
	p := func(root int, fields string) *factPath { return &factPath{Root: root, Fields: fields} }
	ob := factObligation{
		Target: -2, Fields: ".stop", Kind: uint8(obClose),
		Needs:   [][]factRelease{{{Kinds: []uint8{uint8(effCancel), uint8(effClose)}, Fields: ".stop", Prefix: true}}, nil},
		Joins:   []factRelease{{Kinds: []uint8{uint8(effWait)}, Fields: ".wg", Prefix: true}},
		Methods: []string{"Close", "Shutdown"}, ByName: true,
		At: "example.com/lib/lib.go:12", Runs: "(*lib.T).loop",
		Exits:   []factExit{{Target: 1, Fields: ".done", Kind: uint8(effStop)}},
		ArgEnds: 2, Roomy: true, SendEnds: true, Drain: true, NilStopped: true, Closer: 2, Twin: 1, FailsClean: true, LastCall: 3, MadeFlag: 2,
		Gate: &factGate{Target: 1, Fields: ".Async", On: true, Enablers: []string{"Workers", "Busy"}, Disablers: []string{"SetSniff"}, DoneNil: true, ValueNil: true, NonNil: true, Op: 41, Bound: 3,
			AnyOf: []*factGate{{Target: 2, Fields: ".OnEvent", On: true, Enablers: []string{"WithEvents"}, Disablers: []string{"SetEvents"}, DoneNil: true, ValueNil: true, NonNil: true, Op: 40, Bound: 2}, {Target: 2, Fields: ".Async", On: true}},
			Also: &factGate{Target: -1, Fields: ".MaxSize", On: true, Enablers: []string{"Batch"}, Disablers: []string{"SetBatch"}, DoneNil: true, ValueNil: true, NonNil: true, Op: 44, Bound: 1,
				AnyOf: []*factGate{{Target: 1, Fields: ".Hook", On: true, Enablers: []string{"WithHook"}, Disablers: []string{"SetHook"}, DoneNil: true, ValueNil: true, NonNil: true, Op: 39, Bound: 4}}}},
		Hooks: []factHook{{Target: 1, Fields: ".hooks.[]"}},
	}
	return &ownFact{
		Blocks: [][]factAlt{
			{{Kind: uint8(altIO), Path: factPath{Root: -1, Fields: ".done"}, Exits: true, Cancel: p(2, ".ctx")},
				{Kind: uint8(altIO), Path: factPath{Root: 1, Fields: ".conn"}}},
			nil, // a block that never ends
		},
		Effects:       []factEffect{{Kind: uint8(effSend), Path: factPath{Root: -1, Fields: ".quit"}}},
		Returns:       p(-1, ".ch"),
		ReturnsDone:   true,
		ReturnsCancel: p(-1, ".cancel"),
		CtxCancels:    []factCtxCancel{{Result: 1, Cancel: factPath{Root: -1, Fields: ".cancel"}, Parent: 2}},
		Calls:         []int{0, 2},
		Owes:          []factObligation{ob},
		ArgStops:      []factObligation{ob, {Kind: uint8(obStop), At: "example.com/lib/lib.go:40"}},
		Registers:     []factRegistration{{From: factPath{Root: 1, Fields: ".c"}, To: factPath{Root: -1, Fields: ".conns"}}},
		Fresh:         true,
		Starts:        true,
		Endless:       true,
		CtxValues:     []int{0},
		CtxWraps:      []int{0},
		Procs:         []int{1},
		CtxBounded:    []int{1, 2},
		Keeps:         []int{-1, 300},
		Borrows:       []factBorrow{{Param: 1, Methods: []string{"Addr", "Close"}}, {Param: 300}},
		Opaque:        true,
		NeverFails:    true,
		ReturnsRecv:   true,
	}
}

// roundTrip encodes and decodes facts the way go vet's fact files do: a
// gob stream of analysis.Fact interface values.
func roundTrip(t *testing.T, in []analysis.Fact) []analysis.Fact {
	t.Helper()
	for _, f := range Analyzer.FactTypes {
		gob.Register(f)
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(in); err != nil {
		t.Fatal(err)
	}
	var out []analysis.Fact
	if err := gob.NewDecoder(&buf).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out
}

// theFacts returns a value of each of twine's fact types, in the order of
// Analyzer.FactTypes, with every field set, and a few with some left zero.
func theFacts() (full, partial []analysis.Fact) {
	full = []analysis.Fact{
		&spawnsFact{At: "example.com/lib/poll.go:12", Via: "example.com/lib.start"},
		&scopeFact{Type: "*lib.Group", Closers: []string{"Wait", "Close"}},
		fullFact(),
		&ifaceCtxFact{Bounded: []int{0, 2}},
	}
	partial = []analysis.Fact{&ownFact{Starts: true}, &ownFact{}, &spawnsFact{At: "a.go:1"}, &scopeFact{}, &ifaceCtxFact{}}
	return full, partial
}

func TestFactCodec(t *testing.T) {
	full, partial := theFacts()
	if len(full) != len(Analyzer.FactTypes) {
		t.Errorf("theFacts has %d facts, the analyzer %d fact types", len(full), len(Analyzer.FactTypes))
	}
	for i, f := range full {
		v := reflect.ValueOf(f).Elem()
		allSet(t, v, v.Type().Name())
		if i < len(Analyzer.FactTypes) && reflect.TypeOf(Analyzer.FactTypes[i]) != reflect.TypeOf(f) {
			t.Errorf("theFacts()[%d] is a %T, the analyzer's fact type %d a %T", i, f, i, Analyzer.FactTypes[i])
		}
	}
	in := append(full, partial...)
	out := roundTrip(t, in)
	if !reflect.DeepEqual(in, out) {
		t.Errorf("round trip changed the facts:\n in: %v\nout: %v", in, out)
	}
	for i := range in {
		if fmt.Sprint(in[i]) != fmt.Sprint(out[i]) {
			t.Errorf("fact %d: %s became %s", i, in[i], out[i])
		}
	}
}

// TestFactCodecMalformed checks that a damaged fact is an error, never
// a panic or a fact made of half the bytes: every truncation of a full
// fact, and every byte of it changed.
func TestFactCodecMalformed(t *testing.T) {
	type codec interface {
		analysis.Fact
		GobEncode() ([]byte, error)
		GobDecode([]byte) error
	}
	full, _ := theFacts()
	for _, f := range full {
		c := f.(codec)
		fresh := func() codec { return reflect.New(reflect.TypeOf(f).Elem()).Interface().(codec) }
		data, err := c.GobEncode()
		if err != nil {
			t.Fatal(err)
		}
		for n := range len(data) {
			if err := fresh().GobDecode(data[:n]); err == nil {
				t.Errorf("%T: the first %d of %d bytes decoded without error", f, n, len(data))
			}
		}
		if err := fresh().GobDecode(append(data[:len(data):len(data)], 0)); err == nil {
			t.Errorf("%T: a trailing byte decoded without error", f)
		}
		for i := range data {
			for _, b := range []byte{0x00, 0x02, 0x7f, 0x80, 0xff} {
				bad := bytes.Clone(data)
				bad[i] = b
				_ = fresh().GobDecode(bad) // must not panic; a change may still decode
			}
		}
	}
}

// allSet fails the test for every field of the struct v, and of the
// first element of its slices and the target of its pointers, that has its
// zero value: fullFact must set them all for the round trip to cover every
// field the codec has to write.
func allSet(t *testing.T, v reflect.Value, name string) {
	switch v.Kind() {
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Field(i)
			fname := name + "." + v.Type().Field(i).Name
			// A chain ends; a disjunction's part is one gate.
			if f.IsZero() && !strings.HasSuffix(fname, ".Also.Also") && !strings.HasSuffix(fname, "AnyOf[0].AnyOf") && !strings.HasSuffix(fname, "AnyOf[0].Also") {
				t.Errorf("fullFact leaves %s unset", fname)
				continue
			}
			allSet(t, f, fname)
		}
	case reflect.Pointer:
		allSet(t, v.Elem(), name)
	case reflect.Slice:
		if v.Len() > 0 {
			allSet(t, v.Index(0), name+"[0]")
		}
	}
}
