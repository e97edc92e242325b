// Package muxconn hands out a connection's two streams, new channels and
// requests, and closes both when the connection ends.
package muxconn

type Channel struct{ Name string }

type Request struct{ Kind string }

// Serve returns the connection's streams; both are closed together when
// the peer hangs up.
func Serve(done <-chan struct{}) (<-chan Channel, <-chan Request, error) {
	chans := make(chan Channel)
	reqs := make(chan Request)
	go func() {
		<-done
		close(chans)
		close(reqs)
	}()
	return chans, reqs, nil
}

// Discard takes requests until their channel is closed.
func Discard(in <-chan Request) {
	for range in {
	}
}
