package main

import (
	"bytes"
	"os"
	"testing"

	"github.com/twine-go/twine/gen"
)

// TestGeneratedUpToDate: the committed twine_bundles.go is what twinegen
// makes of this package now.
func TestGeneratedUpToDate(t *testing.T) {
	files, err := (&gen.Config{}).Generate()
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0].Src == nil {
		t.Fatalf("Generate returned %d files, want one", len(files))
	}
	committed, err := os.ReadFile(gen.DefaultOutput)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(files[0].Src, committed) {
		t.Errorf("%s is stale: run go generate ./examples/framing", gen.DefaultOutput)
	}
}
