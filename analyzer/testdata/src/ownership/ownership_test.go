package ownership

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"example.com/ownership/keeper"
	"example.com/ownership/lender"
	"example.com/ownership/qconn"
	"example.com/ownership/spin"
	"example.com/pauselib"
	"github.com/shoenig/test/must"
	"github.com/stretchr/testify/require"
)

// --- A synctest bubble entered through a wrapper waits for its goroutines ---

func bubble(t *testing.T, f func(*testing.T)) { synctest.Test(t, f) }

func TestInBubble(t *testing.T) {
	bubble(t, func(t *testing.T) {
		go func() { time.Sleep(time.Second) }()
		_ = context.Background() // the bubble's top level is the test's
		helperInBubble()
	})
}

// Called only inside bubbles: its goroutines are the bubble's.
func helperInBubble() {
	go func() { time.Sleep(time.Second) }()
}

func TestOutsideBubble(t *testing.T) {
	block := make(chan struct{})
	go func() { <-block }()                 // want `goroutine is never joined, so it can outlive TestOutsideBubble`
	go func() { time.Sleep(time.Second) }() // ends on its own and does not use the test
}

// A goroutine whose only wait is for a mutex every function of the
// package releases (defer c.mu.Unlock()) ends on its own; one that may
// wait for a mutex some function leaves held does not.

type tally struct {
	mu sync.Mutex
	n  int
}

func (c *tally) add(d int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n += d
}

type leakyTally struct {
	mu sync.Mutex
	n  int
}

func (c *leakyTally) add(d int) {
	c.mu.Lock()
	if d < 0 {
		return
	}
	c.n += d
	c.mu.Unlock()
}

// Nor one whose mutex some holder keeps while it waits: taking it again
// through a callee, or waiting on a channel under it.
type nestedTally struct {
	mu sync.Mutex
	n  int
}

func (c *nestedTally) add(d int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if d < 0 {
		c.reset()
	}
	c.n += d
}

func (c *nestedTally) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n = 0
}

type waitingTally struct {
	mu    sync.Mutex
	n     int
	ready chan int
}

func (c *waitingTally) add(d int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n += d
}

func (c *waitingTally) fill() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n = <-c.ready
}

// A holder that closes a channel under the mutex still holds it briefly:
// close never waits. The test waits for the close and then for the
// mutex, or gives up on the close: the goroutine ends on its own.
type dropStore struct {
	mu   sync.RWMutex
	n    int
	gone chan struct{}
}

func (s *dropStore) drop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n = 0
	close(s.gone)
}

func (s *dropStore) size() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.n
}

func TestDropped(t *testing.T) {
	s := &dropStore{gone: make(chan struct{})}
	go s.drop()
	select {
	case <-s.gone:
	case <-time.After(time.Second):
		t.Errorf("not dropped")
	}
	if s.size() != 0 {
		t.Errorf("size")
	}
}

func TestLockedCalls(t *testing.T) {
	c := &tally{}
	go func() { c.add(1) }()
	l := &leakyTally{}
	go func() { l.add(1) }() // want `goroutine is never joined, so it can outlive TestLockedCalls`
	n := &nestedTally{}
	go func() { n.add(1) }() // want `goroutine is never joined, so it can outlive TestLockedCalls`
	w := &waitingTally{ready: make(chan int)}
	go func() { w.add(1) }() // want `goroutine is never joined, so it can outlive TestLockedCalls`
	w.fill()
}

// A receive from, or a range over, a channel an interface's method
// returns waits on what the pass cannot name.
type addrNotifier interface{ Notify() <-chan bool }

func TestNotified(t *testing.T) {
	var b addrNotifier
	go func() { <-b.Notify() }() // want `goroutine is never joined, so it can outlive TestNotified`
	go func() {                  // want `goroutine is never joined, so it can outlive TestNotified`
		for range b.Notify() {
		}
	}()
}

// --- t.Fatal paths that skip the join ---

func refresh() error { return nil }

// The same function literal started several times, counted by one Add.
func TestIterateShared(t *testing.T) {
	iterate := func(n int, wg *sync.WaitGroup) {
		defer wg.Done()
		use(n)
	}
	var wg sync.WaitGroup
	wg.Add(3)
	go iterate(1, &wg)
	go iterate(2, &wg)
	go iterate(3, &wg)
	wg.Wait()
}

// A test that fails before the join leaves its goroutine blocked.
func TestFatalBeforeResult(t *testing.T) {
	ch := make(chan error)
	go func() { ch <- refresh() }() // want `goroutine is not joined on every path: the call to t.Fatal at line \d+ ends TestFatalBeforeResult without receiving from ch`
	select {
	case err := <-ch:
		use(err)
	case <-time.After(time.Second):
		t.Fatal("too slow")
	}
}

// A buffered result: the failing test's path leaves the goroutine to end
// on its own, whatever lock it waits for on the way.
func TestFatalBeforeLockedResult(t *testing.T) {
	p := &page{}
	res := make(chan error, 1)
	go func() { res <- p.lockedRender() }()
	select {
	case err := <-res:
		use(err)
	case <-time.After(time.Second):
		t.Fatal("too slow")
	}
}

// The same through testify's require.FailNow, which the CFG does not know
// ends the test.
func TestFailNowBeforeLockedResult(t *testing.T) {
	p := &page{}
	res := make(chan error, 1)
	go func() { res <- p.lockedRender() }()
	select {
	case err := <-res:
		use(err)
	case <-time.After(time.Second):
		require.FailNow(t, "too slow")
	}
	use(p)
}

