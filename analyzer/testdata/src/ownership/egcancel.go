package ownership

import (
	"context"
	"errors"

	"golang.org/x/sync/errgroup"
)

// --- Group tasks stopped by cancelling the context they run with, on the paths that skip Wait ---

func watchPiece(ctx context.Context) error { <-ctx.Done(); return ctx.Err() }

func openPiece(i int) error {
	if i == 2 {
		return errors.New("no piece")
	}
	return nil
}

func startPieces(n int) (<-chan struct{}, func(), error) {
	ctx, stop := context.WithCancel(context.Background())
	eg, ctx := errgroup.WithContext(ctx)
	for i := 0; i < n; i++ {
		if err := openPiece(i); err != nil {
			stop() // every task watches ctx, now cancelled
			return nil, nil, err
		}
		eg.Go(func() error { return watchPiece(ctx) })
	}
	done := make(chan struct{})
	go func() {
		defer stop()
		defer close(done)
		eg.Wait()
	}()
	return done, stop, nil
}

// The tasks watch the group's context, whose parent stop ends.
func startPiecesDerived(parent context.Context, n int) error {
	ctx, stop := context.WithCancel(parent)
	defer stop()
	eg, gctx := errgroup.WithContext(ctx)
	for i := 0; i < n; i++ {
		if err := openPiece(i); err != nil {
			return err
		}
		eg.Go(func() error { return watchPiece(gctx) })
	}
	return eg.Wait()
}

// Cancelled, but the tasks do not watch it.
func startPiecesDeaf(n int, quit chan struct{}) error {
	_, stop := context.WithCancel(context.Background())
	var eg errgroup.Group
	for i := 0; i < n; i++ {
		if err := openPiece(i); err != nil {
			stop()
			return err
		}
		eg.Go(func() error { <-quit; return nil }) // want `goroutine started by eg.Go is not joined on every path`
	}
	return eg.Wait()
}
