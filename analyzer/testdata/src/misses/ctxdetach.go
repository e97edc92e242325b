package misses

import (
	"context"
	"database/sql"
	"net/http"
	"time"
)

// --- ctxdetach ---

type store struct{ db *sql.DB }

// The query goes on after the client has gone away.
func (s *store) userHandler(w http.ResponseWriter, r *http.Request) {
	row := s.db.QueryRowContext(context.Background(), "SELECT name FROM users WHERE id = ?", r.URL.Query().Get("id")) // want `call to context.Background\(\) detaches this work from the request's context r.Context\(\)`
	var name string
	if err := row.Scan(&name); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Write([]byte(name))
}

// The same in a handler written as a function literal.
func routes(s *store) *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/ping", func(w http.ResponseWriter, req *http.Request) {
		ctx, cancel := context.WithTimeout(context.TODO(), time.Second) // want `call to context.TODO\(\) detaches this work from the request's context req.Context\(\)`
		defer cancel()
		if err := s.db.PingContext(ctx); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	})
	return mux
}

type cache struct{}

func (c *cache) refresh(ctx context.Context) error { return nil }

// A gRPC-style method: the refresh outlives the call's deadline.
func (c *cache) Get(ctx context.Context, key string) (string, error) {
	if err := c.refresh(context.Background()); err != nil { // want `call to context.Background\(\) detaches this work from ctx`
		return "", err
	}
	return key, nil
}

// A retry loop that makes a fresh context for each attempt.
func retry(ctx context.Context, attempt func(context.Context) error) error {
	var err error
	for range 3 {
		actx, cancel := context.WithTimeout(context.Background(), time.Second) // want `call to context.Background\(\) detaches this work from ctx`
		err = attempt(actx)
		cancel()
		if err == nil {
			return nil
		}
	}
	return err
}

// Where the request's context is not the one to use: a handler that starts
// work meant to outlive the request says so.
func (s *store) enqueue(w http.ResponseWriter, r *http.Request) {
	//twine:detached the import runs after the response; the job queue bounds it
	go s.importAll(context.Background())
	w.WriteHeader(http.StatusAccepted)
}

func (s *store) importAll(ctx context.Context) {}

// A fake client that ignores its caller's cancellation of the request
// (grpc's testutils.FakeHTTPClient.Do).
type fakeClient struct{ resp chan *http.Response }

func (fc *fakeClient) Do(req *http.Request) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second) // want `call to context.Background\(\) detaches this work from the request's context req.Context\(\)`
	defer cancel()
	select {
	case r := <-fc.resp:
		return r, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// A client that makes its own request has no caller's context to keep.
func fetchStatus(url string) (int, error) {
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		return 0, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	resp, err := http.DefaultClient.Do(req.WithContext(ctx))
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	return resp.StatusCode, nil
}

// A handler that shuts its server down cannot use its request's context,
// which the shutdown cancels.
func shutdownHandler(srv *http.Server, errc chan<- error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		errc <- srv.Shutdown(context.Background())
	}
}

// A handler that hijacks its connection and serves it in a goroutine: the
// request is over, r.Context() is done once the handler returns, and the
// connection's work needs a root of its own. Without the hijack, work the
// handler leaves running still says why.
func (s *store) upgrade(w http.ResponseWriter, r *http.Request) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	go func() {
		defer conn.Close()
		_ = s.db.PingContext(context.Background())
	}()
}

func (s *store) background(w http.ResponseWriter, r *http.Request) {
	go func() {
		_ = s.db.PingContext(context.Background()) // want `call to context.Background\(\) detaches this work from the request's context r.Context\(\)`
	}()
	w.WriteHeader(http.StatusAccepted)
}
