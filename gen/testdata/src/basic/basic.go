// Package basic has the function of the design card.
package basic

import (
	"context"
	"net"
)

// serveConn serves one connection.
//
//twine:bundle grace=2s limit=64
func serveConn(ctx context.Context, c net.Conn, id int) error {
	return nil
}

// Fetch gets a page.
//
//twine:bundle supervise grace=1500ms
func Fetch(ctx context.Context, url string) ([]byte, error) {
	return nil, nil
}