// A reader made in place over a connection waits on the connection: the
// cleanup that closes it ends the read.
func TestReadLineThroughBufio(t *testing.T) {
	client, server := net.Pipe()
	t.Cleanup(func() {
		client.Close()
		server.Close()
	})
	done := make(chan error, 1)
	go func() {
		_, err := bufio.NewReader(server).ReadString('\n')
		done <- err
	}()
	if _, err := client.Write([]byte("hi\n")); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestReadLineThroughBufioUnclosed(t *testing.T) {
	client, server := net.Pipe()
	done := make(chan error, 1)
	go func() { // want `goroutine is not joined on every path: the call to t.Fatal at line \d+ ends TestReadLineThroughBufioUnclosed without receiving from done`
		_, err := bufio.NewReader(server).ReadString('\n')
		done <- err
	}()
	if _, err := client.Write([]byte("hi\n")); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// A helper whose cleanup closes both ends returns one inside a struct:
// the cleanup stops what the struct holds.
type pipePeer struct {
	net.Conn
	t *testing.T
}

func newPipePair(t *testing.T) (net.Conn, *pipePeer) {
	a, b := net.Pipe()
	t.Cleanup(func() { a.Close(); b.Close() })
	return a, &pipePeer{Conn: b, t: t}
}

func newUncleanedPair(t *testing.T) (net.Conn, *pipePeer) {
	a, b := net.Pipe()
	return a, &pipePeer{Conn: b, t: t}
}

func TestWriteToPeer(t *testing.T) {
	a, p := newPipePair(t)
	go func() { p.Write([]byte("hello")) }()
	buf := make([]byte, 5)
	if _, err := a.Read(buf); err != nil {
		t.Fatal(err)
	}
}

func TestWriteToUncleanedPeer(t *testing.T) {
	a, p := newUncleanedPair(t)
	_ = a
	go func() { p.Write([]byte("hello")) }() // want `goroutine is never joined, so it can outlive TestWriteToUncleanedPeer`
}

// A test helper that arranges its fixture's stop.
func openSessionT(t testing.TB) Session {
	s, err := OpenSession()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestUsesHelperFixture(t *testing.T) {
	s := openSessionT(t) // the helper registered its Close with t.Cleanup
	_ = s
}

// --- A test cancelling a context of its own: the cancellation is the subject ---

func helperWithCtx(ctx context.Context, t *testing.T) {
	cctx, cancel := context.WithCancel(context.Background()) // the test cancels it itself
	done := make(chan struct{})
	go func() {
		defer close(done)
		cancel()
	}()
	<-done
	pre, cancelNow := context.WithCancel(context.Background())
	cancelNow()
	kept, stop := context.WithCancel(context.Background()) // want `call to context.Background\(\) detaches this work from ctx`
	defer stop()
	use(cctx, pre, kept)
}

// --- A goroutine that only starts another, handed to a value the test never stops ---

func TestSpinnerStartedAndForgotten(t *testing.T) {
	s := spin.New()
	go s.Start() // want `goroutine running s.Start is never joined, so it can outlive TestSpinnerStartedAndForgotten`
	if s.Count() < 0 {
		t.Fatal("negative")
	}
}

// --- A value handed to a keeper whose stop someone owns is the keeper's ---

// The helper hands the broker to the node, which closes it, and registers
// the node's Shutdown: the broker it also returns is only lent.
func nodeWithBroker(t *testing.T) (*keeper.Node, *keeper.Broker) {
	n := &keeper.Node{}
	b := keeper.NewBroker()
	n.SetBroker(b)
	t.Cleanup(n.Shutdown)
	return n, b
}

func TestNodeOnly(t *testing.T) {
	n, _ := nodeWithBroker(t)
	_ = n
}

// A node nobody stops keeps nothing for anyone: the broker is still the
// caller's.
func brokerOnStrayNode() *keeper.Broker {
	n := &keeper.Node{}
	b := keeper.NewBroker()
	n.SetBroker(b)
	return b
}

func TestStrayNode(t *testing.T) {
	_ = brokerOnStrayNode() // want `the result of brokerOnStrayNode is assigned to _`
}

// --- A test's goroutine that ends on its own: it can wait for nothing for ever ---

// An iterator of another shape: Stop does not block, Next does.
type iterator interface {
	Next() (int, error)
	Stop()
}

type counter struct {
	mu sync.Mutex
	n  int
}

func (c *counter) add() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n++
}

func TestSleepThenCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() { // a cancel function never waits: it ends after the sleep
		time.Sleep(10 * time.Millisecond)
		cancel()
	}()
	go cancel()
	<-ctx.Done()
}

var newIterator func() iterator

func TestStopRacesNext(t *testing.T) {
	it := newIterator()
	go it.Stop() // Stop is not named for waiting
	go func() {  // want `goroutine is never joined, so it can outlive TestStopRacesNext`
		_, _ = it.Next()
	}()
	if _, err := it.Next(); err == nil {
		t.Fatal("no error after Stop")
	}
}

// A lock can be held for ever only by whoever forgot to release it: a
// goroutine whose one wait is a lock every function releases ends on its
// own (TestLockedCalls shows the other kind).
func TestLockedCounter(t *testing.T) {
	c := &counter{}
	go c.add()
	c.add()
}

// A failing test skips the join; the goroutine sleeps and sends once into
// a buffer with room, so it ends anyway.
func TestFatalBeforeBufferedJoin(t *testing.T) {
	errs := make(chan error, 1)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		time.Sleep(time.Millisecond)
		errs <- refresh()
	}()
	if refresh() != nil {
		t.Fatal("too many")
	}
	wg.Wait()
	use(<-errs)
}

