// Package generics annotates generic functions and a method of a generic type.
package generics

import (
	"cmp"
	"context"
)

// Number is a constraint with a union.
type Number interface {
	~int | ~int64 | float64
}

// process handles a batch keyed by key.
//
//twine:bundle limit=4
func process[T any, K comparable](ctx context.Context, items []T, key K) error { return nil }

// Sum adds numbers; T appears only in its result and parameters.
//
//twine:bundle
func Sum[T Number, S ~[]T](ctx context.Context, xs S) (T, error) { return 0, nil }

// Max returns an ordered maximum.
//
//twine:bundle
func maxOf[T cmp.Ordered](ctx context.Context, a, b T) (T, error) { return max(a, b), nil }

// Cache is a generic type.
type Cache[K comparable, V any] struct{ m map[K]V }

// fill loads one key.
//
//twine:bundle grace=250ms
func (c *Cache[Key, Val]) fill(ctx context.Context, k Key) (Val, error) {
	var v Val
	return v, nil
}

// inline has an inline constraint and type parameters named like locals.
//
//twine:bundle
func inline[n ~int | ~string, b interface{ ~[]n }](ctx context.Context, x n, y b) error { return nil }
