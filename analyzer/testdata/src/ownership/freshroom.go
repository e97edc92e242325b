package ownership

// --- A field channel made just before its goroutine, with room for its sends ---

type pairReq struct {
	in   chan int
	out  chan int
	half chan int
	more chan int
	kept chan int
}

// Two sends into a buffer of two made for them, kept for a later read.
func (r *pairReq) Start() {
	r.kept = make(chan int, 2)
	go func() {
		v := <-r.in
		r.kept <- v
		r.kept <- v + 1
	}()
}

// Two sends into a buffer of two made for them: neither blocks.
func (r *pairReq) Results() chan int {
	r.out = make(chan int, 2)
	go func() {
		v := <-r.in
		r.out <- v
		r.out <- v + 1
	}()
	return r.out
}

// Two sends into a buffer of one: the second blocks once nobody receives.
func (r *pairReq) Halves() {
	r.half = make(chan int, 1)
	go func() { // want `goroutine blocks for ever: it sends on r.half \(line 39\), which nothing in the package receives from`
		v := <-r.in
		r.half <- v
		r.half <- v + 1
	}()
}

// The buffer is shared with another sender: it may be full.
func (r *pairReq) More() {
	r.more = make(chan int, 2)
	go func() { // want `goroutine blocks for ever: it sends on r.more`
		v := <-r.in
		r.more <- v
		r.more <- v + 1
	}()
}

func (r *pairReq) pushMore(v int) { r.more <- v }

func (r *pairReq) Feed(v int) { r.in <- v }

// One send on either branch of a select, and one after: two at most.
type pickReq struct {
	a, b chan int
	out  chan int
}

func (r *pickReq) Pick() {
	r.out = make(chan int, 2)
	go func() {
		select {
		case v := <-r.a:
			r.out <- v
		case v := <-r.b:
			r.out <- -v
		}
		r.out <- 0
	}()
}

func (r *pickReq) Feed(v int) { r.a <- v; r.b <- v }
