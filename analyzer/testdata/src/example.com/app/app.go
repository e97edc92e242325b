package app

import (
	"context"
	"net"

	"example.com/bundle"
)

func leakConn(ctx context.Context, nc net.Conn) error {
	c, err := bundle.NewConn(ctx, nc) // want `the \*bundle.Conn from bundle.NewConn \(it owns a nursery\) is not closed on every path: the return at line \d+ leaves it open with its tasks running; defer c.Close\(\)`
	if err != nil {
		return err // on error there is nothing to close
	}
	_ = c.Current()
	return nil
}

func closeConn(ctx context.Context, nc net.Conn) error {
	c, err := bundle.NewConn(ctx, nc)
	if err != nil {
		return err
	}
	defer c.Close()
	return nil
}

func handOff(ctx context.Context, nc net.Conn, conns map[string]*bundle.Conn) error {
	c, err := bundle.NewConn(ctx, nc)
	if err != nil {
		return err
	}
	conns["x"] = c
	return nil
}

func discardedServer(ctx context.Context) {
	bundle.NewServer(ctx) // want `the \*bundle.serveConnBundle from bundle.NewServer \(it owns a nursery\) is discarded`
}

func registryOwns(ctx context.Context, r *bundle.Registry) {
	c := r.Open(ctx)
	_ = c
}
