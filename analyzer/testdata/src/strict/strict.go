package strict

import (
	"sync"

	"github.com/twine-go/twine/runtime/nursery"
)

func work() {}

func joined() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // want `go statement running .* outside a nursery \(-strict\): run it in a nursery`
		defer wg.Done()
		work()
	}()
	wg.Wait()
}

func bare() {
	go work() // want `goroutine .*is never joined`
}

func withNursery(n *nursery.Nursery) {
	done := make(chan struct{})
	go func() { // want `go statement running .* outside a nursery \(-strict\): start it with n.Go`
		defer close(done)
	}()
	<-done
}
