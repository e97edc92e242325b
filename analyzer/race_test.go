//go:build race

package analyzer_test

const raceEnabled = true