// A failing test skips the join of a goroutine that takes a lock: on the
// paths that pass it gets the lock and is joined; after the failure it
// ends the same way.
func TestFatalBeforeLockedJoin(t *testing.T) {
	c := &counter{}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		c.add()
	}()
	if refresh() != nil {
		t.Fatal("refresh")
	}
	wg.Wait()
}

// The same, but the goroutine waits for the test to let it go, which a
// failing test never does.
func TestFatalBeforeRelease(t *testing.T) {
	start := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // want `goroutine is not joined on every path: the call to t.Fatal at line \d+ ends TestFatalBeforeRelease without wg.Wait\(\)`
		defer wg.Done()
		<-start
	}()
	if refresh() != nil {
		t.Fatal("refresh")
	}
	close(start)
	wg.Wait()
}

// A goroutine waiting on a channel it gets from a call waits on what the
// pass cannot see: it may wait for ever.
var events func() <-chan int

func TestEventsFromCall(t *testing.T) {
	go func() { // want `goroutine is never joined, so it can outlive TestEventsFromCall`
		for range events() {
		}
	}()
}

// Many goroutines that each end on their own, never waited for: they race
// with the tests that run after this one.
func TestRacersLeftRunning(t *testing.T) {
	c := &counter{}
	for range 100 {
		go c.add() // want `goroutine running c.add is never joined, so it can outlive TestRacersLeftRunning`
	}
}

// A goroutine that serves until its own deadline: the loop ends when the
// timer fires, whatever the test does.
func TestServeUntilDeadline(t *testing.T) {
	events := make(chan int)
	go func() {
		done := time.After(time.Second)
		for {
			select {
			case v := <-events:
				use(v)
			case <-done:
				return
			}
		}
	}()
	events <- 1
}

// The same with a deadline channel that is never set: a nil channel
// never fires, and the goroutine serves for ever.
func TestServeWithoutDeadline(t *testing.T) {
	events := make(chan int)
	go func() { // want `goroutine is never joined, so it can outlive TestServeWithoutDeadline`
		var done <-chan time.Time
		for {
			select {
			case v := <-events:
				use(v)
			case <-done:
				return
			}
		}
	}()
	events <- 1
}

// --- A test helper that registers its fixture's stop itself ---

type fakeServer struct {
	ln    net.Listener
	wg    sync.WaitGroup
	mu    sync.Mutex
	conns []net.Conn
}

func startFakeServer(t *testing.T) *fakeServer {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &fakeServer{ln: ln}
	s.wg.Add(1)
	go func() { // stopped and joined by the close the helper registers
		defer s.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			s.mu.Lock()
			s.conns = append(s.conns, c)
			s.mu.Unlock()
		}
	}()
	t.Cleanup(s.close)
	return s
}

func (s *fakeServer) close() {
	_ = s.ln.Close()
	s.mu.Lock()
	for _, c := range s.conns {
		_ = c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
}

func TestUsesFakeServer(t *testing.T) {
	s := startFakeServer(t) // nothing to stop here: the helper registered it
	_ = s.ln.Addr()
}

// The same helper without the registration hands the stop to its caller.
func startBareServer(t *testing.T) *fakeServer {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &fakeServer{ln: ln}
	s.wg.Add(1)
	go func() { // want `goroutine is handed on to the caller, but TestUsesBareServer drops it`
		defer s.wg.Done()
		for {
			if _, err := ln.Accept(); err != nil {
				return
			}
		}
	}()
	return s
}

func TestUsesBareServer(t *testing.T) {
	s := startBareServer(t) // want `the result of startBareServer is not stopped on every path`
	_ = s.ln.Addr()
}

// --- A fake server's handlers of the connections it accepts ---

func serveEcho(c net.Conn) {
	defer c.Close()
	buf := make([]byte, 64)
	for {
		n, err := c.Read(buf)
		if err != nil {
			return
		}
		if _, err := c.Write(buf[:n]); err != nil {
			return
		}
	}
}

// readLine waits on what r reads: its caller knows it reads c.
func readLine(r *bufio.Reader) (string, error) { return r.ReadString('\n') }

func serveLines(c net.Conn) {
	defer c.Close()
	rd := bufio.NewReader(c)
	for {
		line, err := readLine(rd)
		if err != nil {
			return
		}
		_, _ = io.WriteString(c, line)
	}
}

// serveScanned answers line by line through a scanner, a reply held in a
// local literal, and a builder, none of which waits on more than c.
func serveScanned(c net.Conn) {
	defer c.Close()
	reply := func(msg string) bool {
		_, err := c.Write([]byte(msg))
		return err == nil
	}
	scanner := bufio.NewScanner(c)
	for scanner.Scan() {
		var b strings.Builder
		b.WriteString(scanner.Text())
		if !reply(b.String()) {
			return
		}
	}
}

// serveWith answers each line with what reply says: a function value its
// caller gives.
func serveWith(c net.Conn, reply func(string) string) {
	defer c.Close()
	scanner := bufio.NewScanner(c)
	for scanner.Scan() {
		if _, err := io.WriteString(c, reply(scanner.Text())); err != nil {
			return
		}
	}
}

// Each handler ends when the client under test closes its connection.
func TestFakeEchoServer(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go serveEcho(c)
			go serveLines(c)
			go serveScanned(c)
			go serveWith(c, func(line string) string { return strings.ToUpper(line) })
			go func(c net.Conn) {
				_, _ = c.Write([]byte("hello"))
			}(c)
		}
	}()
	client, server := net.Pipe()
	go serveEcho(server)
	defer client.Close()
}

