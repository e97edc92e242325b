package realworld

import (
	"context"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
)

// --- test methods run by a reflection-based suite runner (grpc's
// grpctest.RunSubTests runs every method `func (s) TestFoo(t *testing.T)`
// as t.Run("Foo", ...); testify's suite.Run, every `TestFoo()`) ---

const (
	defaultTestTimeout      = 10 * time.Second
	defaultTestShortTimeout = 10 * time.Millisecond
)

type s struct{}

func runSubTests(t *testing.T, x any) {
	v := reflect.ValueOf(x)
	for i := 0; i < v.NumMethod(); i++ {
		name := v.Type().Method(i).Name
		if !strings.HasPrefix(name, "Test") {
			continue
		}
		if f, ok := v.Method(i).Interface().(func(*testing.T)); ok {
			t.Run(strings.TrimPrefix(name, "Test"), f)
		}
	}
}

func Test(t *testing.T) { runSubTests(t, s{}) }

func waitForUpdate(ctx context.Context) error { return nil }

func (s) TestBalancerClose(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), defaultTestTimeout)
	defer cancel()
	_ = waitForUpdate(ctx)
	pctx, pcancel := context.WithCancel(context.Background()) // the test's own root
	defer pcancel()
	_ = waitForUpdate(pctx)
	helper := func() {
		_ = waitForUpdate(context.Background()) // want `detaches this work from ctx`
	}
	helper()
}

func (s) TestsAreNotThis(ctx context.Context) {
	_ = waitForUpdate(context.Background()) // want `detaches this work from ctx`
}

func (s) Testify(t *testing.T) {
	ctx := t.Context()
	_ = waitForUpdate(ctx)
	_ = waitForUpdate(context.Background()) // want `detaches this work from ctx`
}

func (s) TestWithResult(t *testing.T) error {
	ctx := t.Context()
	return waitForUpdate(context.WithoutCancel(ctx)) // want `call to context.WithoutCancel detaches`
}

type commitSuite struct{ ctx context.Context }

func (cs *commitSuite) TestCommit() {
	ctx := cs.ctx
	_ = waitForUpdate(ctx)
	_ = waitForUpdate(context.Background()) // testify runs it as a subtest
}

// --- a test helper's short-lived probe with a deadline of its own (grpc's
// testRoundRobinBasic, verifyCertProviderNotCreated) ---

func expectNoUpdate(ctx context.Context, t *testing.T) {
	_ = waitForUpdate(ctx)
	sCtx, sCancel := context.WithTimeout(context.Background(), defaultTestShortTimeout) // bounded: it cannot hang the test
	defer sCancel()
	if err := waitForUpdate(sCtx); err == nil {
		t.Fatal("unexpected update")
	}
}

func verifyNotCreated() error {
	sCtx, sCancel := context.WithTimeout(context.Background(), defaultTestShortTimeout)
	defer sCancel()
	_ = waitForUpdate(sCtx)
	sCtx, sCancel = context.WithTimeout(context.Background(), defaultTestShortTimeout)
	defer sCancel()
	return waitForUpdate(sCtx)
}

func helperUnbounded(ctx context.Context, t *testing.T) {
	_ = waitForUpdate(ctx)
	if err := waitForUpdate(context.Background()); err != nil { // want `detaches this work from ctx`
		t.Fatal(err)
	}
}

func helperCancelOnly(ctx context.Context, t *testing.T) {
	pctx, cancel := context.WithCancel(context.Background()) // want `detaches this work from ctx`
	defer cancel()
	_ = waitForUpdate(pctx)
}

// --- a test that can only end in t.Fatal (nats-server's
// TestNoRaceJetStreamClusterF3Setup): its goroutines outlive it ---

func TestStressEndsInFatal(t *testing.T) {
	if testing.Short() {
		t.Skip("long")
		return
	}
	c := &cluster{}
	defer c.shutdown()
	errCh := make(chan error, 1)
	go func() { // want `goroutine .*is never joined, so it can outlive TestStressEndsInFatal`
		t.Logf("monitor on %s", c.randomServer())
	}()
	select {
	case err := <-errCh:
		t.Fatal(err)
	case <-time.After(time.Minute):
		t.Fatal("no completion")
	}
}

func TestWaitsThenFatal(t *testing.T) {
	if testing.Short() {
		return
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done() }() // waited for before the only end
	wg.Wait()
	t.Fatal("always fails")
}

func TestFatalBeforeWait(t *testing.T) {
	if testing.Short() {
		return
	}
	errCh := make(chan error, 1)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); t.Log("working") }() // want `goroutine .*is not joined on every path: the call to t.Fatal at line \d+ ends TestFatalBeforeWait without wg.Wait\(\)`
	select {
	case err := <-errCh:
		t.Fatal(err)
	default:
	}
	wg.Wait()
	t.Fatal("always fails")
}
