// Package harness keeps a service in a field and stops it in its Close,
// through the interface.
package harness

import "example.com/ownership/svc"

// Harness holds a running service.
type Harness struct {
	svc  svc.Service
	port int
}

// New starts the service.
func New() (*Harness, error) {
	h := &Harness{port: 4222}
	var err error
	h.svc, err = svc.Start()
	if err != nil {
		return nil, err
	}
	return h, nil
}

// Port is the harness's port.
func (h *Harness) Port() int { return h.port }

// Close stops the service.
func (h *Harness) Close() {
	_ = h.svc.Stop()
}
