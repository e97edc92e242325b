module example.com/vetfix

go 1.26.0

require github.com/twine-go/twine v0.0.0
