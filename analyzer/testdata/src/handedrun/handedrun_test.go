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

func TestErrorText(t *testing.T) {
	_, err := NewPoller()
	if err.Error() != "busy" {
		t.Fatal("want busy")
	}
}

func TestNoError(t *testing.T) {
	_, err := NewPoller() // want `the result of NewPoller is assigned to _`
	requireNoError(t, err)
}

func requireNoError(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestAdapterCleanup(t *testing.T) {
	a := newAdapter()
	t.Cleanup(a.cancel)
}
