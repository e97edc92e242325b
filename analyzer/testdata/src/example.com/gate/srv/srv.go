// Package srv is a server whose signal goroutine is off when its options
// say NoSigs: a caller that builds it from such options starts none, and
// owes nothing for it.
package srv

import (
	"io"
	"os"
	"os/signal"
	"time"
)

type Options struct {
	Port   int
	NoSigs bool
	Watch  bool
}

type Server struct {
	opts   *Options
	quit   chan struct{}
	events chan string
}

func New(opts *Options) *Server { // want New:`own\(fresh; starts; owes stop Shutdown result0 for \S+:29 if param0\.Watch is true; owes stop Shutdown result0 for \S+:45 if param0\.NoSigs is false\)`
	s := &Server{opts: opts, quit: make(chan struct{}), events: make(chan string)}
	s.handleSignals()
	if opts.Watch {
		go s.watch()
	}
	return s
}

func (s *Server) getOpts() *Options {
	opts := s.opts
	return opts
}

func (s *Server) handleSignals() {
	if s.getOpts().NoSigs {
		return
	}
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt)
	go func() { // want `goroutine is handed on to the caller, but loud drops it at line \d+: call its Shutdown method there`
		for {
			select {
			case <-c:
			case <-s.quit:
				return
			}
		}
	}()
}

func (s *Server) watch() {
	for {
		select {
		case e := <-s.events:
			_ = e
		case <-s.quit:
			return
		}
	}
}

// Shutdown stops the server's goroutines.
func (s *Server) Shutdown() { close(s.quit) } // want Shutdown:`own\(close recv\.quit\)`

var testOptions = Options{Port: -1, NoSigs: true}

// DefaultOptions are options for tests: no signals.
func DefaultOptions() *Options { // want DefaultOptions:`own\(fresh\)`
	return &Options{Port: -1, NoSigs: true}
}

func quiet() {
	opts := testOptions
	s := New(&opts)
	_ = s
}

func quietDefaults() {
	s := New(DefaultOptions())
	_ = s
}

func loud() {
	opts := testOptions
	opts.NoSigs = false
	s := New(&opts) // want `the result of New is not stopped on every path`
	_ = s
}

// A Cleaner sweeps every Interval, and starts no goroutine when its
// config leaves Interval at zero; a negative Size is refused first.
type CleanConfig struct {
	Size     int
	Interval time.Duration
}

type Cleaner struct {
	cfg  CleanConfig
	stop chan struct{}
}

func NewCleaner(cfg CleanConfig) *Cleaner { // want NewCleaner:`own\(fresh; starts; owes stop Close result0 for \S+:113 if \(param0\.Interval > 0\) is true and if \(param0\.Size < 0\) is false\)`
	if cfg.Size < 0 {
		return nil
	}
	c := &Cleaner{cfg: cfg, stop: make(chan struct{})}
	if cfg.Interval > 0 {
		go func() { // want `goroutine is handed on to the caller, but cleanCopyOn drops it`
			t := time.NewTicker(cfg.Interval)
			defer t.Stop()
			for {
				select {
				case <-c.stop:
					return
				case <-t.C:
				}
			}
		}()
	}
	return c
}

func (c *Cleaner) Close() { close(c.stop) } // want Close:`own\(close recv.stop\)`

// A Batcher starts its loop only when its timeout is not zero; New sets
// the timeout from its argument, so New(0) starts nothing.
type Batcher struct {
	timeout int
	in      chan int
	done    chan struct{}
}

func newBatcher(timeout int) *Batcher { return &Batcher{timeout: timeout, done: make(chan struct{})} }

func (b *Batcher) run(v int) {
	if b.timeout == 0 {
		return
	}
	if b.in == nil {
		b.in = make(chan int)
		go b.loop() // want `goroutine running b.loop is handed on to the caller, but batchEvery drops it`
	}
	b.in <- v
}

func (b *Batcher) loop() {
	for {
		select {
		case <-b.in:
		case <-b.done:
			return
		}
	}
}

func (b *Batcher) stop() { close(b.done) }

func batchNever() {
	b := newBatcher(0)
	b.run(1)
}

