package directives

import "context"

//twine:bundle grace=2x limit=-1 color=blue
func bad1(ctx context.Context) error { return nil }

//twine:bundle limit=8 limit=9 grace grace=1s
func bad2(ctx context.Context) error { return nil }

//twine:bundle supervise=true name=1abc limit=many
func bad3(ctx context.Context) error { return nil }

//twine:bundle grace=-1s name=
func bad4(ctx context.Context) error { return nil }

//twine:bundle limit=1
//twine:bundle limit=2
func twice(ctx context.Context) error { return nil }

//twine:bundle name="unterminated
func quoted(ctx context.Context) error { return nil }
