package bundle

import (
	"context"
	"net"
)

func acceptAll(ctx context.Context, l net.Listener) error {
	b := newServeConnBundle(ctx) // want `the \*bundle.serveConnBundle from newServeConnBundle \(it owns a nursery\) is not closed on every path: the return at line \d+ leaves it open with its tasks running; defer b.Close\(\) right after creating it`
	for id := 0; ; id++ {
		c, err := l.Accept()
		if err != nil {
			return err
		}
		b.Go(c, id)
	}
}

func acceptAllClosed(ctx context.Context, l net.Listener) error {
	b := newServeConnBundle(ctx)
	defer b.Close()
	for id := 0; ; id++ {
		c, err := l.Accept()
		if err != nil {
			return err
		}
		b.Go(c, id)
	}
}
