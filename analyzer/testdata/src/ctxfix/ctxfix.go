package ctxfix

import (
	"context"
	"net/http"
)

func query(ctx context.Context) error { return nil }

func one(ctx context.Context) error {
	return query(context.Background()) // want `pass ctx`
}

func named(parent context.Context) error {
	return query(context.TODO()) // want `pass parent`
}

func preferCtx(parent, ctx context.Context) error {
	return query(context.TODO()) // want `pass ctx`
}

func without(ctx context.Context) error {
	return query(context.WithoutCancel(ctx)) // want `keep ctx`
}

func several(a, b context.Context) error {
	return query(context.Background()) // want `contexts in scope \(a, b\)`
}

func handle(w http.ResponseWriter, r *http.Request) {
	_ = query(context.Background()) // want `pass r.Context\(\)`
}