// A handler that reports to the test may do so after the test ended.
func TestFakeServerUsesT(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func(c net.Conn) { // want `goroutine is never joined`
				defer c.Close()
				if _, err := io.Copy(c, c); err != nil {
					t.Error(err)
				}
			}(c)
		}
	}()
}

// A handler that also waits on a channel nobody closes is not ended by
// its peer alone.
func TestFakeServerStuck(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	release := make(chan struct{})
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() { // want `goroutine blocks for ever: it waits on release`
				<-release
				serveEcho(c)
			}()
			go serveWith(c, func(line string) string { // want `goroutine running serveWith is not joined on every path`
				<-release
				return line
			})
		}
	}()
}

// A client the test starts on a goroutine of its own, dialing the server
// under test, ends when it hangs up or when the server closes its end.
// One that also waits on what nobody closes does not.
func TestClientPeers(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- serveLineConns(ln) }()
	defer func() { ln.Close(); <-done }()
	addr := ln.Addr().String()
	go func() {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			return
		}
		defer c.Close()
		_, _ = c.Write([]byte("hello\n"))
		_, _ = c.Read(make([]byte, 1))
	}()
	var d net.Dialer
	go func() {
		c, err := d.DialContext(context.Background(), "tcp", addr)
		if err != nil {
			return
		}
		_, _ = io.Copy(io.Discard, c)
	}()
	hold := make(chan struct{})
	go func() { // want `goroutine is never joined, so it can outlive TestClientPeers`
		c, err := net.Dial("tcp", addr)
		if err != nil {
			return
		}
		defer c.Close()
		<-hold
	}()
}

// --- A connection closed by CloseWithError ends what serves it ---
//
// The server's loop waits in the connection's AcceptStream, which goes
// through an interface, and calls a hook: what it waits on is not known.
// It ends when the connection it is given is closed, here by
// CloseWithError: in a helper's t.Cleanup, or deferred. A connection
// nothing closes leaves it serving.

type streamServer struct{ onStream func(*qconn.Stream) }

func (s *streamServer) serve(conn *qconn.Conn) error {
	for {
		str, err := conn.AcceptStream(context.Background())
		if err != nil {
			return err
		}
		s.onStream(str)
	}
}

func newQConn(t *testing.T) *qconn.Conn {
	t.Helper()
	conn, err := qconn.Dial()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.CloseWithError(0, "") })
	return conn
}

func TestServeConnClosedByCleanup(t *testing.T) {
	conn := newQConn(t)
	s := &streamServer{onStream: func(*qconn.Stream) {}}
	go s.serve(conn)
}

func TestServeConnClosedByDefer(t *testing.T) {
	conn, err := qconn.Dial()
	if err != nil {
		t.Fatal(err)
	}
	defer conn.CloseWithError(0, "done")
	s := &streamServer{onStream: func(*qconn.Stream) {}}
	go s.serve(conn)
}

func TestServeConnNeverClosed(t *testing.T) {
	conn, err := qconn.Dial()
	if err != nil {
		t.Fatal(err)
	}
	s := &streamServer{onStream: func(*qconn.Stream) {}}
	go s.serve(conn) // want `goroutine running s.serve is never joined, so it can outlive TestServeConnNeverClosed`
}

func TestServeConnClosedOnOnePath(t *testing.T) {
	conn, err := qconn.Dial()
	if err != nil {
		t.Fatal(err)
	}
	s := &streamServer{onStream: func(*qconn.Stream) {}}
	go s.serve(conn) // want `goroutine running s.serve is not joined on every path: the return at line \d+ skips stopping conn`
	if testing.Short() {
		return
	}
	conn.CloseWithError(0, "done")
}

func TestServeConnLiteralClosedBeforeWait(t *testing.T) {
	conn, err := qconn.Dial()
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	s := &streamServer{onStream: func(*qconn.Stream) {}}
	go func() {
		defer close(done)
		s.serve(conn)
	}()
	conn.CloseWithError(0, "done")
	select {
	case <-done:
	case <-time.After(time.Second):
		t.Fatal("serve did not return")
	}
}

func TestServeConnLiteralNotClosed(t *testing.T) {
	conn, err := qconn.Dial()
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	s := &streamServer{onStream: func(*qconn.Stream) {}}
	go func() { // want `goroutine is not joined on every path: the call to t.Fatal at line \d+ ends TestServeConnLiteralNotClosed without receiving from done`
		defer close(done)
		s.serve(conn)
	}()
	select {
	case <-done:
	case <-time.After(time.Second):
		t.Fatal("serve did not return")
	}
}

// --- A function value a constructor returns that never waits ---
//
// newFuture returns a resolver that only cancels: a test goroutine whose
// last act is to call it ends on its own. A returned function that waits
// (on a channel of its maker's) may hold the goroutine for ever.

type future struct{ ctx context.Context }

