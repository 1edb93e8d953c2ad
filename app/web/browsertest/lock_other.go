//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package browsertest

// lockFile does nothing where flock is missing: concurrent installs then
// only waste work, because installAxe renames a finished install into place.
func lockFile(string) (unlock func(), err error) {
	return func() {}, nil
}
