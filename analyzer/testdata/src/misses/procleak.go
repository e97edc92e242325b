package misses

import (
	"bufio"
	"errors"
	"os/exec"
)

// --- procleak ---

func register(pid int) error { return nil }

// A failed registration returns with the child running and unreaped.
func startWorker() (*exec.Cmd, error) {
	cmd := exec.Command("worker")
	if err := cmd.Start(); err != nil { // want `process started by cmd.Start\(\) is not waited for on every path: the return at line \d+`
		return nil, err
	}
	if err := register(cmd.Process.Pid); err != nil {
		return nil, err
	}
	return cmd, nil
}

// Reading the first line and returning leaves the child running.
func firstLine(name string) (string, error) {
	cmd := exec.Command(name)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return "", err
	}
	if err := cmd.Start(); err != nil { // want `process started by cmd.Start\(\) is not waited for on every path`
		return "", err
	}
	sc := bufio.NewScanner(out)
	if !sc.Scan() {
		return "", errors.New("no output")
	}
	return sc.Text(), cmd.Wait()
}

// Killing is not reaping: the zombie stays until the parent exits.
func runWithKill() error {
	cmd := exec.Command("helper")
	if err := cmd.Start(); err != nil { // want `process started by cmd.Start\(\) is not waited for on every path`
		return err
	}
	return cmd.Process.Kill()
}

// A command that is not kept can never be waited for.
func spawnDetached(name string) {
	exec.Command(name).Start() // want `process started by exec.Command\(name\).Start\(\) can never be waited for`
}
