package mongotest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Main runs a package's tests; call it from TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(mongotest.Main(m)) }
//
// The tests' temporary files — t.TempDir, os.MkdirTemp, the shared
// embedded store, the data dirs of child processes — go in one directory
// of their own (TMPDIR points there while they run), on RAM-backed
// storage when the machine has some with room to spare (see ramDir). The
// stores sync every commit to disk, and on a disk that waiting is most of
// a test's time: a fresh database took 290 ms on disk and 33 ms in RAM on
// a 2-core machine. When the tests end the shared store stops and the
// directory is removed; one left behind by a killed run is removed by the
// next run that finds it unlocked and a minute old. A test process that a
// test started (a child to be killed, say) keeps its files in its
// parent's directory.
func Main(m *testing.M) int {
	if strings.HasPrefix(filepath.Base(os.TempDir()), rootPrefix) {
		defer func() {
			if embedded != nil {
				embedded.Stop()
			}
		}()
		return m.Run()
	}
	parent := ramDir()
	if parent == "" {
		parent = os.TempDir()
	}
	reapStale(parent)
	root, unlock, err := makeRoot(parent)
	if err != nil {
		fmt.Fprintf(os.Stderr, "mongotest: %v; the tests' files stay in %s\n", err, os.TempDir())
		return m.Run()
	}
	defer func() {
		if embedded != nil {
			embedded.Stop()
		}
		_ = os.RemoveAll(root)
		unlock()
	}()
	if err := os.Setenv("TMPDIR", root); err != nil {
		fmt.Fprintf(os.Stderr, "mongotest: %v\n", err)
	}
	return m.Run()
}

// rootPrefix names the directories Main makes.
const rootPrefix = "samsyn-test-"

// makeRoot makes a fresh directory under parent and locks it for as long
// as the tests run.
func makeRoot(parent string) (string, func(), error) {
	root, err := os.MkdirTemp(parent, rootPrefix)
	if err != nil {
		return "", nil, err
	}
	unlock, ok, err := lockDir(root)
	if err != nil || !ok {
		_ = os.RemoveAll(root)
		return "", nil, fmt.Errorf("lock %s: %v", root, err)
	}
	return root, unlock, nil
}

// reapStale removes the directories of earlier runs under parent that no
// running test holds: unlocked, and older than a minute (so that one just
// made and not yet locked is left alone).
func reapStale(parent string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), rootPrefix) {
			continue
		}
		info, err := e.Info()
		if err != nil || time.Since(info.ModTime()) < time.Minute {
			continue
		}
		dir := filepath.Join(parent, e.Name())
		if unlock, ok, err := lockDir(dir); err == nil && ok {
			_ = os.RemoveAll(dir)
			unlock()
		}
	}
}
