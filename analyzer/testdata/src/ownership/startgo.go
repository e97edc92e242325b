package ownership

import (
	"log"
	"sync"
)

// --- A helper that counts a goroutine in its value's group and runs the function it is given ---

type hbServer struct {
	mu   sync.Mutex
	wg   sync.WaitGroup
	quit chan struct{}
	hb   chan int
	err  error
}

func (s *hbServer) startGo(f func()) {
	s.wg.Add(1)
	go f() // want `goroutine running f is handed on to the caller, but \(\*hbServer\).runIdle drops it at line 60`
}

func (s *hbServer) setLastError(err error) {
	s.mu.Lock()
	s.err = err
	s.mu.Unlock()
}

// loop counts itself down as it ends, one call below the literal.
func (s *hbServer) loop() {
	defer s.wg.Done()
	for {
		select {
		case v := <-s.hb:
			if v < 0 {
				s.setLastError(nil)
				log.Print("peer active")
				return
			}
		case <-s.quit:
			return
		}
	}
}

func (s *hbServer) run() { s.startGo(func() { s.loop() }) }

// idle counts nothing down: the group's Wait never ends.
func (s *hbServer) idle() {
	for {
		select {
		case <-s.hb:
			s.setLastError(nil)
		case <-s.quit:
			return
		}
	}
}

func (s *hbServer) runIdle() { s.startGo(func() { s.idle() }) } // want `the function given to \(\*hbServer\).startGo \(argument 1\) signals nothing its caller waits for`

func (s *hbServer) shutdown() {
	close(s.quit)
	s.wg.Wait()
}
