package handedrun

import "testing"

func TestDroppedOnSuccess(t *testing.T) {
	_, err := NewPoller() // want `the result of NewPoller is assigned to _`
	if err != nil {
		t.Fatal(err)
	}
}

func TestExpectsError(t *testing.T) {
	_, err := NewPoller()
	if err == nil {
		t.Error("want an error")
	}
}
