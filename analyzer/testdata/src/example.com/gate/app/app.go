// Package app builds servers of package srv with options that keep their
// signal goroutine off, or not.
package app

import (
	"context"
	"time"

	"example.com/gate/srv"
)

var options = srv.Options{NoSigs: true}

func FromLiteral() {
	s := srv.New(&srv.Options{NoSigs: true})
	_ = s
}

func FromVariable() {
	opts := options
	s := srv.New(&opts)
	_ = s
}

// setup passes its options on: its callers decide.
func setup(o srv.Options) *srv.Server {
	return srv.New(&o)
}

func ThroughSetup() {
	s := setup(options)
	_ = s
}

func SignalsOn() {
	s := srv.New(&srv.Options{}) // want `the result of srv.New is not stopped on every path`
	_ = s
}

func SignalsOnThroughSetup() {
	s := setup(srv.Options{Port: 1}) // want `the result of setup is not stopped on every path`
	_ = s
}

// The signals are off, but the watcher is on.
func Watching() {
	s := srv.New(&srv.Options{NoSigs: true, Watch: true}) // want `the result of srv.New is not stopped on every path`
	_ = s
}

func WatchingStopped() {
	s := srv.New(&srv.Options{NoSigs: true, Watch: true})
	defer s.Shutdown()
}

// A cleaner whose config leaves Interval at zero starts nothing.
func cleanNever() *srv.CleanConfig {
	c := srv.NewCleaner(srv.CleanConfig{Size: 4})
	_ = c
	return nil
}

func cleanZero() {
	_ = srv.NewCleaner(srv.CleanConfig{Size: 4, Interval: 0})
}

func cleanEvery() {
	_ = srv.NewCleaner(srv.CleanConfig{Size: 4, Interval: time.Second}) // want `the result of srv.NewCleaner is assigned to _`
}

// SetSniff(false) keeps the sniffer from starting, through NewClient's
// options passed on to the function that starts it.
func sniffOff() {
	_ = srv.NewClient(srv.SetSniff(false))
}

func sniffOn() {
	_ = srv.NewClient(srv.SetSniff(true)) // want `the result of srv.NewClient is assigned to _`
}

func sniffDefault() {
	_ = srv.NewClient() // want `the result of srv.NewClient is assigned to _`
}

func sniffOffThenOn() {
	_ = srv.NewClient(srv.SetSniff(false), srv.SetSniff(true)) // want `the result of srv.NewClient is assigned to _`
}

func poolNoCluster() {
	_ = srv.NewPool(srv.PoolOptions{Addrs: []string{"a"}})
}

func poolClusterZero() {
	_ = srv.NewPool(srv.PoolOptions{Cluster: srv.ClusterOptions{}})
}

func poolRefreshing() {
	_ = srv.NewPool(srv.PoolOptions{Cluster: srv.ClusterOptions{RefreshInterval: time.Second}}) // want `the result of srv.NewPool is assigned to _`
}

func feedLocal() {
	_ = srv.NewFeed(srv.FeedOptions{Poll: true})
}

func feedRemote() {
	_ = srv.NewFeed(srv.FeedOptions{Poll: true, Remote: true}) // want `the result of srv.NewFeed is assigned to _`
}

func mirrorOffline() {
	_ = srv.NewMirror(srv.MirrorOptions{Offline: true})
}

func mirrorOnline() {
	_ = srv.NewMirror(srv.MirrorOptions{}) // want `the result of srv.NewMirror is assigned to _`
}

// connSetup passes its options on: its callers decide whether the conn
// reads in the background.
func connSetup(opt srv.ConnOptions) *srv.Conn {
	c, err := srv.NewConn(&opt)
	if err != nil {
		return nil
	}
	return c
}

func connQuiet() {
	_ = connSetup(srv.ConnOptions{Buffer: 4})
}

func connNilEvents() {
	_ = connSetup(srv.ConnOptions{OnEvent: nil, Async: false})
}

func connEvents() {
	_ = connSetup(srv.ConnOptions{OnEvent: func(string) {}}) // want `the result of connSetup is assigned to _`
}

func connAsync() {
	_ = connSetup(srv.ConnOptions{Async: true}) // want `the result of connSetup is assigned to _`
}

var connDefaults = srv.ConnOptions{Buffer: 8}

func connFromDefaults() {
	c, _ := srv.NewConn(&connDefaults)
	_ = c
}

// A context without a browser fails at once; one that carries it starts
// the listener, which its context's cancel stops.
func listenInvalid() error {
	return srv.Listen(context.Background())
}

func watchInvalid() {
	srv.Watch(context.TODO())
}

func listenDetached(ctx context.Context) error {
	bctx, cancel := srv.WithBrowser(ctx)
	defer cancel()
	if err := srv.Listen(bctx); err != nil {
		return err
	}
	return srv.Listen(context.WithoutCancel(bctx)) // want `argument 1 of srv.Listen is never cancelled` `detaches this work from the cancellation of bctx`
}
