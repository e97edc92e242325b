package ownership

// --- A goroutine whose last wait is one receive from what it is given ---

// It takes one value from in, then sends into a buffer of its own with
// room for both: the first value ends it.
func startPair(in chan int) {
	out := make(chan int, 2)
	go func() { // want `goroutine is handed on to the caller, but dropPair drops it at line 24: close it or send on it once`
		v := <-in
		out <- v
		out <- v + 1
	}()
}

func feedPair() {
	in := make(chan int, 1)
	startPair(in)
	in <- 1
}

func dropPair() {
	in := make(chan int, 1)
	startPair(in) // want `argument 1 of startPair is not closed on every path: the end of the function at line 25 skips it, so the goroutine started at ownership/valends.go:9 \(a function literal\) is never joined: close it or send on it once`
}