func newFuture() (*future, func(error)) {
	ctx, cancel := context.WithCancelCause(context.Background())
	return &future{ctx}, func(err error) { cancel(err) }
}

func newGate() (chan struct{}, func()) {
	ch := make(chan struct{})
	return ch, func() { <-ch }
}

func TestResolveInGoroutine(t *testing.T) {
	f, resolve := newFuture()
	go func() {
		time.Sleep(time.Millisecond)
		resolve(context.Canceled)
	}()
	<-f.ctx.Done()
}

func TestWaitInGoroutine(t *testing.T) {
	_, wait := newGate()
	go func() { // want `goroutine is never joined, so it can outlive TestWaitInGoroutine`
		time.Sleep(time.Millisecond)
		wait()
	}()
}

// A test server's accept loop that drops the value it makes for each
// connection: its reader ends when the client under test closes its end.
func serveLineConns(ln net.Listener) error {
	for {
		c, err := ln.Accept()
		if err != nil {
			return err
		}
		newLineConn(c)
	}
}

func TestServeLines(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- serveLineConns(ln) }()
	defer func() { ln.Close(); <-done }()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
}

// Stopped by a goroutine the test waits for, but only once it got past a
// t.Fatal: the report names that path, not the test's end.
func TestSetServerStoppedAside(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &setServer{lns: map[net.Listener]struct{}{}}
	go s.Serve(l) // want `goroutine running s.Serve is not joined on every path: the call to t.Fatal at line \d+ ends TestSetServerStoppedAside without stopping s.lns\[...\]`
	c, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.Shutdown()
	}()
	<-done
}

// NoError reports whether err is nil, as testify's assert.NoError does.
func NoError(t *testing.T, err error) bool {
	if err != nil {
		t.Error(err)
		return false
	}
	return true
}

// if !NoError(t, err) { return } is if err != nil { return }: nothing was
// opened on that path.
func TestOpenAsserted(t *testing.T) {
	w, err := openPeek(false)
	if !NoError(t, err) {
		return
	}
	defer w.Stop()
}

func TestOpenAssertedLeft(t *testing.T) {
	w, err := openPeek(false) // want `the result of openPeek is not stopped on every path`
	if !NoError(t, err) {
		return
	}
	_ = w.Len()
}

// An assertion looks at the value it is given and keeps nothing: the
// test still owns it.
func TestAssertedNotClosed(t *testing.T) {
	d, err := newDeferStarted() // want `the result of newDeferStarted is not stopped on every path`
	require.NotNil(t, d)
	_ = err
}

func TestAssertedClosed(t *testing.T) {
	d, err := newDeferStarted()
	require.NotNil(t, d)
	if err == nil {
		d.Close()
	}
}

// A test that expects the call to fail and keeps only its error owes
// nothing for the value it drops: on the path where the call succeeded,
// the test has failed.
func TestDialServedFails(t *testing.T) {
	_, _, err := dialServedOpen(true)
	if err == nil {
		t.Fatal("dialing a closed port should fail")
	}
}

// A goroutine that ends when a context made from t.Context() is done is
// stopped at the end of the test: the testing package cancels it then.
// One on context.Background() is not.

func untilCtxDone(ctx context.Context) { <-ctx.Done() }

type testCtxKey struct{}

func TestUntilTestContext(t *testing.T) {
	ctx := context.WithValue(t.Context(), testCtxKey{}, 1)
	go untilCtxDone(ctx)
	time.Sleep(time.Millisecond)
}

func TestUntilBackground(t *testing.T) {
	ctx := context.WithValue(context.Background(), testCtxKey{}, 1)
	go untilCtxDone(ctx) // want `goroutine running untilCtxDone is never joined`
	time.Sleep(time.Millisecond)
}

// A path that must.Unreachable ends is a failed test's: the result it
// leaves unreceived is not held against the test. Where the timeout only
// logs, the test goes on and returns without it.

func tickOnce() <-chan int {
	ch := make(chan int)
	go func() { ch <- 1 }() // want `goroutine is handed on to the caller, but TestTickLogged drops it`
	return ch
}

func TestTickMust(t *testing.T) {
	ch := tickOnce()
	select {
	case <-ch:
	case <-time.After(time.Second):
		must.Unreachable(t)
	}
}

func TestTickLogged(t *testing.T) {
	ch := tickOnce() // want `the result of tickOnce is not received from on every path`
	select {
	case <-ch:
	case <-time.After(time.Second):
		t.Log("no tick")
	}
}

// A receive of the first of two sends that a buffer would take is no join
// when the goroutine works on after its send: here it waits on hold, which
// a failing test never sends on.
func TestReadyThenHold(t *testing.T) {
	ready := make(chan error, 2)
	hold := make(chan bool, 1)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // want `goroutine is not joined on every path: the call to t.Fatal at line \d+ ends TestReadyThenHold without wg.Wait\(\)`
		defer wg.Done()
		for i := 0; i < 2; i++ {
			if i > 2 {
				ready <- io.EOF
				return
			}
			ready <- nil
			<-hold
		}
	}()
	err := <-ready
	if err != nil {
		t.Fatal(err)
	}
	hold <- true
	wg.Wait()
}

// A helper whose other case fails the test before it returns takes the
// send on every path a passing test takes.

func recvWithin(t *testing.T, ch <-chan int, d time.Duration) int {
	t.Helper()
	select {
	case v := <-ch:
		return v
	case <-time.After(d):
		t.Fatal("timed out")
		return 0
	}
}

