package ownership

import "context"

// --- A channel field handed out by a getter that also returns an error ---

// ExitWatcher reports process exits on the channel Events gives out.
type ExitWatcher struct {
	events chan string
	fail   error
}

// Exec's goroutine sends on events, which Events gives to whoever reads
// the exits: their business.
func (w *ExitWatcher) Exec(name string, done <-chan struct{}) {
	go func() {
		<-done
		w.events <- name + " exited"
	}()
}

// Events gives out the events channel, or fails.
func (w *ExitWatcher) Events(_ context.Context) (<-chan string, error) {
	if w.fail != nil {
		return nil, w.fail
	}
	return w.events, nil
}

// SilentWatcher's getter gives out a channel of its own: nothing
// receives from the field.
type SilentWatcher struct {
	events chan string
}

func (w *SilentWatcher) Exec(name string, done <-chan struct{}) {
	go func() { // want `goroutine blocks for ever: it sends on w.events`
		<-done
		w.events <- name + " exited"
	}()
}

// Events gives out a fresh channel.
func (w *SilentWatcher) Events(_ context.Context) (<-chan string, error) {
	return make(chan string), nil
}
