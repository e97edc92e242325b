package ownership

import (
	"context"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"example.com/ownership/keeper"
	"example.com/ownership/spin"
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
