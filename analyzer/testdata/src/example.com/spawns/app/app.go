package app

import (
	"context"

	"example.com/spawns/lib"
	"github.com/twine-go/twine/runtime/nursery"
)

func local() { // want local:`spawns\(via lib.Start`
	lib.Start()
}

func Serve(ctx context.Context, c *lib.Client) error { // want Serve:`own\(borrows param1 calling Connect\|Refresh\)`
	return nursery.Run(ctx, func(n *nursery.Nursery) error {
		lib.StartPoller() // want `call to lib.StartPoller starts a goroutine that outlives this task \(go statement at example.com/spawns/lib/lib.go:15\), so the nursery cannot wait for it: make lib.StartPoller join its goroutine, or start that work with n.Go`
		n.Go(func(ctx context.Context) error {
			lib.Start() // want `call to lib.Start starts a goroutine that outlives this task \(through StartPoller, go statement at example.com/spawns/lib/lib.go:15\)`
			c.Refresh() // want `call to \(\*lib.Client\).Refresh starts a goroutine`
			local()     // want `call to local starts a goroutine that outlives this task \(through lib.Start, go statement`
			c.Connect() // owned by the client
			lib.Fetch(nil)
			lib.FetchAll(ctx, nil)
			lib.Ticker() // documented as detached
			lib.Later()  // standard library
			f := lib.Literal()
			_ = f
			return nil
		})
		go func() { // want `goroutine .*is never joined`
			lib.Start() // not the task itself: barego reports the go statement
		}()
		return nil
	})
}

func notATask() { // want notATask:`spawns\(via lib.Start`
	lib.Start() // outside any nursery: nothing to report here
}
