// The cases of package conn: its callers close the connection, or not.

package conn

import (
	"errors"
	"io"
	"testing"
)

type pipe struct {
	io.Reader
	io.WriteCloser
}

func newPipe() pipe {
	r, w := io.Pipe()
	return pipe{r, w}
}

// The test closes the connection it gave Open: the reader fails, shuts
// the client down, and the heartbeater ends.
func caseCloseTheConnection(t *testing.T) {
	rwc := newPipe()
	defer rwc.Close()
	c, err := Open(rwc)
	if err != nil {
		t.Fatal(err)
	}
	_ = c
}

// The same with a cleanup registered before Open.
func caseCleanupClosesTheConnection(t *testing.T) {
	rwc := newPipe()
	t.Cleanup(func() { rwc.Close() })
	c, err := Open(rwc)
	if err != nil {
		t.Fatal(err)
	}
	_ = c
}

// A fake server that closes the connection when it is done with it.
func caseServerClosesTheConnection(t *testing.T) {
	rwc := newPipe()
	go func() {
		io.WriteString(rwc, "hello")
		rwc.Close()
	}()
	c, err := Open(rwc)
	if err != nil {
		t.Fatal(err)
	}
	_ = c
}

// Through a function that passes its parameter on to Open.
func caseDialThenClose(t *testing.T) {
	rwc := newPipe()
	defer rwc.Close()
	c, err := Dial(rwc)
	if err != nil {
		t.Fatal(err)
	}
	_ = c
}

// Nothing closes the connection or the client: both goroutines run on.
func caseNeitherClosed(t *testing.T) {
	rwc := newPipe()
	c, err := Open(rwc) // want `the result of Open is not stopped on every path`
	if err != nil {
		t.Fatal(err)
	}
	_ = c
}

// Closing something else than the connection given to Open stops nothing.
func caseOtherClosed(t *testing.T) {
	rwc, other := newPipe(), newPipe()
	defer other.Close()
	c, err := Open(rwc) // want `the result of Open is not stopped on every path`
	if err != nil {
		t.Fatal(err)
	}
	_ = c
}

// A server goroutine that closes the connection only inside its loop
// may never get there.
func caseServerClosesInALoop(t *testing.T) {
	rwc := newPipe()
	go func() {
		for {
			if _, err := io.WriteString(rwc, "x"); err != nil {
				break
			}
			if false {
				rwc.Close()
			}
		}
	}()
	c, err := Open(rwc) // want `the result of Open is not stopped on every path`
	if err != nil {
		t.Fatal(err)
	}
	_ = c
}

// A session's reader ends with the connection but does not close what its
// heartbeater waits on: closing the connection is not enough.
func caseSessionConnectionClosed(t *testing.T) {
	rwc := newPipe()
	defer rwc.Close()
	s := OpenSession(rwc) // want `the result of OpenSession is not stopped on every path`
	_ = s
}

func caseSessionClosed(t *testing.T) {
	rwc := newPipe()
	defer rwc.Close()
	s := OpenSession(rwc)
	defer s.Close()
}

var errRefused = errors.New("refused")

func requireTrue(t *testing.T, ok bool) {
	if !ok {
		t.Fatal("not true")
	}
}

func requireError(t *testing.T, err error) {
	if err == nil {
		t.Fatal("no error")
	}
}

func requireNoError(t *testing.T, err error) {
	if err != nil {
		t.Fatal(err)
	}
}

// The test asserts that Open failed: past the assertion nothing was made.
func caseAssertsFailure(t *testing.T) {
	rwc := newPipe()
	c, err := Open(rwc)
	requireError(t, err)
	_ = c
}

func caseAssertsSentinel(t *testing.T) {
	rwc := newPipe()
	c, err := Open(rwc)
	requireTrue(t, errors.Is(err, errRefused))
	_ = c
}

// Asserting success leaves the client running.
func caseAssertsSuccess(t *testing.T) {
	rwc := newPipe()
	c, err := Open(rwc) // want `the result of Open is not stopped on every path`
	requireNoError(t, err)
	_ = c
}

// The error asserted is a later call's: the client is running.
func caseAssertsLaterError(t *testing.T) {
	rwc := newPipe()
	c, err := Open(rwc) // want `the result of Open is not stopped on every path`
	requireNoError(t, err)
	_, err = io.WriteString(rwc, "x")
	requireError(t, err)
	_ = c
}

func caseDisconnected(t *testing.T) {
	rwc := newPipe()
	defer rwc.Close()
	c, err := Open(rwc)
	requireNoError(t, err)
	c.Disconnect()
}

func caseRestarted(t *testing.T) {
	rwc := newPipe()
	defer rwc.Close()
	c, err := Open(rwc)
	requireNoError(t, err)
	c.Restart() // want `the receiver of \(\*Client\).Restart is not stopped on every path`
}