func batchEvery() {
	b := newBatcher(5)
	b.run(1) // want `the receiver of \(\*Batcher\).run is not stopped on every path`
}

// A Client sniffs unless an option turns it off: the field is on by
// default, and SetSniff sets it from its argument.
type Client struct {
	sniff bool
	stop  chan struct{}
}

type ClientOption func(*Client)

func SetSniff(enabled bool) ClientOption { return func(c *Client) { c.sniff = enabled } }

func NewClient(opts ...ClientOption) *Client { return dialClient(opts...) } // want NewClient:`own\(owes stop Stop result0 for \S+:192 unless param0 turns it off with SetSniff\(false\)\)`

func dialClient(opts ...ClientOption) *Client {
	c := &Client{sniff: true, stop: make(chan struct{})}
	for _, o := range opts {
		o(c)
	}
	if c.sniff {
		go c.sniffer()
	}
	return c
}

func (c *Client) sniffer() {
	<-c.stop
}

func (c *Client) Stop() { close(c.stop) } // want Stop:`own\(close recv.stop\)`

// A copy of the config with one field changed keeps the others: the
// cleaner's Interval is still the literal's zero.
func (c CleanConfig) withSize(n int) CleanConfig {
	c.Size = n
	return c
}

func (c CleanConfig) withInterval(d time.Duration) CleanConfig {
	c.Interval = d
	return c
}

func defaultCleanConfig() CleanConfig { return CleanConfig{Size: 4, Interval: time.Second} }

func cleanCopy() {
	_ = NewCleaner(CleanConfig{Size: 4}.withSize(8))
}

func cleanCopyOn() {
	_ = NewCleaner(CleanConfig{Size: 4}.withInterval(time.Second)) // want `the result of NewCleaner is assigned to _`
}

// Interval set to zero before the call, on every path: nothing starts.
func cleanFieldOff() {
	cfg := defaultCleanConfig()
	cfg.Interval = 0
	_ = NewCleaner(cfg)
}

// Set to zero on one path only: the default starts the cleaner.
func cleanFieldMaybe(off bool) {
	cfg := defaultCleanConfig()
	if off {
		cfg.Interval = 0
	}
	_ = NewCleaner(cfg) // want `the result of NewCleaner is assigned to _`
}

// Set to zero after the call: too late.
func cleanFieldLate() {
	cfg := defaultCleanConfig()
	c := NewCleaner(cfg) // want `the result of NewCleaner is not stopped on every path`
	cfg.Interval = 0
	_ = c
}

// A Tracker acks at once when its options allow at most one pending ack,
// and then starts nothing; otherwise it flushes on a ticker when MaxTime
// is set. The early return and the if around the go statement both gate
// the goroutine: a caller whose options fail either starts nothing.
type TrackerOptions struct {
	MaxSize int
	MaxTime time.Duration
}

type Tracker struct {
	exit chan struct{}
}

func NewTracker(opts *TrackerOptions) *Tracker { // want NewTracker:`own\(fresh; starts; owes stop Close result0 for \S+:271 if \(param0\.MaxTime > 0\) is true and if \(param0\.MaxSize <= 1\) is false\)`
	if opts == nil {
		opts = &TrackerOptions{MaxSize: 1000, MaxTime: time.Second}
	}
	if opts.MaxSize <= 1 {
		return &Tracker{}
	}
	t := &Tracker{exit: make(chan struct{})}
	if opts.MaxTime > 0 {
		go func() { // want `goroutine is handed on to the caller, but trackerTableOn drops it`
			tick := time.NewTicker(opts.MaxTime)
			defer tick.Stop()
			for {
				select {
				case <-t.exit:
					return
				case <-tick.C:
				}
			}
		}()
	}
	return t
}

func (t *Tracker) Close() { // want Close:`own\(close recv.exit\)`
	if t.exit != nil {
		close(t.exit)
	}
}

// Every row of the table acks at once: nothing starts.
func trackerTable() {
	for _, opt := range []TrackerOptions{{MaxSize: 0, MaxTime: time.Hour}, {MaxSize: 1, MaxTime: time.Hour}} {
		_ = NewTracker(&opt)
	}
}

