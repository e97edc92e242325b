package barefix

import "github.com/twine-go/twine/runtime/nursery"

func work() {}

func noImport(n *nursery.Nursery) {
	go work() // want `start it with n.Go`
}
