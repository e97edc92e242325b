// Package golangci is the golangci-lint v2 module plugin of the twine
// analyzer. Importing it (for its init) registers a linter named "twine";
// a custom golangci-lint built with it enables the linter from
// .golangci.yml:
//
//	version: "2"
//	linters:
//	  default: none
//	  enable: [twine]
//	  settings:
//	    custom:
//	      twine:
//	        type: module
//	        description: structured concurrency checks
//	        settings:
//	          ctxdetach: false # every rule is on unless turned off
//	          strict: true
//
// The name "twine" is at once the plugin's name, the key under
// linters.settings.custom, the linter to enable and the name that
// //nolint:twine suppresses. The analyzer's own //twine:detached directive
// works under golangci-lint as under every other driver.
package golangci

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/twine-go/twine/analyzer"
)

// Name is the name the plugin registers: the linter's name in
// .golangci.yml and in //nolint comments.
const Name = "twine"

func init() {
	register.Plugin(Name, New)
}

// Settings are the plugin's settings, the map under
// linters.settings.custom.twine.settings. Each rule of the analyzer has a
// switch named like the rule; a switch left out leaves its rule on, false
// turns it off. Strict is the analyzer's -strict flag: barego then reports
// every go statement outside the twine runtime, joined or not; Explain its
// -explain flag: a note on each go statement barego accepts. A key that
// is not listed here is an error, so a misspelt rule never passes silently.
type Settings struct {
	Barego    *bool `json:"barego,omitempty"`
	Ctxescape *bool `json:"ctxescape,omitempty"`
	Ctxdetach *bool `json:"ctxdetach,omitempty"`
	Scopeleak *bool `json:"scopeleak,omitempty"`
	Procleak  *bool `json:"procleak,omitempty"`
	Spawns    *bool `json:"spawns,omitempty"`
	Strict    bool  `json:"strict,omitempty"`
	Explain   bool  `json:"explain,omitempty"`
}

// Flags returns the analyzer flag values the settings stand for: every
// flag of the twine analyzer that the plugin controls, by name, with its
// value, including the ones the settings leave at their default.
func (s Settings) Flags() map[string]string {
	rule := func(b *bool) string { return strconv.FormatBool(b == nil || *b) }
	return map[string]string{
		"barego":    rule(s.Barego),
		"ctxescape": rule(s.Ctxescape),
		"ctxdetach": rule(s.Ctxdetach),
		"scopeleak": rule(s.Scopeleak),
		"procleak":  rule(s.Procleak),
		"spawns":    rule(s.Spawns),
		"strict":    strconv.FormatBool(s.Strict),
		"explain":   strconv.FormatBool(s.Explain),
	}
}

// Plugin is the twine linter as golangci-lint builds it: the settings of
// one configuration.
type Plugin struct {
	settings Settings
}

// New decodes the raw settings golangci-lint passes (nil when the
// configuration has none) and returns the plugin. An unknown key is an
// error that names it and lists the valid ones; a value of the wrong type
// is an error that names its key.
func New(conf any) (register.LinterPlugin, error) {
	if m, ok := conf.(map[string]any); ok {
		if err := checkKeys(m); err != nil {
			return nil, err
		}
	}
	s, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		return nil, fmt.Errorf("twine: %w", err)
	}
	return &Plugin{settings: s}, nil
}

// checkKeys returns an error if conf has a key that is not a setting.
func checkKeys(conf map[string]any) error {
	names := settingNames()
	var unknown []string
	for key := range conf {
		if !slices.Contains(names, key) {
			unknown = append(unknown, strconv.Quote(key))
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	slices.Sort(unknown)
	what := "setting"
	if len(unknown) > 1 {
		what += "s"
	}
	return fmt.Errorf("twine: unknown %s %s in linters.settings.custom.twine.settings; the settings are %s",
		what, strings.Join(unknown, ", "), strings.Join(names, ", "))
}

// settingNames returns the keys of the settings, in the order of the
// fields of Settings.
func settingNames() []string {
	st := reflect.TypeFor[Settings]()
	names := make([]string, st.NumField())
	for i := range names {
		names[i], _, _ = strings.Cut(st.Field(i).Tag.Get("json"), ",")
	}
	return names
}

// BuildAnalyzers configures analyzer.Analyzer with the plugin's settings
// and returns it.
//
// The analyzer's configuration is its flag set, which is process-wide, as
// for every go/analysis pass driven by flags: a copy of the Analyzer would
// share it and gain nothing. So BuildAnalyzers sets every flag the plugin
// controls, the defaults included, and the most recent call decides what
// the analyzer checks in this process; settings of an earlier
// configuration never linger. golangci-lint builds its linters once, before
// any package is analysed, which is the only time BuildAnalyzers may run:
// not concurrently with itself nor with an analysis.
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	for name, value := range p.settings.Flags() {
		if err := analyzer.Analyzer.Flags.Set(name, value); err != nil {
			return nil, fmt.Errorf("twine: setting analyzer flag -%s=%s: %w", name, value, err)
		}
	}
	return []*analysis.Analyzer{analyzer.Analyzer}, nil
}

// GetLoadMode reports that the analyzer needs type information.
func (p *Plugin) GetLoadMode() string {
	return register.LoadModeTypesInfo
}
