package vetfix

import (
	"testing"
	"testing/synctest"
)

// TestSumSquaresWaits: SumSquares returns the sum of all the squares, so
// it waits for every task. In the bubble, time stands still until every
// goroutine is blocked: with the bare go statement SumSquares returns 0.
func TestSumSquaresWaits(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		got, err := SumSquares(t.Context(), []int{1, 2, 3, 4})
		if err != nil || got != 30 {
			t.Errorf("SumSquares = %d, %v; want 30, nil", got, err)
		}
	})
}
