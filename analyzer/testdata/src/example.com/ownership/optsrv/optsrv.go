// Package optsrv is a server configured by functional options, one of
// which decides whether it starts worker goroutines at all.
package optsrv

import "sync"

type options struct {
	workers int
	name    string
}

var defaults = options{name: "srv"}

// An Option configures a Server.
type Option interface{ apply(*options) }

type funcOption struct{ f func(*options) }

func (o *funcOption) apply(opts *options) { o.f(opts) }

func newFuncOption(f func(*options)) Option { return &funcOption{f: f} }

// Workers makes the server run n workers.
func Workers(n int) Option {
	return newFuncOption(func(o *options) { o.workers = n })
}

// Named names the server.
func Named(name string) Option {
	return newFuncOption(func(o *options) { o.name = name })
}

// Busy is Workers(8).
func Busy() Option { return Workers(8) }

// Server runs tasks on its workers, if it has any.
type Server struct {
	opts options
	work chan func()
	once sync.Once
}

// NewServer starts the workers Workers asks for.
func NewServer(opt ...Option) *Server {
	o := defaults
	for _, f := range opt {
		f.apply(&o)
	}
	s := &Server{opts: o}
	if s.opts.workers > 0 {
		s.startWorkers()
	}
	return s
}

func (s *Server) startWorkers() {
	s.work = make(chan func())
	for range s.opts.workers {
		go s.worker()
	}
}

func (s *Server) worker() {
	for f := range s.work {
		f()
	}
}

// Stop ends the workers.
func (s *Server) Stop() {
	s.once.Do(func() {
		if s.work != nil {
			close(s.work)
		}
	})
}
