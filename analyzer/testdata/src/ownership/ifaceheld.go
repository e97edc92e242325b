package ownership

// --- A value that holds a goroutine's owner, returned as an interface ---

type heldServer interface{ Close() }

type heldEngine struct{ stop chan struct{} }

func (e *heldEngine) Start() { go e.loop() } // want `goroutine running e.loop is handed on to the caller, but dropHeldServer drops it at line 38`
func (e *heldEngine) loop()  { <-e.stop }
func (e *heldEngine) Close() { close(e.stop) }

type heldInProc struct{ e *heldEngine }

func (s *heldInProc) Close() { s.e.Close() }

type heldRemote struct{}

func (heldRemote) Close() {}

// The caller holds only the interface, whose Close is inProc's, which
// stops the engine.
func newHeldServer(external bool) heldServer {
	if external {
		return heldRemote{}
	}
	e := &heldEngine{stop: make(chan struct{})}
	e.Start()
	return &heldInProc{e: e}
}

func useHeldServer() {
	s := newHeldServer(false)
	defer s.Close()
}

func dropHeldServer() {
	s := newHeldServer(false) // want `the result of newHeldServer is not stopped on every path: the end of the function at line 40 skips it, so the goroutine started at ownership/ifaceheld.go:9 \(e.loop\) is never joined: call its Close method`
	_ = s
}