// The rows named in a local, and the call in a closure of the loop.
func trackerTableLocal(run func(func())) {
	rows := []TrackerOptions{{MaxSize: 1000}, {MaxSize: 10}}
	for _, opt := range rows {
		run(func() { _ = NewTracker(&opt) })
	}
}

// One row batches with a ticker, and nothing closes its tracker.
func trackerTableOn() {
	rows := map[string]TrackerOptions{"immediate": {MaxSize: 1}, "timed": {MaxSize: 10, MaxTime: time.Hour}}
	for _, opt := range rows {
		_ = NewTracker(&opt) // want `the result of NewTracker is assigned to _`
	}
}

// A row changed in the loop, or replaced, is not the table's.
func trackerTableChanged() {
	for _, opt := range []TrackerOptions{{MaxSize: 1}} {
		opt.MaxSize = 100
		opt.MaxTime = time.Second
		_ = NewTracker(&opt) // want `the result of NewTracker is assigned to _`
	}
	for _, opt := range []TrackerOptions{{MaxSize: 1}} {
		opt = TrackerOptions{MaxSize: 100, MaxTime: time.Second}
		_ = NewTracker(&opt) // want `the result of NewTracker is assigned to _`
	}
}

// Test cases that hold the options in a field.
func trackerCases() {
	cases := []struct {
		name string
		opts TrackerOptions
	}{
		{"zero", TrackerOptions{}},
		{"one", TrackerOptions{MaxSize: 1, MaxTime: time.Minute}},
		{"untimed", TrackerOptions{MaxSize: 50}},
	}
	for _, tc := range cases {
		_ = NewTracker(&tc.opts)
	}
}

// A root that ticks only for a positive period, returned twice: as the
// scope and as the io.Closer that stops it.
type Root struct {
	done chan struct{}
}

func (r *Root) Close() error { // want Close:`own\(close recv.done; fresh; never fails\)`
	close(r.done)
	return nil
}

func (r *Root) tick(period time.Duration) {
	t := time.NewTicker(period)
	defer t.Stop()
	for {
		select {
		case <-t.C:
		case <-r.done:
			return
		}
	}
}

func buildRoot(period time.Duration) *Root {
	r := &Root{done: make(chan struct{})}
	if period > 0 {
		go r.tick(period) // want `goroutine running r.tick is handed on to the caller, but rootDropped drops it`
	}
	return r
}

func OpenRoot(period time.Duration) (*Root, io.Closer) { // want OpenRoot:`own\(owes stop Close result0 for \S+:369 if \(param0 > 0\) is true\)`
	r := buildRoot(period)
	return r, r
}

// A test root never ticks.
func TestRoot() *Root { return buildRoot(0) }

func rootZero() {
	r, _ := OpenRoot(0)
	_ = r
	_ = TestRoot()
}

func rootClosedByTwin() {
	r, closer := OpenRoot(time.Second)
	defer closer.Close()
	_ = r
}

func rootDropped() {
	r, _ := OpenRoot(time.Second) // want `the result of OpenRoot is not stopped on every path`
	_ = r
}

// A helper hands back a stop function that closes the twin.
func rootFixture() (*Root, func()) {
	r, closer := OpenRoot(time.Second)
	return r, func() { closer.Close() }
}

func rootWithFixture() {
	r, stop := rootFixture()
	defer stop()
	_ = r
}

// A period reassigned before the check decides nothing for the caller.
func buildRootDefault(period time.Duration) *Root {
	r := &Root{done: make(chan struct{})}
	if period == 0 {
		period = time.Second
	}
	if period > 0 {
		go r.tick(period) // want `goroutine running r.tick is handed on to the caller, but rootDefaultZero drops it`
	}
	return r
}

func rootDefaultZero() {
	_ = buildRootDefault(0) // want `the result of buildRootDefault is assigned to _`
}

// A Pool refreshes its shards only when the cluster part of its options
// asks for it: a field of a struct field, left at zero when the caller's
// literal does not set the part at all.
type ClusterOptions struct {
	RefreshInterval time.Duration
}

type PoolOptions struct {
	Addrs   []string
	Cluster ClusterOptions
}

type Pool struct {
	stop chan struct{}
}

