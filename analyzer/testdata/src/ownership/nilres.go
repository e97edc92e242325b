package ownership

import "errors"

// --- A result checked against nil before its stop: a nil one holds nothing ---

type nilConn struct{ quit chan struct{} }

func dialNil() *nilConn {
	c := &nilConn{quit: make(chan struct{})}
	go func() { <-c.quit }() // want `goroutine is handed on to the caller, but runNilWrongBranch drops it at line 40`
	return c
}

func (c *nilConn) Close() { close(c.quit) }

type nilServer struct{ nc *nilConn }

func (s *nilServer) Shutdown() { s.nc.Close() }

// runNil cleans up after itself and returns nil when it fails.
func runNil(fail bool) (*nilServer, error) {
	s := &nilServer{nc: dialNil()}
	if fail {
		s.Shutdown()
		return nil, errors.New("fail")
	}
	return s, nil
}

func runNilChecked() error {
	s, err := runNil(false)
	if s != nil {
		s.Shutdown()
	}
	return err
}

func runNilWrongBranch() error {
	s, err := runNil(false) // want `the result of runNil \(its.nc\) is not stopped on every path`
	if s == nil {
		return err
	}
	if err != nil {
		s.Shutdown()
	}
	return err
}
