package gen

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
)

// Write applies files: it writes each File's Src to its Path through a
// temporary file in the same directory and a rename, so a reader never
// sees a half-written file, and leaves a file whose content is already Src
// untouched; a File with nil Src removes Path if it exists.
func Write(files []File) error {
	for _, f := range files {
		if f.Src == nil {
			if err := os.Remove(f.Path); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
			continue
		}
		if old, err := os.ReadFile(f.Path); err == nil && bytes.Equal(old, f.Src) {
			continue
		}
		if err := writeFile(f.Path, f.Src); err != nil {
			return err
		}
	}
	return nil
}

func writeFile(path string, src []byte) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(src); err != nil {
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
