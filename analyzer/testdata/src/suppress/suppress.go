package suppress

import "context"

func work() {}

func query(ctx context.Context) {}

func above() {
	//twine:detached the cache warmer may outlive the request on purpose
	go work()
}

func sameLine() {
	go work() //twine:detached fire-and-forget metrics flush
}

func noReason() {
	//twine:detached // want `//twine:detached needs a reason: say why this concurrency is deliberately not structured`
	go work()
}

func notOnItsOwnLine() {
	work()    //twine:detached this covers only the call on this line
	go work() // want `goroutine .*is never joined`
}

func tooFarAbove() {
	//twine:detached a directive covers its line and the next one

	go work() // want `goroutine .*is never joined`
}

func otherRules(ctx context.Context) {
	query(context.Background()) //twine:detached the audit write must survive cancellation
}

func spacedIsNotADirective() {
	// twine:detached with a space is an ordinary comment
	go work() // want `goroutine .*is never joined`
}
