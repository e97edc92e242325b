package procleak

import (
	"context"
	"errors"
	"io"
	"log"
	"os"
	"os/exec"

	"example.com/spawnlib"

	"github.com/twine-go/twine/runtime/nursery"
	"github.com/twine-go/twine/runtime/proc"
)

// ---- reported ----

func neverWaited() error {
	cmd := exec.Command("sleep", "1")
	return cmd.Start() // want `process started by cmd.Start\(\) is not waited for on every path: the return at line \d+ leaves the child unreaped and running; call cmd.Wait\(\), or start it with proc.Start so a nursery owns it`
}

func earlyReturn(fail bool) error {
	cmd := exec.Command("sleep", "1")
	if err := cmd.Start(); err != nil { // want `process started by cmd.Start\(\) is not waited for on every path: the return at line \d+`
		return err
	}
	if fail {
		return errors.New("failed")
	}
	return cmd.Wait()
}

func killIsNotWait() error {
	cmd := exec.CommandContext(context.Background(), "sleep", "1")
	if err := cmd.Start(); err != nil { // want `process started by cmd.Start\(\) is not waited for on every path`
		return err
	}
	log.Printf("started %d", cmd.Process.Pid)
	return cmd.Process.Kill()
}

func unnamed() {
	exec.Command("true").Start() // want `process started by exec.Command\("true"\).Start\(\) can never be waited for`
}

func pipeNoWait() ([]byte, error) {
	cmd := exec.Command("echo", "hi")
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil { // want `process started by cmd.Start\(\) is not waited for on every path`
		return nil, err
	}
	return io.ReadAll(out)
}

// ---- not reported ----

func waited() error {
	cmd := exec.Command("true")
	if err := cmd.Start(); err != nil {
		return err // nothing was started
	}
	return cmd.Wait()
}

func waitedErrCheck() error {
	cmd := exec.Command("true")
	err := cmd.Start()
	if err != nil {
		return err
	}
	return cmd.Wait()
}

func deferredWait() error {
	cmd := exec.Command("true")
	if cmd.Start() != nil {
		return errors.New("no start")
	}
	defer cmd.Wait()
	return nil
}

func processWait() error {
	cmd := exec.Command("true")
	if err := cmd.Start(); err != nil {
		return err
	}
	_, err := cmd.Process.Wait()
	return err
}

func released() error {
	cmd := exec.Command("daemon")
	if err := cmd.Start(); err != nil {
		return err
	}
	return cmd.Process.Release() // deliberately let go
}

func returned() (*exec.Cmd, error) {
	cmd := exec.Command("true")
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return cmd, nil
}

type supervisor struct{ cmds []*exec.Cmd }

func (s *supervisor) launch() error {
	cmd := exec.Command("true")
	if err := cmd.Start(); err != nil {
		return err
	}
	s.cmds = append(s.cmds, cmd)
	return nil
}

func (s *supervisor) field(cmd *exec.Cmd) error {
	return cmd.Start() // a parameter: the caller waits
}

func waitInGoroutine() error {
	cmd := exec.Command("true")
	if err := cmd.Start(); err != nil {
		return err
	}
	errc := make(chan error, 1)
	go func() { errc <- cmd.Wait() }()
	return <-errc
}

func fatal() {
	cmd := exec.Command("true")
	if err := cmd.Start(); err != nil {
		log.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		log.Fatal(err)
	}
}

func runs(ctx context.Context) error {
	if err := exec.Command("true").Run(); err != nil {
		return err
	}
	return proc.Run(ctx, exec.Command("true"))
}

func twineOwned(ctx context.Context) error {
	return nursery.Run(ctx, func(n *nursery.Nursery) error {
		_, err := proc.Start(n, exec.Command("sleep", "1"))
		return err
	})
}

func documented() {
	cmd := exec.Command("daemon")
	//twine:detached the daemon re-parents itself to init
	cmd.Start()
}

