// Package spawnlib starts processes for its callers: the duty to wait for
// them crosses the package boundary with the function's fact.
package spawnlib

import "os/exec"

// Spawn starts name and returns it running: its caller must wait for it.
func Spawn(name string) (*exec.Cmd, error) {
	cmd := exec.Command(name)
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return cmd, nil
}
