// Package bench compares twine's nursery with its peers (errgroup, conc,
// sync.WaitGroup.Go) in one go test -bench run. It is its own module so that
// the peers never become dependencies of twine.
//
//	cd bench && go test -run '^$' -bench . -benchmem -count 10 | tee new.txt
//	go run golang.org/x/perf/cmd/benchstat@latest -col /impl new.txt
package bench
