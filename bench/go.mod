module github.com/twine-go/twine/bench

go 1.26.0

require (
	github.com/sourcegraph/conc v0.3.0
	github.com/twine-go/twine v0.0.0
	golang.org/x/sync v0.24.0
	golang.org/x/tools v0.52.0
)

require (
	go.uber.org/atomic v1.7.0 // indirect
	go.uber.org/multierr v1.9.0 // indirect
)

replace github.com/twine-go/twine => ../
