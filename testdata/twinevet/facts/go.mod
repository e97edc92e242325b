module example.com/facts

go 1.26

require github.com/twine-go/twine v0.0.0

replace github.com/twine-go/twine => ./twinestub
