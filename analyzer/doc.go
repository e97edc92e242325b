// Package analyzer defines the twine analysis pass.
//
// # Analyzer twine
//
// twine: report concurrency that escapes structure
//
// (draft; the full documentation is written with the rules)
package analyzer
