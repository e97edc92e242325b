package barego

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

func work()             {}
func workErr() error    { return nil }
func use(args ...any)   {}
func handle(c net.Conn) {}

// ---- reported ----

func fireAndForget() {
	go work() // want `goroutine .*is never joined, so it can outlive fireAndForget: run it in a nursery`
}

func fireAndForgetLit(x int) {
	go func() { // want `goroutine .*is never joined`
		use(x)
	}()
}

func earlyReturn(fail bool) error {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // want `goroutine .*is not joined on every path: the return at line \d+ skips wg.Wait\(\)`
		defer wg.Done()
		work()
	}()
	if fail {
		return errors.New("failed")
	}
	wg.Wait()
	return nil
}

func earlyReturnNamed(fail bool) error {
	var wg sync.WaitGroup
	wg.Add(1)
	go worker(&wg) // want `goroutine .*is not joined on every path: the return at line \d+ skips wg.Wait\(\)`
	if fail {
		return errors.New("failed")
	}
	wg.Wait()
	return nil
}

func worker(wg *sync.WaitGroup) { defer wg.Done() }

func doneNotReceivedOnError(fail bool) error {
	done := make(chan struct{})
	go func() { // want `goroutine .*is not joined on every path: the return at line \d+ skips receiving from done`
		defer close(done)
		work()
	}()
	if fail {
		return errors.New("failed")
	}
	<-done
	return nil
}

// Closing a stop channel that every blocking point of the goroutine
// watches stops it, as srv.Shutdown stops srv.Serve.
func quitStops() {
	quit := make(chan struct{})
	go loop(quit)
	close(quit)
}

func loop(quit chan struct{}) {
	for {
		select {
		case <-quit:
			return
		}
	}
}

type server struct {
	quit chan struct{}
}

func (s *server) Start() {
	go s.run() // want `goroutine running s.run blocks for ever: it waits on s.quit \(line \d+\), which nothing in the package closes or sends on`
}

func (s *server) run() { <-s.quit }

func acceptLoop(l net.Listener) error {
	for {
		c, err := l.Accept()
		if err != nil {
			return err
		}
		go handle(c) // want `goroutine .*is never joined`
	}
}

// A loop that ends when the context its caller gave is done is the
// caller's to cancel: one that gives context.Background() never does.
func ctxLoop(ctx context.Context, in <-chan int) {
	go func() { // want `goroutine is handed on to the caller, but ctxLoopForever drops it at line \d+: cancel the context passed there`
		for {
			select {
			case <-ctx.Done():
				return
			case v := <-in:
				use(v)
			}
		}
	}()
}

func ctxLoopForever(in <-chan int) {
	ctxLoop(context.Background(), in) // want `argument 1 of ctxLoop is never cancelled \(context.Background\(\)\)`
}

func ctxLoopCancelled(parent context.Context, in <-chan int) {
	ctx, cancel := context.WithCancel(parent)
	defer cancel()
	ctxLoop(ctx, in)
}

func mainLike() {
	go func() { // want `goroutine .*is never joined`
		log.Println(http.ListenAndServe("localhost:6060", nil))
	}()
}

func unjoinedAfterJoin() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
	}()
	wg.Wait()
	go work() // want `goroutine .*is not joined on every path|never joined`
}

func mixedLoop(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			use(it)
		}()
		go use(it) // want `goroutine .*is never joined, so it can outlive mixedLoop`
	}
	wg.Wait()
}

func init() {
	go work() // want `goroutine .*is never joined, so it can outlive init`
}

func nested() {
	f := func() {
		go work() // want `goroutine .*is never joined, so it can outlive the function literal`
	}
	f()
}

// ---- not reported ----

func waitGroup(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			use(it)
		}()
	}
	wg.Wait()
}

func waitGroupDeferred(items []int) error {
	var wg sync.WaitGroup
	defer wg.Wait()
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			use(it)
		}()
		if it < 0 {
			return errors.New("negative")
		}
	}
	return nil
}

func waitGroupDeferredAfter(fail bool) error {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done() }()
	defer wg.Wait()
	if fail {
		return errors.New("failed")
	}
	return nil
}

func waitGroupGo(items []int) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Go(func() { use(it) })
	}
	wg.Wait()
}

func waitGroupHelper(items []int) {
	var wg sync.WaitGroup
	for range items {
		wg.Add(1)
		go worker(&wg)
	}
	waitTimeout(&wg, time.Second)
}

