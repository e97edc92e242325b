package srv

import (
	"context"
	"errors"
)

// A browser rides in the context: a call with a context that carries
// none fails before it starts anything, so context.Background() given to
// check that error starts nothing.
type browserKey struct{}

type Browser struct{ events chan string }

var ErrInvalidContext = errors.New("not a browser context")

func WithBrowser(parent context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(parent)
	return context.WithValue(ctx, browserKey{}, &Browser{events: make(chan string)}), cancel
}

func FromContext(ctx context.Context) *Browser { // want FromContext:`own\(values of param0\)`
	b, _ := ctx.Value(browserKey{}).(*Browser)
	return b
}

func initBrowser(ctx context.Context) (*Browser, error) {
	b := FromContext(ctx)
	if b == nil || b.events == nil {
		return nil, ErrInvalidContext
	}
	return b, nil
}

func Listen(ctx context.Context) error { // want Listen:`own\(starts; owes cancel param0 for \S+:\d+ ends with param0 if param0 carries a value\)`
	b, err := initBrowser(ctx)
	if err != nil {
		return err
	}
	go b.listen(ctx)
	return nil
}

func (b *Browser) listen(ctx context.Context) {
	for {
		select {
		case <-b.events:
		case <-ctx.Done():
			return
		}
	}
}

// The same with the comma-ok assertion in place.
func Watch(ctx context.Context) { // want Watch:`own\(starts; owes cancel param0 for \S+:\d+ ends with param0 if param0 carries a value\)`
	b, ok := ctx.Value(browserKey{}).(*Browser)
	if !ok {
		return
	}
	go b.listen(ctx)
}
