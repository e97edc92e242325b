package ownership

import (
	"errors"
	"io"
)

// --- A waiter released by a sibling that signals on its every way out ---

type connServer struct{ accept func() (io.Reader, error) }

func (s *connServer) readAll(closed chan error, r io.Reader) {
	buf := make([]byte, 64)
	for {
		if _, err := r.Read(buf); err != nil {
			closed <- err
			return
		}
	}
}

func (s *connServer) waitClosed(closed chan error) {
	if err := <-closed; !errors.Is(err, io.EOF) {
		println(err.Error())
	}
}

func (s *connServer) serve() {
	for {
		r, err := s.accept()
		if err != nil {
			return
		}
		closed := make(chan error, 1)
		go s.readAll(closed, r) // want `goroutine running s.readAll is never joined`
		go s.waitClosed(closed)
	}
}

// readSome may leave without a word: the waiter is left waiting.
func (s *connServer) readSome(closed chan error, r io.Reader) {
	buf := make([]byte, 64)
	for range 3 {
		if _, err := r.Read(buf); err != nil {
			closed <- err
			return
		}
	}
}

func (s *connServer) serveSome() {
	for {
		r, err := s.accept()
		if err != nil {
			return
		}
		closed := make(chan error, 1)
		go s.readSome(closed, r) // want `goroutine running s.readSome is never joined`
		go s.waitClosed(closed)  // want `goroutine running s.waitClosed is not joined on every path`
	}
}
