package ownership

import "context"

// --- A worker's one send taken by a sibling's select that may leave by the context ---

func lookupNames(ctx context.Context) ([]string, error) { return []string{"a"}, ctx.Err() }

// resolveWork sends once on every path, then closes.
func resolveWork(ctx context.Context, res chan string) {
	defer close(res)
	v, err := lookupNames(ctx)
	if err != nil {
		res <- err.Error()
		return
	}
	res <- v[0]
}

// The buffer holds the one send: when the sibling leaves by the
// context, the worker still ends.
func resolveRoomy(ctx context.Context) <-chan string {
	out := make(chan string, 1)
	res := make(chan string, 1)
	go resolveWork(ctx, res)
	go func() {
		defer close(out)
		select {
		case r, ok := <-res:
			if ok {
				out <- r
			}
		case <-ctx.Done():
		}
	}()
	return out
}

// Unbuffered: when the sibling leaves by the context, the worker's send
// waits for ever.
func resolveTight(ctx context.Context) <-chan string {
	out := make(chan string, 1)
	res := make(chan string)
	go resolveWork(ctx, res) // want `goroutine running resolveWork is not joined on every path`
	go func() {
		defer close(out)
		select {
		case r, ok := <-res:
			if ok {
				out <- r
			}
		case <-ctx.Done():
		}
	}()
	return out
}
