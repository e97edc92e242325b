// Package user ranges over request streams a connection of another
// package returns: the stream ends when the value it came with is closed.
package user

import (
	"net"

	"example.com/stream/mux"
)

func channelDiscarded(conn *mux.Conn, work func(*mux.Channel)) {
	ch, reqs, err := conn.OpenChannel()
	if err != nil {
		return
	}
	defer ch.Close()
	go mux.Discard(reqs)
	work(ch)
}

func channelHandedOn(conn *mux.Conn, data []byte) {
	ch, reqs, err := conn.OpenChannel()
	if err != nil {
		return
	}
	go mux.Discard(reqs)
	go func() {
		defer ch.Close()
		ch.Write(data)
	}()
}

func channelLeftOpen(conn *mux.Conn, data []byte) { // want channelLeftOpen:`spawns\(go statement at .*user.go:\d+\)`
	ch, reqs, err := conn.OpenChannel()
	if err != nil {
		return
	}
	go mux.Discard(reqs) // want `goroutine running mux.Discard is never joined`
	send(ch, data)
}

// send only writes to ch: ch stays its caller's to close.
func send(ch *mux.Channel, data []byte) {
	ch.Write(data)
}

func connRequests(c net.Conn) {
	conn, chans, reqs := mux.NewConn(c)
	defer c.Close()
	go mux.Discard(reqs)
	for ch := range chans {
		ch.Close()
	}
	_ = conn
}

func subscribed(conn *mux.Conn) { // want subscribed:`spawns\(go statement at .*user.go:\d+\)`
	defer conn.Close()
	reqs := conn.Subscribe()
	go mux.Discard(reqs) // want `goroutine running mux.Discard is never joined`
}

func firstRequest(list []*mux.Request) *mux.Request {
	return <-mux.Requests(list) // want `the result of mux.Requests is received from once, though its goroutine sends more than once`
}

func secondRequest(list []*mux.Request) *mux.Request {
	reqs := mux.Requests(list) // want `the result of mux.Requests is not drained on every path`
	<-reqs
	return <-reqs
}

func allRequests(list []*mux.Request) int {
	n := 0
	for range mux.Requests(list) {
		n++
	}
	return n
}

func requestsUntilClosed(list []*mux.Request) int {
	reqs := mux.Requests(list)
	n := 0
	for {
		_, ok := <-reqs
		if !ok {
			return n
		}
		n++
	}
}
