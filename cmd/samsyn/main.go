// Command samsyn runs the Samsyn server and its administration commands.
// With no configuration it keeps everything under ./data: FerretDB embedded
// on SQLite for documents and Bleve for search.
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/samsyn/samsyn/search"
)

// gcPercent is the garbage collector's target growth of the heap unless
// GOGC sets another. A public search allocates about 1 MB (most of it for
// the highlights of the page shown); at Go's default of 100, 16 clients of
// the full query at 10,000 statements got 374–380 req/s on two cores, at
// 150 371–423, at 250 439–457 (samsyn bench --docs 10000, runs side by
// side). The cost is heap: resident memory while serving 10,000
// statements 278 → 350–370 MB, 100,000 483 → 496 MB (most of it the
// index's mapped files); the peak of a bulk load of 100,000, 2.0 → 2.7 GB.
// GOMEMLIMIT bounds it where memory is short.
const gcPercent = 250

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "samsyn:", err)
		os.Exit(1)
	}
}

// run is the whole program, with its environment passed in so that tests
// can run it in-process.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	return runEnv(ctx, args, newEnv(getenv, stdin, stdout, stderr), stderr)
}

// newEnv reads the configuration and makes the logger.
func newEnv(getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) *env {
	cfg := ConfigFromEnv(getenv)
	opts := &slog.HandlerOptions{Level: slog.LevelInfo}
	var h slog.Handler = slog.NewTextHandler(stderr, opts)
	if cfg.LogFormat == "json" { // one JSON object a line, for log collectors
		h = slog.NewJSONHandler(stderr, opts)
	}
	return &env{cfg: cfg, log: slog.New(h), stdin: stdin, stdout: stdout}
}

// runEnv runs the command line args in e.
func runEnv(ctx context.Context, args []string, e *env, stderr io.Writer) error {
	stdout := e.stdout
	root := rootCommand(ctx, e)
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	return root.ExecuteContext(ctx)
}

// env is what every command gets.
type env struct {
	cfg    Config
	log    *slog.Logger
	stdin  io.Reader
	stdout io.Writer
	// openEngine, when set, opens the search engine instead of the
	// configured one: tests stand in an engine that comes back.
	openEngine search.Opener
}