func TestRecvWithin(t *testing.T) {
	ch := make(chan int)
	go func() { ch <- 1 }()
	if recvWithin(t, ch, time.Second) != 1 {
		t.Error("wrong value")
	}
}

func TestServedPair(t *testing.T) {
	c, _ := servedPair(t)
	defer c.Close()
}

// A store whose collector ends when its context is done or Close is
// called: a test that gives it t.Context() need not Close it, the test's
// end cancels it.
type gcStore struct{ cancel context.CancelFunc }

func newGCStore(ctx context.Context) *gcStore {
	ctx, cancel := context.WithCancel(ctx)
	s := &gcStore{cancel: cancel}
	go s.collect(ctx) // want `goroutine running s.collect is handed on to the caller, but TestGCStoreBackground drops it`
	return s
}

func (s *gcStore) collect(ctx context.Context) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (s *gcStore) Close() { s.cancel() }

func TestGCStoreTestContext(t *testing.T) {
	_ = newGCStore(t.Context())
	ctx := t.Context()
	_ = newGCStore(ctx)
	cctx, cancel := context.WithCancel(t.Context())
	_ = newGCStore(cctx)
	_ = cancel
}

func TestGCStoreBackground(t *testing.T) {
	_ = newGCStore(context.Background()) // want `the result of newGCStore is assigned to _`
}

// A reader that parks until released: a buffered result does not make
// the timeout case a join when the goroutine waits before it sends.
type parker struct{ release chan struct{} }

func newParker() *parker { return &parker{release: make(chan struct{})} }

func (p *parker) Read() error {
	<-p.release
	return nil
}

func (p *parker) Release() { close(p.release) }

func TestParkedReader(t *testing.T) {
	p := newParker()
	done := make(chan error, 1)
	go func() { // want `goroutine is not joined on every path: the end of the function at line \d+ skips receiving from done`
		done <- p.Read()
	}()
	select {
	case <-done:
		t.Fatal("Read returned early")
	case <-time.After(10 * time.Millisecond):
	}
}

// Not reported: the test releases the reader as it ends.
func TestParkedReaderReleased(t *testing.T) {
	p := newParker()
	defer p.Release()
	done := make(chan error, 1)
	go func() {
		done <- p.Read()
	}()
	select {
	case <-done:
		t.Fatal("Read returned early")
	case <-time.After(10 * time.Millisecond):
	}
}

// Not reported: the work cannot wait before its send, and the buffer
// takes the send.
func TestBufferedWork(t *testing.T) {
	done := make(chan int, 1)
	go func() {
		n := 0
		for i := range 10 {
			n += i
		}
		done <- n
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Millisecond):
		t.Log("slow")
	}
}

// A helper of the test's own that fails the test on an error: past it,
// the value was made and must be stopped. One that expects the error
// leaves nothing made.
type errWorker struct{ stop chan struct{} }

func newWorkerOrErr(fail bool) (*errWorker, error) {
	if fail {
		return nil, errors.New("fail")
	}
	w := &errWorker{stop: make(chan struct{})}
	go func() { <-w.stop }() // want `goroutine is handed on to the caller, but TestHelperNoError drops it`
	return w, nil
}

func (w *errWorker) Close() { close(w.stop) }

func noErr(t *testing.T, err error) {
	if err != nil {
		t.Errorf("unexpected error: %v", err)
	}
}

func checkErr(t *testing.T, err error) {
	if err != nil {
		t.Fatalf("unexpected error: %v", err)
	}
}

func assertErr(t *testing.T, err error) {
	if err == nil {
		t.Error("expected an error")
	}
}

func TestHelperNoError(t *testing.T) {
	w, err := newWorkerOrErr(len(t.Name()) == 0) // want `the result of newWorkerOrErr is not stopped on every path`
	noErr(t, err)
	_ = w
}

func TestHelperCheckError(t *testing.T) {
	w, err := newWorkerOrErr(len(t.Name()) == 0) // want `the result of newWorkerOrErr is not stopped on every path`
	checkErr(t, err)
	_ = w
}

func TestHelperExpectsError(t *testing.T) {
	w, err := newWorkerOrErr(len(t.Name()) > 0)
	assertErr(t, err)
	_ = w
}

// A helper returns a client and the cleanup that closes its connection:
// a goroutine writing through the client ends once the deferred cleanup
// has run, as with defer conn.Close() itself.
type wireClient struct{ conn net.Conn }

func (w *wireClient) send(b []byte) error {
	_, err := w.conn.Write(b)
	return err
}

func dialWire(t testing.TB, addr string) (*wireClient, func()) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	return &wireClient{conn: conn}, func() { conn.Close() }
}

// The cleanup closes only the listener it was given.
func dialWireKeep(t testing.TB, l net.Listener) (*wireClient, func()) {
	conn, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	c := &wireClient{conn: conn}
	return c, func() { l.Close() }
}

func TestWireCleanup(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	w, cleanup := dialWire(t, l.Addr().String())
	defer cleanup()
	go func() {
		for range 20 {
			if w.send([]byte("x")) != nil {
				return
			}
		}
	}()
	time.Sleep(10 * time.Millisecond)
}

func TestWireCleanupElsewhere(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	w, cleanup := dialWireKeep(t, l)
	defer cleanup()
	go func() { // want `goroutine is never joined, so it can outlive TestWireCleanupElsewhere`
		for range 20 {
			if w.send([]byte("x")) != nil {
				return
			}
		}
	}()
	time.Sleep(10 * time.Millisecond)
}