func scanOutput(args []string) ([]string, error) {
	cmd := exec.Command(args[0], args[1:]...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil { // want `process started by cmd.Start\(\) is not waited for on every path: the return at line \d+`
		return nil, err
	}
	lines, err := io.ReadAll(out)
	if err != nil {
		return nil, err // the child is left running
	}
	return []string{string(lines)}, cmd.Wait()
}

// The process is handed on in the statement that starts it.
func startHandedOn() (*os.Process, error) {
	cmd := exec.Command("sleep", "1")
	return cmd.Process, cmd.Start()
}

// Only the error is returned: nothing waits for the child.
func startOnlyError() error {
	cmd := exec.Command("sleep", "1")
	return cmd.Start() // want `process started by cmd.Start\(\) is not waited for on every path`
}

// Stored in the receiver before it starts: Close waits for it.
type keptProc struct{ cmd *exec.Cmd }

func (p *keptProc) Start(name string) error {
	cmd := exec.Command(name)
	p.cmd = cmd
	if err := cmd.Start(); err != nil {
		return err
	}
	return nil
}

func (p *keptProc) Close() error { return p.cmd.Wait() }

// Stored in a local's field is not stored at all.
func startInLocal(name string) error {
	var holder struct{ cmd *exec.Cmd }
	cmd := exec.Command(name)
	holder.cmd = cmd
	return cmd.Start() // want `process started by cmd.Start\(\) is not waited for on every path`
}

// A helper that starts a process and returns it hands its wait on: each
// caller must wait for it on every path, or hand it on again.
func spawnHelper(ctx context.Context, name string) (string, *exec.Cmd, error) {
	cmd := exec.CommandContext(ctx, name)
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	return "started", cmd, nil
}

func spawnDropped(ctx context.Context) error {
	msg, _, err := spawnHelper(ctx, "tusd") // want `the process spawnHelper starts and returns \(its result 2\) is dropped`
	if err != nil {
		return err
	}
	_ = msg
	return nil
}

func spawnWaited(ctx context.Context) error {
	_, cmd, err := spawnHelper(ctx, "tusd")
	if err != nil {
		return err // nothing started
	}
	return cmd.Wait()
}

func spawnWaitSkipped(ctx context.Context, check func() error) error {
	_, cmd, err := spawnHelper(ctx, "tusd") // want `the process spawnHelper starts and returns in cmd is not waited for on every path: the return at line \d+`
	if err != nil {
		return err
	}
	if err := check(); err != nil {
		return err
	}
	return cmd.Wait()
}

func spawnHandedOn(ctx context.Context) (*exec.Cmd, error) {
	_, cmd, err := spawnHelper(ctx, "tusd")
	return cmd, err
}

// The process returned as an *os.Process: Release lets it go.
func spawnProcess(name string) (*os.Process, error) {
	cmd := exec.Command(name)
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return cmd.Process, nil
}

func spawnReleased() error {
	p, err := spawnProcess("worker")
	if err != nil {
		return err
	}
	return p.Release()
}

func spawnIgnored() {
	spawnProcess("worker") // want `the process spawnProcess starts and returns is dropped`
}

// A helper that waits for its command itself hands nothing on: its caller
// must not wait again.
func spawnSelfWaited(name string) (*exec.Cmd, <-chan error) {
	cmd := exec.Command(name)
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		done <- err
		return cmd, done
	}
	go func() { done <- cmd.Wait() }()
	return cmd, done
}

func spawnSelfWaitedUse() error {
	_, done := spawnSelfWaited("worker")
	return <-done
}

// The same across packages.
func spawnOtherDropped() error {
	_, err := spawnlib.Spawn("worker") // want `the process spawnlib.Spawn starts and returns \(its result 1\) is dropped`
	return err
}

func spawnOtherWaited() error {
	cmd, err := spawnlib.Spawn("worker")
	if err != nil {
		return err
	}
	return cmd.Wait()
}

// A named result started and returned by a bare return.
func spawnNamed(name string) (addr string, cmd *exec.Cmd) {
	cmd = exec.Command(name)
	if err := cmd.Start(); err != nil {
		panic(err)
	}
	addr = "localhost"
	return
}

func spawnNamedDropped() string {
	addr, _ := spawnNamed("server") // want `the process spawnNamed starts and returns \(its result 2\) is dropped`
	return addr
}

func spawnNamedWaited() error {
	_, cmd := spawnNamed("server")
	return cmd.Wait()
}

// Kept in a field that Close only kills: the child stays a zombie.
type killedProc struct{ cmd *exec.Cmd }

func newKilledProc(name string) (*killedProc, error) {
	cmd := exec.Command(name)
	if err := cmd.Start(); err != nil { // want `process started by cmd.Start\(\) is kept in the field cmd, which nothing in the package waits for`
		return nil, err
	}
	return &killedProc{cmd: cmd}, nil
}

func (p *killedProc) Close() error { return p.cmd.Process.Kill() }

// Started through the field, killed and never waited for.
type restartedProc struct {
	name string
	cmd  *exec.Cmd
}

func (p *restartedProc) Restart() error {
	if p.cmd != nil {
		p.cmd.Process.Kill()
	}
	p.cmd = exec.Command(p.name)
	return p.cmd.Start() // want `process started by p.cmd.Start\(\) is kept in the field cmd`
}

// Killed, then waited for: reaped.
type reapedProc struct{ cmd *exec.Cmd }

func newReapedProc(name string) (*reapedProc, error) {
	cmd := exec.Command(name)
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return &reapedProc{cmd: cmd}, nil
}

func (p *reapedProc) Close() error {
	p.cmd.Process.Kill()
	_, err := p.cmd.Process.Wait()
	return err
}

// Handed on by a getter: its caller waits.
type lentProc struct{ cmd *exec.Cmd }

func newLentProc(name string) (*lentProc, error) {
	cmd := exec.Command(name)
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	return &lentProc{cmd: cmd}, nil
}

func (p *lentProc) Cmd() *exec.Cmd { return p.cmd }
