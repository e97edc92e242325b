// Package wordlen is the module the go generate end-to-end test sets up
// the way twine's README says: go get -tool for twinegen, then go
// generate. Nothing here compiles before go generate has written
// twine_bundles.go.
package wordlen

import (
	"context"
	"unicode/utf8"
)

//go:generate go tool twinegen

// measure counts the runes of a word.
//
//twine:bundle limit=2
func measure(ctx context.Context, word string) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	return utf8.RuneCountInString(word), nil
}

// Lengths returns the rune count of each word, in the order of words,
// measuring at most two words at a time.
func Lengths(ctx context.Context, words []string) ([]int, error) {
	return runMeasureBundle(ctx, func(b *measureBundle) error {
		for _, w := range words {
			b.Go(w)
		}
		return nil
	})
}