func waitTimeout(wg *sync.WaitGroup, d time.Duration) { wg.Wait() }

func waitGroupParam(wg *sync.WaitGroup) {
	wg.Add(1)
	go func() {
		defer wg.Done()
	}()
}

func waitGroupCleanup(t interface{ Cleanup(func()) }) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done() }()
	t.Cleanup(func() { wg.Wait() })
}

func fatalOnError(fail bool) {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done() }()
	if fail {
		log.Fatal("failed")
	}
	if !fail {
		panic("unexpected")
	}
	wg.Wait()
}

type pool struct {
	wg   sync.WaitGroup
	jobs chan func()
}

func (p *pool) Start(n int) {
	for i := 0; i < n; i++ {
		p.wg.Add(1)
		go p.worker()
	}
}

func (p *pool) worker() {
	defer p.wg.Done()
	for j := range p.jobs {
		j()
	}
}

func (p *pool) Close() {
	close(p.jobs)
	p.wg.Wait()
}

type owner struct {
	wg   sync.WaitGroup
	quit chan struct{}
}

// The callee's body counts the goroutine in the receiver's WaitGroup.
func (o *owner) Start() { go o.loop() }

func (o *owner) loop() {
	o.wg.Add(1)
	defer o.wg.Done()
	<-o.quit
}

func (o *owner) Close() {
	close(o.quit)
	o.wg.Wait()
}

type closer struct {
	done chan struct{}
}

func (c *closer) Start() {
	go func() {
		defer close(c.done)
		work()
	}()
}

func (c *closer) Wait() { <-c.done }

func errgroupJoin(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { use(ctx, u); return nil })
	}
	return g.Wait()
}

// A group's tasks counted down on a WaitGroup of the function's own, as
// their last act, are joined by its Wait though the group's is never
// called; one that counts down first and then works is not.
func errgroupBatches(items [][]int) {
	var g errgroup.Group
	var wg sync.WaitGroup
	for _, batch := range items {
		wg.Add(len(batch))
		for _, it := range batch {
			g.Go(func() error {
				use(it)
				wg.Done()
				return nil
			})
		}
		wg.Wait()
	}
}

func errgroupDoneFirst(items []int) {
	var g errgroup.Group
	var wg sync.WaitGroup
	wg.Add(len(items))
	for _, it := range items {
		g.Go(func() error { // want `goroutine started by g.Go is never joined, so it can outlive errgroupDoneFirst`
			wg.Done()
			use(it)
			return nil
		})
	}
	wg.Wait()
}

func doneChannel() {
	done := make(chan struct{})
	go func() {
		defer close(done)
		work()
	}()
	<-done
}

func resultChannel() error {
	errc := make(chan error, 1)
	go func() { errc <- workErr() }()
	return <-errc
}

func scatterGather(n int) int {
	results := make(chan int)
	for i := 0; i < n; i++ {
		go func() { results <- i }()
	}
	sum := 0
	for i := 0; i < n; i++ {
		sum += <-results
	}
	return sum
}

func rangeOverClosed(items []int) {
	out := make(chan int)
	go func() {
		defer close(out)
		for _, it := range items {
			out <- it
		}
	}()
	for v := range out {
		use(v)
	}
}

func selectTimeout() error {
	done := make(chan error, 1)
	go func() { done <- workErr() }()
	select {
	case err := <-done:
		return err
	case <-time.After(time.Second):
		return errors.New("timeout")
	}
}

func waiterGoroutine(items []int) <-chan int {
	out := make(chan int)
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out <- it
		}()
	}
	go func() {
		wg.Wait()
		close(out)
	}()
	return out
}

func generator(n int) <-chan int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := range n {
			ch <- i
		}
	}()
	return ch
}

func serverShutdown(ctx context.Context) error {
	srv := &http.Server{Addr: ":8080"}
	go func() {
		if err := srv.ListenAndServe(); err != http.ErrServerClosed {
			log.Print(err)
		}
	}()
	<-ctx.Done()
	return srv.Shutdown(context.WithoutCancel(ctx))
}

func serverDeferClose(l net.Listener) {
	srv := &http.Server{}
	defer srv.Close()
	go srv.Serve(l)
	work()
}

func connReader(c net.Conn) {
	defer c.Close()
	go func() {
		buf := make([]byte, 10)
		for {
			if _, err := c.Read(buf); err != nil {
				return
			}
		}
	}()
	work()
}

