package httptask_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/twine-go/twine/runtime/httptask"
	"github.com/twine-go/twine/runtime/nursery"
)

func ExampleStart() {
	err := nursery.Run(context.Background(), func(n *nursery.Nursery) error {
		mux := http.NewServeMux()
		mux.HandleFunc("/hello", func(w http.ResponseWriter, r *http.Request) {
			fmt.Fprintln(w, "hello")
		})
		srv := &http.Server{Addr: "127.0.0.1:0", Handler: mux}
		if err := httptask.Start(n, srv); err != nil {
			return err // could not listen
		}
		// The server listens: no wait, no retry. srv.Addr has the port.
		resp, err := http.Get("http://" + srv.Addr + "/hello")
		if err != nil {
			return err
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		fmt.Print(string(body))
		// The soft stop: the server stops accepting and lets requests in
		// flight finish, for 10s at most; then it closes.
		n.Shutdown(10 * time.Second)
		return nil
	})
	fmt.Println("Run:", err) // http.ErrServerClosed is no failure
	// Output:
	// hello
	// Run: <nil>
}
