package report

import "testing"

func TestSpawn(t *testing.T) {
	go work()
}
