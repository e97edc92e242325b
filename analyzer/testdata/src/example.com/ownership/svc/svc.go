// Package svc starts a service behind an interface: its dispatcher runs
// until Stop.
package svc

// Service is a running service.
type Service interface {
	Stop() error
	Name() string
}

type service struct{ quit chan struct{} }

// Start starts the dispatcher.
func Start() (Service, error) {
	s := &service{quit: make(chan struct{})}
	go s.dispatch()
	return s, nil
}

func (s *service) dispatch() { <-s.quit }

func (s *service) Stop() error {
	close(s.quit)
	return nil
}

func (s *service) Name() string { return "svc" }