func notifyContext() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	done := make(chan struct{})
	go func() {
		defer close(done)
		<-ctx.Done()
	}()
	<-done
}

func afterFunc() {
	t := time.AfterFunc(time.Second, work)
	defer t.Stop()
}

func generic[T any](items []T, f func(T)) {
	var wg sync.WaitGroup
	for _, it := range items {
		wg.Add(1)
		go func(x T) {
			defer wg.Done()
			f(x)
		}(it)
	}
	wg.Wait()
}

type wgEmbed struct {
	sync.WaitGroup
}

func embedded() {
	var w wgEmbed
	w.Add(1)
	go func() { defer w.Done() }()
	w.Wait()
}

func selectLoop(ctx context.Context) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		work()
	}()
	for {
		select {
		case <-done:
			return
		case <-time.After(time.Second):
			log.Print("waiting")
		}
	}
}

func documented() {
	//twine:detached the metrics flusher lives as long as the process
	go work()
	go work() //twine:detached same, on the statement's line
}

func neverReturns() {
	go work()
	go func() { work() }()
	select {}
}

func serveForever(l net.Listener) {
	for {
		c, err := l.Accept()
		if err != nil {
			log.Fatal(err)
		}
		go handle(c)
	}
}

func gracefulMain() {
	srv := &http.Server{Addr: ":8080"}
	go func() {
		if err := srv.ListenAndServe(); err != nil && err != http.ErrServerClosed {
			log.Fatal(err)
		}
	}()
	quit := make(chan os.Signal, 1)
	signal.Notify(quit, os.Interrupt)
	<-quit
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	srv.Shutdown(ctx)
}

func semaphore(items []int) {
	sem := make(chan struct{}, 4)
	wg := new(sync.WaitGroup)
	for _, it := range items {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() {
				<-sem
				wg.Done()
			}()
			use(it)
		}()
	}
	wg.Wait()
}

func firstError(items []int) error {
	errc := make(chan error, len(items))
	for _, it := range items {
		go func() { errc <- check(it) }()
	}
	for range items {
		if err := <-errc; err != nil {
			return err // the others finish into the buffer
		}
	}
	return nil
}

func check(int) error { return nil }

type broker struct {
	subs chan chan int
	quit chan struct{}
	done chan struct{}
}

func newBroker() *broker {
	b := &broker{subs: make(chan chan int), quit: make(chan struct{}), done: make(chan struct{})}
	go b.run()
	return b
}

func (b *broker) run() {
	defer close(b.done)
	<-b.quit
}

func (b *broker) Close() {
	close(b.quit)
	<-b.done
}

type ticker struct {
	stop    chan struct{}
	stopped chan struct{}
}

func (t *ticker) Stop() {
	close(t.stop)
	<-t.stopped
}

func (t *ticker) Start() {
	go func() {
		defer close(t.stopped)
		tk := time.NewTicker(time.Second)
		defer tk.Stop()
		for {
			select {
			case <-tk.C:
				work()
			case <-t.stop:
				return
			}
		}
	}()
}

func testServer(l net.Listener) error {
	srv := &http.Server{}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(l) }()
	defer func() {
		srv.Close()
		<-errc
	}()
	work()
	return nil
}

func handler(w http.ResponseWriter, r *http.Request) {
	go sendEmail(r.FormValue("to")) // want `goroutine .*is never joined, so it can outlive handler`
	w.WriteHeader(http.StatusAccepted)
}

func sendEmail(to string) {}

func sleepIsNotAJoin() {
	go work() // want `goroutine .*is never joined`
	time.Sleep(time.Second)
}

type cache struct{ items map[string]string }

func newCache() *cache {
	c := &cache{}
	go c.janitor() // want `goroutine .*is never joined, so it can outlive newCache`
	return c
}

func (c *cache) janitor() {
	for range time.Tick(time.Minute) {
	}
}

func fetch() int { return 0 }

