// Package methods annotates methods with pointer and value receivers.
package methods

import (
	"context"
	"net"
)

// Server serves connections.
type Server struct{ name string }

// handle serves one connection for s.
//
//twine:bundle limit=8
func (s *Server) handle(ctx context.Context, c net.Conn) error { return nil }

// Ping checks one address.
//
//twine:bundle grace=1m30s
func (s Server) Ping(ctx context.Context, addr string) (bool, error) { return true, nil }

// HTTPClient is an initialism.
type HTTPClient struct{}

//twine:bundle
func (c *HTTPClient) get(ctx context.Context, url string) error { return nil }
