package ownership

import "net"

// --- A stop under the same test as the go statement it stops ---

type udpReader struct {
	closeC chan struct{}
	readC  chan []byte
}

func (t *udpReader) readLoop(c net.Conn) {
	b := make([]byte, 100)
	for {
		n, err := c.Read(b)
		if err != nil {
			return
		}
		t.readC <- b[:n]
	}
}

// listening is given its one value where it is made: the close under it
// runs on every path where the reader was started.
func (t *udpReader) Run(dial func() (net.Conn, error)) {
	conn, err := dial()
	listening := err == nil
	if listening {
		go t.readLoop(conn)
	}
	for {
		select {
		case <-t.readC:
		case <-t.closeC:
			if listening {
				conn.Close()
			}
			return
		}
	}
}

// Another test guards the close: the reader may be left reading.
func (t *udpReader) RunVerbose(dial func() (net.Conn, error), verbose bool) {
	conn, err := dial()
	listening := err == nil
	if listening {
		go t.readLoop(conn) // want `goroutine running t.readLoop is not joined on every path: the return at line 57 skips stopping conn`
	}
	for {
		select {
		case <-t.readC:
		case <-t.closeC:
			if verbose {
				conn.Close()
			}
			return
		}
	}
}

// A flag made anew on each round is not the one the reader was started
// under.
func (t *udpReader) RunEach(dial func() (net.Conn, error)) {
	for {
		conn, err := dial()
		ok := err == nil
		if ok {
			go t.readLoop(conn) // want `goroutine running t.readLoop is not joined on every path`
		}
		<-t.closeC
		ok = !ok
		if ok {
			conn.Close()
		}
		return
	}
}

// A flag set to a constant just before the go statement, and never after.
func (t *udpReader) RunSet(dial func() (net.Conn, error)) {
	var listening bool
	conn, err := dial()
	if err != nil {
		println(err.Error())
	} else {
		listening = true
		go t.readLoop(conn)
	}
	<-t.closeC
	if listening {
		conn.Close()
	}
}

// Set again after the go statement: its value there says nothing.
func (t *udpReader) RunReset(dial func() (net.Conn, error), quiet bool) {
	var listening bool
	conn, err := dial()
	if err == nil {
		listening = true
		go t.readLoop(conn) // want `goroutine running t.readLoop is not joined on every path`
	}
	if quiet {
		listening = false
	}
	<-t.closeC
	if listening {
		conn.Close()
	}
}
