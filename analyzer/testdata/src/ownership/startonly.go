package ownership

// --- A go statement running a method that only starts goroutines ---

type spinWorker struct{ stopCh, done chan struct{} }

func (w *spinWorker) start() { go w.loop() }
func (w *spinWorker) stop()  { w.stopCh <- struct{}{}; <-w.done }
func (w *spinWorker) loop() {
	<-w.stopCh
	w.done <- struct{}{}
}

// The pool's Stop stops each worker; the goroutine running start ends as
// soon as it has started the loop.
type spinPool struct{ workers []*spinWorker }

func (p *spinPool) Start() {
	for _, w := range p.workers {
		go w.start()
	}
}

func (p *spinPool) Stop() {
	for _, w := range p.workers {
		w.stop()
	}
}

// Starting, then waiting for a signal nothing sends: not only starting.
type spinWaiter struct{ ready chan struct{} }

func (w *spinWaiter) startAndWait() {
	go func() {}() // want `goroutine is never joined, so it can outlive \(\*spinWaiter\).startAndWait`
	<-w.ready
}

func (w *spinWaiter) Start() {
	go w.startAndWait() // want `goroutine running w.startAndWait blocks for ever`
}
