//go:build unix

package mongotest

import (
	"os"
	"syscall"
)

// ramDir is /dev/shm when it is a tmpfs with at least 2 GiB free, else
// "". Docker gives containers a 64 MB /dev/shm, which the tests would fill.
func ramDir() string {
	const dir, tmpfsMagic, room = "/dev/shm", 0x01021994, 2 << 30
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil || int64(st.Type) != tmpfsMagic ||
		uint64(st.Bavail)*uint64(st.Bsize) < room {
		return ""
	}
	return dir
}

// lockDir takes an exclusive lock on dir without waiting; ok is false when
// another process holds it.
func lockDir(dir string) (unlock func(), ok bool, err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, false, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, false, nil
	}
	return func() { f.Close() }, true, nil
}