func selectLeaksUnbuffered(ctx context.Context) (int, error) {
	resc := make(chan int)
	go func() { resc <- fetch() }() // want `goroutine .*is not joined on every path: the return at line \d+ skips receiving from resc`
	select {
	case r := <-resc:
		return r, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

func selectBuffered(ctx context.Context) (int, error) {
	resc := make(chan int, 1)
	go func() { resc <- fetch() }() // the buffer takes the send: it ends on its own
	select {
	case r := <-resc:
		return r, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}

func selectLoopJoins(ctx context.Context) int {
	done := make(chan int)
	go func() { done <- fetch() }()
	for {
		select {
		case r := <-done:
			return r
		case <-time.After(time.Second):
			log.Print("still waiting")
		}
	}
}

type hub struct {
	mu      sync.Mutex
	clients map[chan string]struct{}
}

func (h *hub) broadcast(msg string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		go func() { c <- msg }() // want `goroutine .*is never joined, so it can outlive \(\*hub\).broadcast`
	}
}

func proxy(client net.Conn, addr string) error {
	server, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer server.Close()
	done := make(chan struct{}, 2)
	go func() { copyConn(server, client); done <- struct{}{} }()
	go func() { copyConn(client, server); done <- struct{}{} }()
	<-done
	return nil
}

func copyConn(dst, src net.Conn) {}

func tail(ctx context.Context, lines []string) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		for _, l := range lines {
			select {
			case out <- l:
			case <-ctx.Done():
				return
			}
		}
	}()
	return out
}

func capturedNeverWaited(items []int) {
	var wg sync.WaitGroup
	start := func(c int) {
		wg.Add(1)
		go func() { // want `goroutine .*is never joined: it is counted in wg, which nothing in the package waits on, so it can outlive the function literal`
			defer wg.Done()
			use(c)
		}()
	}
	for _, c := range items {
		start(c)
	}
}

func capturedWaited(items []int) {
	var wg sync.WaitGroup
	start := func(c int) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			use(c)
		}()
	}
	for _, c := range items {
		start(c)
	}
	wg.Wait()
}

func capturedParam(items []int) {
	handle := func(c net.Conn) {
		go func() { // c is the literal's parameter: the caller owns it
			c.Read(nil)
		}()
	}
	_ = handle
}

// --- A join in a local closure, run where it is called ---

// Not reported: the deferred closure closes the input and waits.
func closureJoinDeferred(items []int) {
	in := make(chan int)
	var wg sync.WaitGroup
	finish := func() {
		close(in)
		wg.Wait()
	}
	defer finish()
	wg.Go(func() {
		for range in {
		}
	})
	for _, it := range items {
		in <- it
	}
}

// Not reported: the same under a sync.Once, also called in place.
func closureJoinOnce(items []int) int {
	errc := make(chan error, 8)
	errDone := make(chan struct{})
	var once sync.Once
	finish := func() {
		once.Do(func() {
			close(errc)
			<-errDone
		})
	}
	defer finish()
	n := 0
	go func() {
		for range errc {
			n++
		}
		errDone <- struct{}{}
	}()
	for range items {
		errc <- nil
	}
	finish()
	return n
}

// Reported: the closure that waits runs on one path only.
func closureJoinOnePath(items []int, fail bool) error {
	in := make(chan int)
	var wg sync.WaitGroup
	finish := func() {
		close(in)
		wg.Wait()
	}
	wg.Go(func() { // want `goroutine started by wg.Go is not joined on every path`
		for range in {
		}
	})
	if fail {
		return errors.New("failed")
	}
	for _, it := range items {
		in <- it
	}
	finish()
	return nil
}

// Reported: the deferred closure closes the input but takes no result.
func closureNoJoin(items []int) int {
	errc := make(chan error, 8)
	errDone := make(chan struct{})
	finish := func() { close(errc) }
	defer finish()
	n := 0
	go func() { // want `goroutine is never joined`
		for range errc {
			n++
		}
		errDone <- struct{}{}
	}()
	for range items {
		errc <- nil
	}
	return n
}

// --- A join registered with a keeper that runs it later ---

type cleanupApp struct {
	cleanups []func()
	named    []namedCleanup
}

type namedCleanup struct {
	name string
	stop func() error
}

func (a *cleanupApp) onStop(f func()) { a.cleanups = append(a.cleanups, f) }

// The literal it appends holds f: f is kept.
func (a *cleanupApp) onStopNamed(name string, f func() error) {
	a.named = append(a.named, namedCleanup{name: name, stop: f})
}

func (a *cleanupApp) Stop() {
	for i := len(a.cleanups) - 1; i >= 0; i-- {
		a.cleanups[i]()
	}
}

func describe(f func()) string { return fmt.Sprint(f != nil) }

