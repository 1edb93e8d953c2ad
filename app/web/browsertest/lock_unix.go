//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package browsertest

import (
	"os"
	"syscall"
)

// lockFile takes an exclusive lock on path, creating the file, and waits for
// it. The returned func releases it.
func lockFile(path string) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
