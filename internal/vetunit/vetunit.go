// Package vetunit says what the go command asked of twinevet for the unit
// it is analysing. It is set once, by twinevet's main before any analysis
// runs, and read by the analyzer; other drivers (go/analysis's own,
// golangci-lint) leave it alone, and every unit gets the whole analysis.
package vetunit

// FactsOnly is set when go vet analyses the unit only for the facts its
// importers read (a dependency: VetxOnly in the unit's configuration),
// and would drop its reports: the analyzer then computes and exports its
// facts and skips its rules.
var FactsOnly bool
