// Jobs serves HTTP on $ADDR with four workers; SIGTERM stops it gracefully.
package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"time"

	"github.com/twine-go/twine/runtime/httptask"
	"github.com/twine-go/twine/runtime/nursery"
)

func main() {
	nursery.Main(func(n *nursery.Nursery) error {
		jobs := make(chan func())
		for range 4 {
			n.Go(func(ctx context.Context) error {
				for {
					select {
					case <-nursery.Stopping(ctx).Done():
						return nil
					case job := <-jobs:
						job()
					}
				}
			})
		}
		return httptask.Start(n, &http.Server{Addr: os.Getenv("ADDR"), Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			done := make(chan struct{})
			select {
			case jobs <- func() { w.(http.Flusher).Flush(); time.Sleep(time.Second); fmt.Fprintln(w, "done"); close(done) }:
				<-done // in flight: finishes during a graceful shutdown
			case <-nursery.Stopping(r.Context()).Done():
				http.Error(w, "shutting down", http.StatusServiceUnavailable)
			}
		})})
	})
}
