package typeerr

import "context"

//twine:bundle
func usesUndefined(ctx context.Context, x Undefined) error { return nil }

//twine:bundle
func usesOwnBundle(ctx context.Context, b *usesOwnBundleBundle) error { return nil }

// elsewhere uses a generated name: that is fine.
func elsewhere(ctx context.Context) error {
	b := newUsesOwnBundleBundle(ctx)
	return b.Close()
}
