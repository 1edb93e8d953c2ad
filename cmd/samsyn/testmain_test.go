package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"testing"

	"github.com/samsyn/samsyn/app/mongodb/mongotest"
)

// asSamsynEnv, set in a child's environment, makes this test binary the
// samsyn command: the replica test runs its processes so, the binary
// built once per test run.
const asSamsynEnv = "SAMSYN_TEST_AS_SAMSYN"

// TestMain keeps the tests' files, the shared store's among them, in a
// directory of their own, in RAM where there is room (see mongotest.Main).
func TestMain(m *testing.M) {
	if os.Getenv(asSamsynEnv) != "" {
		os.Exit(runAsSamsyn())
	}
	os.Exit(mongotest.Main(m))
}

// runAsSamsyn is main, with the arguments after the binary's name.
func runAsSamsyn() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "samsyn:", err)
		return 1
	}
	return 0
}
