// Package user uses package conn from another package: what
// Open's goroutines do as they end reaches it as a fact.
package user

import (
	"io"

	"example.com/transport/conn"
)

// Serve closes the connection when it is done: the client ends with it.
func Serve(rwc io.ReadWriteCloser) error { // want Serve:`own\(stop param0\)`
	defer rwc.Close()
	c, err := conn.Open(rwc)
	if err != nil {
		return err
	}
	_ = c
	return nil
}

// Leak keeps neither the client nor the connection closed.
func Leak(rwc io.ReadWriteCloser) error {
	c, err := conn.Open(rwc) // want `the result of conn.Open is not stopped on every path`
	if err != nil {
		return err
	}
	_ = c
	return nil
}
