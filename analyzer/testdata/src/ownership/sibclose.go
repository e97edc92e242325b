package ownership

import (
	"bufio"
	"io"
	"time"
)

func pumpLines(r io.Reader, done chan struct{}) {
	s := bufio.NewScanner(r)
	for s.Scan() {
		println(s.Text())
	}
	close(done)
	time.Sleep(time.Second)
}

func pingUntil(done chan struct{}) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			println("ping")
		case <-done:
			return
		}
	}
}

func servePumped(r io.Reader) {
	done := make(chan struct{})
	go pumpLines(r, done)
	go pingUntil(done)
	<-done
}

// The pump may return before it closes done: the pinger is left.
func pumpLinesOrFail(r io.Reader, done chan struct{}) {
	s := bufio.NewScanner(r)
	for s.Scan() {
		if s.Text() == "" {
			return
		}
	}
	close(done)
}

func servePumpedOrFail(r io.Reader) {
	done := make(chan struct{})
	go pumpLinesOrFail(r, done)
	go pingUntil(done) // want `goroutine running pingUntil is never joined`
	select {
	case <-done:
	case <-time.After(time.Second):
	}
}