// A constructor that makes nothing unless asked: the test asserts it made
// nothing, and past the assertion there is nothing to stop.
func TestMaybeTickingOff(t *testing.T) {
	tk := maybeTicking(false)
	require.Nil(t, tk)
}

func TestMaybeTickingOn(t *testing.T) {
	tk := maybeTicking(true) // want `the result of maybeTicking is not stopped on every path`
	require.NotNil(t, tk)
}

// An echo relay: each send on its input is answered by a receive of the
// reply before the spawner goes on, so once the spawner leaves the relay
// waits only in its range, which the deferred close ends.
func echoRelay(in, out chan int) {
	for v := range in {
		out <- v * 2
	}
}

func BenchmarkEcho(b *testing.B) {
	in, out := make(chan int), make(chan int)
	defer close(in)
	go echoRelay(in, out)
	for i := 0; i < b.N; i++ {
		in <- i
		<-out
	}
}

func BenchmarkEchoParallel(b *testing.B) {
	in, out := make(chan int), make(chan int)
	defer close(in)
	go func() {
		for v := range in {
			out <- v
		}
	}()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			in <- 1
			_ = <-out
		}
	})
}

// The last send's reply is never taken: the relay waits in its send.
func BenchmarkEchoUnanswered(b *testing.B) {
	in, out := make(chan int), make(chan int)
	defer close(in)
	go echoRelay(in, out) // want `goroutine running echoRelay is never joined`
	for i := 0; i < b.N; i++ {
		in <- i
		<-out
	}
	in <- -1
}

// A reply taken after a check that can end the benchmark first.
func BenchmarkEchoSkipped(b *testing.B) {
	in, out := make(chan int), make(chan int)
	defer close(in)
	go echoRelay(in, out) // want `goroutine running echoRelay is never joined`
	for i := 0; i < b.N; i++ {
		in <- i
		if i == 7 {
			return
		}
		<-out
	}
}

// A relay that may skip its reply leaves the spawner waiting, not itself;
// one that sends twice per value leaves its second reply unread.
func echoRelayTwice(in, out chan int) {
	for v := range in {
		out <- v
		out <- v
	}
}

func BenchmarkEchoTwice(b *testing.B) {
	in, out := make(chan int), make(chan int)
	defer close(in)
	go echoRelayTwice(in, out) // want `goroutine running echoRelayTwice is never joined`
	for i := 0; i < b.N; i++ {
		in <- i
		<-out
	}
}

// A fake server that accepts once and then sleeps to hang the client's
// handshake: closing the listener ends its Accept, not its sleep, so it
// runs on for a minute after the test.
func TestHangHandshake(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() { // want `goroutine is never joined, and its stop \(defer ln.Close\(\)\) does not cut short its sleep at line \d+, so it can outlive TestHangHandshake by that long`
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		time.Sleep(time.Minute)
	}()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	conn.Close()
}

// A short pause, a sleep in a loop that checks the stop, and a sleep in
// a goroutine the test waits for: none outlives the test.
func TestHangShortPause(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		time.Sleep(time.Millisecond)
		conn.Close()
	}()
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			time.Sleep(time.Second)
		}
	}()
	done := make(chan struct{})
	go func() {
		defer close(done)
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		time.Sleep(time.Second)
		conn.Close()
	}()
	if conn, err := net.Dial("tcp", ln.Addr().String()); err == nil {
		conn.Close()
	}
	<-done
}

// A pool whose lock is held only around work that cannot wait (a
// context's Err read under it included): a bounded loop of Gets in a test
// ends on its own.
type ctxPool struct {
	mu    sync.Mutex
	items []int
}

func (p *ctxPool) Get(ctx context.Context) (int, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if ctx.Err() != nil || len(p.items) == 0 {
		return 0, false
	}
	v := p.items[0]
	p.items = p.items[1:]
	return v, true
}

func TestPoolGetsAlone(t *testing.T) {
	p := &ctxPool{}
	ctx := context.Background()
	go func() {
		for range 20 {
			_, _ = p.Get(ctx)
		}
	}()
	time.Sleep(10 * time.Millisecond)
}

// In a test, parking for ever is the hang under test: the worker whose
// result no one receives is still reported.
func TestParkedForever(t *testing.T) {
	results := make(chan int)
	go func() { results <- 1 }() // want `goroutine blocks for ever|goroutine is never joined`
	<-make(chan struct{})
}

// The goroutine's one send finds room in the field's buffer: it ends at
// once, whatever the client behind the interface does.
func TestReplyOnce(t *testing.T) {
	m := newMockReplies()
	c := &replyClient{a: m}
	go func() {
		m.responses <- 42
	}()
	if _, err := c.init(t.Context()); err != nil {
		t.Fatal(err)
	}
}

// Started in a loop, the sends outnumber the buffer.
func TestReplyMany(t *testing.T) {
	m := newMockManyReplies()
	c := &replyClient{a: m}
	for i := 0; i < 3; i++ {
		go func() { // want `goroutine is never joined`
			m.responses <- i
		}()
	}
	if _, err := c.init(t.Context()); err != nil {
		t.Fatal(err)
	}
}

// Each test feeds its own mock once: its buffer has room.
func TestFeedOnce(t *testing.T) {
	m := newMockFeed()
	c := &replyClient{a: m}
	go func() {
		m.replies <- 1
	}()
	if _, err := c.init(t.Context()); err != nil {
		t.Fatal(err)
	}
}

