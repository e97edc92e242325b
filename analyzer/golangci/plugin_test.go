package golangci_test

import (
	"flag"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"

	"github.com/twine-go/twine/analyzer"
	"github.com/twine-go/twine/analyzer/golangci"
)

// The tests change the analyzer's process-wide flags: none runs in
// parallel, and each puts the defaults back.

// build decodes conf the way golangci-lint does, through the registered
// constructor, and builds the analyzers.
func build(t *testing.T, conf any) ([]string, error) {
	t.Helper()
	t.Cleanup(func() { resetFlags(t) })
	newPlugin, err := register.GetPlugin("twine")
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(conf)
	if err != nil {
		return nil, err
	}
	if mode := p.GetLoadMode(); mode != register.LoadModeTypesInfo {
		t.Errorf("GetLoadMode() = %q, want %q", mode, register.LoadModeTypesInfo)
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatalf("BuildAnalyzers: %v", err)
	}
	if len(as) != 1 || as[0] != analyzer.Analyzer {
		t.Fatalf("BuildAnalyzers returned %v, want [analyzer.Analyzer]", as)
	}
	var flags []string
	analyzer.Analyzer.Flags.VisitAll(func(f *flag.Flag) {
		flags = append(flags, f.Name+"="+f.Value.String())
	})
	return flags, nil
}

func resetFlags(t *testing.T) {
	analyzer.Analyzer.Flags.VisitAll(func(f *flag.Flag) {
		if err := f.Value.Set(f.DefValue); err != nil {
			t.Fatal(err)
		}
	})
}

var defaults = []string{
	"barego=true", "ctxdetach=true", "ctxescape=true", "explain=false", "procleak=true",
	"scopeleak=true", "spawns=true", "strict=false",
}

func TestDefaults(t *testing.T) {
	for _, conf := range []any{nil, map[string]any{}} {
		flags, err := build(t, conf)
		if err != nil {
			t.Fatalf("settings %v: %v", conf, err)
		}
		if !slices.Equal(flags, defaults) {
			t.Errorf("settings %v: flags %v, want %v", conf, flags, defaults)
		}
	}
}

func TestEachSetting(t *testing.T) {
	for i, d := range defaults {
		name, def, _ := strings.Cut(d, "=")
		flipped := def != "true"
		t.Run(name, func(t *testing.T) {
			flags, err := build(t, map[string]any{name: flipped})
			if err != nil {
				t.Fatal(err)
			}
			want := slices.Clone(defaults)
			want[i] = name + "=" + strconv.FormatBool(flipped)
			if !slices.Equal(flags, want) {
				t.Errorf("flags %v, want %v", flags, want)
			}
		})
	}
}

func TestExplicitDefaults(t *testing.T) {
	conf := map[string]any{"barego": true, "spawns": true, "strict": false}
	flags, err := build(t, conf)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(flags, defaults) {
		t.Errorf("flags %v, want %v", flags, defaults)
	}
}

// TestLaterConfigurationWins shows that a second configuration in the same
// process replaces the first one entirely: a rule the first turned off is
// on again when the second leaves it out.
func TestLaterConfigurationWins(t *testing.T) {
	if _, err := build(t, map[string]any{"barego": false, "strict": true}); err != nil {
		t.Fatal(err)
	}
	flags, err := build(t, map[string]any{"procleak": false})
	if err != nil {
		t.Fatal(err)
	}
	want := slices.Clone(defaults)
	want[slices.Index(want, "procleak=true")] = "procleak=false"
	if !slices.Equal(flags, want) {
		t.Errorf("flags %v, want %v", flags, want)
	}
}

func TestBadSettings(t *testing.T) {
	for _, tc := range []struct {
		conf any
		want string
	}{
		{map[string]any{"bargo": false, "barego": false}, `twine: unknown setting "bargo" in linters.settings.custom.twine.settings; the settings are barego, ctxescape, ctxdetach, scopeleak, procleak, spawns, strict, explain`},
		{map[string]any{"strikt": true, "bargo": false}, `twine: unknown settings "bargo", "strikt" in linters.settings.custom.twine.settings; the settings are barego, ctxescape, ctxdetach, scopeleak, procleak, spawns, strict, explain`},
		{map[string]any{"barego": "no"}, `twine: decoding settings: json: cannot unmarshal string into Go struct field Settings.barego of type bool`},
		{map[string]any{"strict": 1}, `twine: decoding settings: json: cannot unmarshal number into Go struct field Settings.strict of type bool`},
		{[]any{"barego"}, `twine: decoding settings: json: cannot unmarshal array into Go value of type golangci.Settings`},
	} {
		_, err := build(t, tc.conf)
		if err == nil || err.Error() != tc.want {
			t.Errorf("settings %v: error %v, want %q", tc.conf, err, tc.want)
		}
	}
}

// TestEveryFlagHasASetting keeps the settings in step with the analyzer: a
// rule added to the analyzer without a setting here fails this test.
func TestEveryFlagHasASetting(t *testing.T) {
	var flags, settings []string
	analyzer.Analyzer.Flags.VisitAll(func(f *flag.Flag) { flags = append(flags, f.Name) })
	st := reflect.TypeFor[golangci.Settings]()
	for i := range st.NumField() {
		name, _, _ := strings.Cut(st.Field(i).Tag.Get("json"), ",")
		settings = append(settings, name)
	}
	slices.Sort(settings)
	if !slices.Equal(flags, settings) {
		t.Errorf("analyzer flags %v, settings %v", flags, settings)
	}
	keys := make([]string, 0)
	for k := range (golangci.Settings{}).Flags() {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if !slices.Equal(keys, settings) {
		t.Errorf("Settings.Flags() keys %v, settings %v", keys, settings)
	}
}
