package main

import (
	"bufio"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"
)

// killWriter re-runs this test binary as the writer process test (named
// ^test$) with env added, hands every line it prints to ack — which says
// whether the line acknowledged a write — and kills the writer with
// SIGKILL delay after its first acknowledgement. It fails the test unless
// the writer ended by that kill within 30 s, and returns how many writes
// were acknowledged. Lines that are no acknowledgement go with the
// writer's log into the failure message.
func killWriter(t *testing.T, test string, env []string, delay time.Duration, ack func(line string) bool) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.count=1")
	cmd.Env = append(os.Environ(), env...)
	var stderr lockedBuffer // the child's log and its test output
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 1024)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	n := 0
	var kill <-chan time.Time
	killed := false
	deadline := time.After(30 * time.Second)
	for {
		select {
		case line, ok := <-lines:
			if !ok { // the writer's output ended: after the kill, or it failed
				err := cmd.Wait()
				if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !killed || !ok || ws.Signal() != syscall.SIGKILL {
					t.Fatalf("the writer ended with %v, not by our SIGKILL (%d acks)\n%s", err, n, stderr.String())
				}
				return n
			}
			if !ack(line) {
				stderr.WriteString(line + "\n")
				continue
			}
			if n++; n == 1 {
				kill = time.After(delay)
			}
		case <-kill:
			kill, killed = nil, true
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
		case <-deadline:
			_ = cmd.Process.Kill()
			t.Fatalf("no kill within 30 s (%d acks)\n%s", n, stderr.String())
		}
	}
}