func NewPool(opt PoolOptions) *Pool { // want NewPool:`own\(fresh; starts; owes stop Close result0 for \S+:\d+ if \(param0\.Cluster\.RefreshInterval > 0\) is true\)`
	p := &Pool{stop: make(chan struct{})}
	if opt.Cluster.RefreshInterval > 0 {
		go func() {
			t := time.NewTicker(opt.Cluster.RefreshInterval)
			defer t.Stop()
			for {
				select {
				case <-p.stop:
					return
				case <-t.C:
				}
			}
		}()
	}
	return p
}

func (p *Pool) Close() { close(p.stop) } // want Close:`own\(close recv.stop\)`

// A Feed polls only when both its flags ask for it, and a Mirror syncs
// unless either of its flags says not to.
type FeedOptions struct {
	Poll, Remote bool
}

type Feed struct{ stop chan struct{} }

func NewFeed(opt FeedOptions) *Feed { // want NewFeed:`own\(fresh; starts; owes stop Close result0 for \S+:\d+ if param0\.Poll is true and if param0\.Remote is true\)`
	f := &Feed{stop: make(chan struct{})}
	if opt.Poll && opt.Remote {
		go func() { <-f.stop }()
	}
	return f
}

func (f *Feed) Close() { close(f.stop) } // want Close:`own\(close recv.stop\)`

type MirrorOptions struct {
	ReadOnly, Offline bool
}

type Mirror struct{ stop chan struct{} }

func NewMirror(opt MirrorOptions) *Mirror { // want NewMirror:`own\(fresh; starts; owes stop Close result0 for \S+:\d+ if param0\.ReadOnly is false and if param0\.Offline is false\)`
	m := &Mirror{stop: make(chan struct{})}
	if opt.ReadOnly || opt.Offline {
		return m
	}
	go func() { <-m.stop }()
	return m
}

func (m *Mirror) Close() { close(m.stop) } // want Close:`own\(close recv.stop\)`

// A Conn reads in the background only when its options ask for events or
// for async writes, and only when it is not made for synchronous use; it
// keeps the event callback in a field of its own, set after the literal
// that makes it.
type ConnOptions struct {
	OnEvent func(string)
	Async   bool
	Legacy  bool
	Buffer  int
}

type Conn struct {
	onEvent func(string)
	queue   chan string
	stop    chan struct{}
}

func newConn(opt *ConnOptions, sync bool) (c *Conn, err error) {
	c = &Conn{}
	if c.stop, err = makeStop(); err != nil {
		return nil, err
	}
	if !sync {
		c.queue = make(chan string, opt.Buffer)
	}
	if !opt.Legacy {
		c.onEvent = opt.OnEvent
	}
	if !sync {
		if c.onEvent != nil || opt.Async {
			c.background()
		}
	}
	return c, nil
}

func makeStop() (chan struct{}, error) { return make(chan struct{}), nil }

func (c *Conn) background() {
	if c.queue != nil {
		go c.loop()
	}
}

func (c *Conn) loop() {
	for {
		select {
		case <-c.queue:
		case <-c.stop:
			return
		}
	}
}

func (c *Conn) Close() { close(c.stop) } // want Close:`own\(close recv.stop\)`

func NewConn(opt *ConnOptions) (*Conn, error) { // want NewConn:`own\(owes stop Close result0 for \S+:\d+ if one of \(\(param0\.OnEvent != nil\) is true or param0\.Async is true\)\)`
	return newConn(opt, false)
}

// A Relay forwards only when its hook is unset; the hook may be set
// after the check, so nothing is known of it there.
type Relay struct {
	hook func(string)
	stop chan struct{}
}

func NewRelay(opt *ConnOptions) *Relay { // want NewRelay:`own\(fresh; starts; owes stop Close result0 for \S+:\d+\)`
	r := &Relay{stop: make(chan struct{})}
	if r.hook == nil || opt.Async {
		go func() { <-r.stop }() // want `goroutine is handed on to the caller, but relayOff drops it`
	}
	r.hook = opt.OnEvent
	return r
}

func (r *Relay) Close() { close(r.stop) } // want Close:`own\(close recv.stop\)`

func relayOff() {
	_ = NewRelay(&ConnOptions{OnEvent: func(string) {}}) // want `the result of NewRelay is assigned to _`
}