// Not reported: Stop runs the join the app keeps.
func (a *cleanupApp) startMaintenance(work func(<-chan struct{})) {
	stop := make(chan struct{})
	var wg sync.WaitGroup
	a.onStop(func() {
		close(stop)
		wg.Wait()
	})
	wg.Go(func() { work(stop) })
}

func (a *cleanupApp) startLoop(tick <-chan time.Time) {
	stop := make(chan struct{})
	done := make(chan struct{})
	a.onStop(func() {
		close(stop)
		<-done
	})
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				return
			case <-tick:
			}
		}
	}()
}

func (a *cleanupApp) startNamed(work func(<-chan struct{})) {
	stop := make(chan struct{})
	var wg sync.WaitGroup
	a.onStopNamed("maintenance", func() error {
		close(stop)
		wg.Wait()
		return nil
	})
	wg.Go(func() { work(stop) })
}

// Reported: the registered closure stops but does not wait.
func (a *cleanupApp) startUnwaited(work func(<-chan struct{})) {
	stop := make(chan struct{})
	var wg sync.WaitGroup
	a.onStop(func() { close(stop) })
	wg.Go(func() { work(stop) }) // want `goroutine started by wg.Go is never joined`
}

// Reported: describe does not keep what it is given.
func (a *cleanupApp) startDescribed(work func(<-chan struct{})) {
	stop := make(chan struct{})
	var wg sync.WaitGroup
	describe(func() {
		close(stop)
		wg.Wait()
	})
	wg.Go(func() { work(stop) }) // want `goroutine started by wg.Go is never joined`
}

// --- A goroutine and its join under the same flag ---

// Not reported: every path that starts it passes the join, want being
// the same both times.
func collectIf(items []int, want bool) []int {
	var out []int
	var done chan struct{}
	q := make(chan int)
	if want {
		done = make(chan struct{})
		go func() {
			defer close(done)
			for v := range q {
				out = append(out, v)
			}
		}()
	}
	for _, v := range items {
		if want {
			q <- v
		}
	}
	if want {
		close(q)
		<-done
	}
	return out
}

// Reported: the result is taken under another flag.
func sumIfOther(items []int, want, wait bool) int {
	res := make(chan int)
	if want {
		go func() { // want `goroutine is not joined on every path`
			n := 0
			for _, v := range items {
				n += v
			}
			res <- n
		}()
	}
	if wait {
		return <-res
	}
	return 0
}

// --- A channel given to a sibling that can only send on it ---

func fetchPart(name string, out chan<- []string, errc chan<- error) {
	var err error
	if name == "" {
		err = errors.New("no name")
	}
	errc <- err
	out <- []string{name}
}

// Reported, all four: the first error returns with the others blocked;
// the later go statements only send on the channels, they take nothing.
func fetchParts() ([]string, error) {
	var all []string
	aCh := make(chan []string)
	bCh := make(chan []string)
	errc := make(chan error)
	go fetchPart("a1", aCh, errc) // want `goroutine running fetchPart is not joined on every path: the return at line \d+ skips receiving from aCh`
	go fetchPart("a2", aCh, errc) // want `goroutine running fetchPart is not joined on every path: the return at line \d+ skips receiving from aCh`
	go fetchPart("b1", bCh, errc) // want `goroutine running fetchPart is not joined on every path: the return at line \d+ skips receiving from bCh`
	go fetchPart("", bCh, errc)   // want `goroutine running fetchPart is not joined on every path: the return at line \d+ skips receiving from bCh`
	n := 4
	for {
		select {
		case err := <-errc:
			if err != nil {
				return nil, err
			}
		case x := <-aCh:
			n--
			all = append(all, x...)
		case x := <-bCh:
			n--
			all = append(all, x...)
		}
		if n == 0 {
			break
		}
	}
	return all, nil
}

func producePart(out chan<- int) {
	defer close(out)
	for i := range 3 {
		out <- i
	}
}

// Not reported: the producer, given the channel to send on, closes it,
// which ends the consumer's range.
func consumeParts() int {
	ch := make(chan int)
	sum := make(chan int, 1)
	go func() {
		n := 0
		for v := range ch {
			n += v
		}
		sum <- n
	}()
	go producePart(ch)
	return <-sum
}

// Not reported: the consumer ends when the producer it hands ch to closes
// it (the producer itself sends to the consumer).
func drainParts() {
	ch := make(chan int)
	go func() {
		for range ch {
		}
	}()
	go producePart(ch)
}
