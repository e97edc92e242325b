package ownership

import (
	"time"

	"example.com/ownership/connpool"
)

// --- A loop that borrows from another package's pool between rounds ---

// The loop's wait for a vacant connection is a wait for a peer, which
// the connection's Close gives back: stop releases the loop all the same.
type pinger struct {
	pool   *connpool.Pool
	stopCh chan struct{}
	done   chan struct{}
}

func (r *pinger) start() { go r.loop() }
func (r *pinger) stop()  { r.stopCh <- struct{}{}; <-r.done }

func (r *pinger) loop() {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-r.stopCh:
			r.done <- struct{}{}
			return
		case <-tick.C:
			r.pool.Get().Close()
		}
	}
}

type pingerOwner struct{ r *pinger }

func (o *pingerOwner) Start() {
	o.r = &pinger{pool: &connpool.Pool{Max: 4}, stopCh: make(chan struct{}), done: make(chan struct{})}
	o.r.start()
}

func (o *pingerOwner) Stop() { o.r.stop() }

func usePinger() {
	o := &pingerOwner{}
	o.Start()
	defer o.Stop()
}