func TestFeedOnceMore(t *testing.T) {
	m := newMockFeed()
	c := &replyClient{a: m}
	go func() {
		m.replies <- 2
	}()
	if _, err := c.init(t.Context()); err != nil {
		t.Fatal(err)
	}
}

// Two values into a buffer of one: the second waits for a receive.
func TestFeedTwice(t *testing.T) {
	m := newMockFeed()
	c := &replyClient{a: m}
	go func() { // want `goroutine is never joined`
		m.replies <- 1
		m.replies <- 2
	}()
	if _, err := c.init(t.Context()); err != nil {
		t.Fatal(err)
	}
}

// A function of another package that waits on a package variable nothing
// there releases never returns: its goroutine does not end on its own.
// One that waits for what the package releases (Resume) may.
func TestPausedGoroutine(t *testing.T) {
	go pauselib.Pause() // want `goroutine running pauselib.Pause is never joined`
}

func TestResumedGoroutine(t *testing.T) {
	go pauselib.Wait()
	pauselib.Resume()
}

// A method that hands a goroutine on with its receiver only when it
// returns nil, its error asserted in place: past require.Error the
// receiver holds nothing. One asserted to succeed holds it.
func TestInitAsserted(t *testing.T) {
	h := new(initHook)
	require.Error(t, h.Init(true))
}

func TestInitSucceeds(t *testing.T) {
	h := new(initHook)
	require.NoError(t, h.Init(false)) // want `the receiver of \(\*initHook\).Init \(its.db\) is not stopped on every path`
}

func TestStartFails(t *testing.T) {
	s := &startSrv{}
	require.Error(t, s.Start(""))
}

func TestStartSucceeds(t *testing.T) {
	s := &startSrv{}
	require.NoError(t, s.Start("localhost:0")) // want `the receiver of \(\*startSrv\).Start is not stopped on every path`
}

// --- A test helper whose goroutine waits on its argument's channel ---

type accPipe interface {
	In() chan<- int
	Out() <-chan int
	Close()
}

type accNative struct{ c chan int }

func (n *accNative) In() chan<- int  { return n.c }
func (n *accNative) Out() <-chan int { return n.c }
func (n *accNative) Close()          { close(n.c) }

// The goroutines pair up through ch: what ends the receive is the send,
// not a stop the test owes by name.
func accConcurrent(t *testing.T, ch accPipe) {
	go func() { ch.In() <- 1 }()
	go func() { <-ch.Out() }()
}

func newAccNative() accPipe { return &accNative{c: make(chan int)} }

func TestAccNative(t *testing.T) {
	ch := newAccNative()
	accConcurrent(t, ch)
}

// --- An engine lent to helpers of another package ---

// Check only reads the engine (its facts say so): nobody closes it.
func TestLenderChecked(t *testing.T) {
	e := lender.New() // want `the result of lender.New is not stopped on every path`
	if !lender.Check(e) {
		t.Error("no addr")
	}
}

// Query lends it on to Check: still borrowed.
func TestLenderQueried(t *testing.T) {
	e := lender.New() // want `the result of lender.New is not stopped on every path`
	if lender.Query(e, []string{"q"}) != 1 {
		t.Error("no answer")
	}
}

func TestLenderClosed(t *testing.T) {
	e := lender.New()
	defer e.Close()
	lender.Check(e)
}

// Pass and Shut close what they are given.
func TestLenderPassed(t *testing.T) {
	e := lender.New()
	lender.Check(e)
	lender.Pass(e)
}

func TestLenderShut(t *testing.T) {
	e := lender.New()
	lender.Shut(e)
}

// A pool keeps it: whoever owns the pool closes it.
func TestLenderPooled(t *testing.T) {
	var p lender.Pool
	p.Add(lender.New())
}

func TestLenderPlanned(t *testing.T) {
	e := lender.New() // want `the result of lender.New is not stopped on every path`
	lender.Plan(t, e)
}

// Later and Async keep e beyond the call: whoever runs them has it.
func TestLenderLater(t *testing.T) {
	e := lender.New()
	if !lender.Later(e)() {
		t.Error("no addr")
	}
}

func TestLenderAsync(t *testing.T) {
	e := lender.New()
	done := make(chan bool, 1)
	lender.Async(e, done)
	<-done
}

func TestLenderPoked(t *testing.T) {
	e := lender.New() // want `the result of lender.New is not stopped on every path`
	lender.Poke(e)
}

// --- The test's context given straight to the goroutine ---

func waitTestCtx(ctx context.Context) { <-ctx.Done() }

type verifier struct{ closed chan struct{} }

func (v *verifier) verify(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-v.closed:
		return nil
	}
}

func (v *verifier) drop() { close(v.closed) }

// go f(t.Context()) is stopped as go f(ctx) after ctx := t.Context() is.
func TestTestCtxArg(t *testing.T) {
	go waitTestCtx(t.Context())
	v := &verifier{closed: make(chan struct{})}
	go v.verify(t.Context())
	v.drop()
}

// Another value's Context() is no test's.
type ctxHolder struct{ ctx context.Context }

func (h *ctxHolder) Context() context.Context { return h.ctx }

func TestHolderCtxArg(t *testing.T) {
	h := &ctxHolder{ctx: context.Background()}
	go waitTestCtx(h.Context()) // want `goroutine running waitTestCtx is never joined`
}
