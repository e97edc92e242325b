package generated

func handWritten() {
	go work() // want `goroutine .*is never joined`
}
