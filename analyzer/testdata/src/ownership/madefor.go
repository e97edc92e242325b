package ownership

// --- A send right after the buffer it goes into is made ---

type portLoop struct {
	portC   chan int
	notifyC chan chan chan int
	startC  chan struct{}
	closeC  chan struct{}
	doneC   chan struct{}
}

// The loop makes portC with room for one and sends one: it finds room.
func (t *portLoop) run() {
	defer close(t.doneC)
	for {
		select {
		case <-t.startC:
			t.portC = make(chan int, 1)
			t.portC <- 6881
		case cc := <-t.notifyC:
			cc <- t.portC
		case <-t.closeC:
			return
		}
	}
}

func newPortLoop() *portLoop {
	t := &portLoop{notifyC: make(chan chan chan int), startC: make(chan struct{}), closeC: make(chan struct{}), doneC: make(chan struct{})}
	go t.run()
	return t
}

func (t *portLoop) Close() { close(t.closeC); <-t.doneC }

// Made without room: the send waits for a receiver nobody is.
type portLoopBare struct {
	portC  chan int
	startC chan struct{}
	closeC chan struct{}
}

func (t *portLoopBare) run() {
	for {
		select {
		case <-t.startC:
			t.portC = make(chan int)
			t.portC <- 6881
		case <-t.closeC:
			return
		}
	}
}

func newPortLoopBare() *portLoopBare {
	t := &portLoopBare{startC: make(chan struct{}), closeC: make(chan struct{})}
	go t.run() // want `goroutine running t.run blocks for ever: it sends on t.portC`
	return t
}

func (t *portLoopBare) Close() { close(t.closeC) }
