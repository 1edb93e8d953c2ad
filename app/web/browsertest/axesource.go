package browsertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// AxeVersion is the axe-core release that the accessibility checks run.
const AxeVersion = "4.14.1"

// npmTimeout bounds the one-time install of axe-core with npm.
const npmTimeout = 2 * time.Minute

// loadAxe finds or installs axe-core once per test binary.
var loadAxe = sync.OnceValues(findAxe)

// AxeSource returns the JavaScript source of axe-core (axe.min.js). It looks
// in this order:
//
//  1. the file named by $SAMSYN_AXE_JS;
//  2. <user cache dir>/samsyn/axe-core-4.14.1/node_modules/axe-core/axe.min.js;
//  3. otherwise it installs axe-core there with npm (once; two minutes at most).
//
// When none works the test skips, or fails when CI is true.
func AxeSource(t testing.TB) string {
	t.Helper()
	src, err := loadAxe()
	if err != nil {
		unavailable(t, "axe-core %s: %v", AxeVersion, err)
	}
	return src
}

// AxeCacheDir is the npm prefix under which AxeSource looks for, and
// installs, axe-core: <user cache dir>/samsyn/axe-core-<AxeVersion>.
func AxeCacheDir() (string, error) {
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(cache, "samsyn", "axe-core-"+AxeVersion), nil
}

func findAxe() (string, error) {
	if p := os.Getenv("SAMSYN_AXE_JS"); p != "" {
		return readAxe(p)
	}
	dir, err := AxeCacheDir()
	if err != nil {
		return "", err
	}
	if src, err := readAxe(axeFile(dir)); err == nil {
		return src, nil
	}
	if err := installAxe(dir); err != nil {
		return "", err
	}
	return readAxe(axeFile(dir))
}

func axeFile(prefix string) string {
	return filepath.Join(prefix, "node_modules", "axe-core", "axe.min.js")
}

func readAxe(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	if !strings.Contains(string(b[:min(len(b), 200)]), "axe") {
		return "", fmt.Errorf("%s does not look like axe-core", path)
	}
	return string(b), nil
}

// installAxe runs npm into a temporary prefix beside dir and renames it into
// place, so that a reader never sees half an install. A file lock keeps the
// test binaries of `go test ./...`, which run in parallel, from installing
// at the same time.
func installAxe(dir string) error {
	npm, err := exec.LookPath("npm")
	if err != nil {
		return fmt.Errorf("not in %s and cannot install it: %w", dir, err)
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	unlock, err := lockFile(dir + ".lock")
	if err != nil {
		return err
	}
	defer unlock()
	if _, err := os.Stat(axeFile(dir)); err == nil {
		return nil // another test binary installed it while we waited
	}
	tmp, err := os.MkdirTemp(parent, filepath.Base(dir)+".tmp-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := runNPM(npm, tmp); err != nil {
		return err
	}
	if err := os.RemoveAll(dir); err != nil { // a broken earlier install
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		if _, statErr := os.Stat(axeFile(dir)); statErr == nil {
			return nil // lost a race on a system without file locks
		}
		return err
	}
	return nil
}

func runNPM(npm, prefix string) error {
	ctx, cancel := context.WithTimeout(context.Background(), npmTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, npm, "install", "--no-audit", "--no-fund",
		"--prefix", prefix, "axe-core@"+AxeVersion)
	cmd.WaitDelay = 5 * time.Second
	out, err := cmd.CombinedOutput()
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		err = fmt.Errorf("timed out after %s", npmTimeout)
	}
	if err != nil {
		return fmt.Errorf("npm install axe-core@%s: %w\n%s", AxeVersion, err, tail(out, 2000))
	}
	return nil
}

// tail returns at most the last n bytes of b, as text.
func tail(b []byte, n int) string {
	if len(b) > n {
		b = b[len(b)-n:]
	}
	return strings.TrimSpace(string(b))
}
