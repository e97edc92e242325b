package ownership

import (
	"errors"
	"io"
	"mime/multipart"
)

// --- A pipe's writer wrapped for the goroutine that writes it ---

func writeForm(pw *io.PipeWriter, mw *multipart.Writer) {
	var err error
	defer func() { _ = pw.CloseWithError(err) }()
	fw, err := mw.CreateFormField("data")
	if err != nil {
		return
	}
	_, err = fw.Write([]byte("payload"))
}

// The early return reads nothing of pr: the writer blocks for ever.
func postForm(target string) error {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go writeForm(pw, mw) // want `goroutine running writeForm is not joined on every path: the return at line 27 skips reading pr to its end`
	if target == "" {
		return errors.New("no target")
	}
	_, err := io.Copy(io.Discard, pr)
	return err
}

// The same, written in place.
func postFormLit(target string) error {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() { // want `goroutine is not joined on every path: the return at line 47 skips reading pr to its end`
		var err error
		defer func() { _ = pw.CloseWithError(err) }()
		fw, err := mw.CreateFormField("data")
		if err != nil {
			return
		}
		_, err = fw.Write([]byte("payload"))
	}()
	if target == "" {
		return errors.New("no target")
	}
	_, err := io.Copy(io.Discard, pr)
	return err
}

// Every path reads pr to its end.
func postFormAll() error {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go writeForm(pw, mw)
	_, err := io.Copy(io.Discard, pr)
	return err
}
