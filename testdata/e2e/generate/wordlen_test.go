package wordlen

import (
	"context"
	"errors"
	"slices"
	"testing"
)

func TestLengths(t *testing.T) {
	got, err := Lengths(t.Context(), []string{"a", "héllo", "", "日本語"})
	if want := []int{1, 5, 0, 3}; err != nil || !slices.Equal(got, want) {
		t.Errorf("Lengths = %v, %v; want %v, nil", got, err, want)
	}
}

func TestLengthsCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := Lengths(ctx, []string{"a"}); !errors.Is(err, context.Canceled) {
		t.Errorf("Lengths on a cancelled context: %v, want context.Canceled", err)
	}
}
