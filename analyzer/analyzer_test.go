package analyzer_test

import (
	"testing"

	"github.com/twine-go/twine/analyzer"
	"golang.org/x/tools/go/analysis/analysistest"
)

func TestBarego(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "barego")
}

func TestBaregoFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, analysistest.TestData(), analyzer.Analyzer, "barefix")
}

func TestCtxescape(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "ctxescape")
}

func TestCtxdetach(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "ctxdetach", "ctxdetachmain")
}

func TestScopeleak(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "scopeleak")
}

func TestScopeFacts(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "example.com/bundle", "example.com/app")
}

func TestProcleak(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "procleak")
}

func TestSpawns(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), analyzer.Analyzer, "example.com/spawns/lib", "example.com/spawns/app")
}
