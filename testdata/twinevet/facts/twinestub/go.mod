module github.com/twine-go/twine

go 1.26
