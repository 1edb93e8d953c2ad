package mongodb

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
)

// countingHandler is a text handler that counts the attributes it was
// asked to format ahead of a record.
type countingHandler struct {
	slog.Handler
	withAttrs *int
}

func (h countingHandler) WithAttrs(a []slog.Attr) slog.Handler {
	*h.withAttrs += len(a)
	return countingHandler{h.Handler.WithAttrs(a), h.withAttrs}
}

func (h countingHandler) WithGroup(name string) slog.Handler {
	return countingHandler{h.Handler.WithGroup(name), h.withAttrs}
}

// TestQuietHandlerFormatsOnlyWhatItLogs: FerretDB's With(args…).Debug
// never makes the text handler format the arguments; a warning carries
// the attributes given by With, in their group, and wire dumps are dropped.
func TestQuietHandlerFormatsOnlyWhatItLogs(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	formatted := 0
	text := slog.NewTextHandler(&out, &slog.HandlerOptions{Level: slog.LevelInfo})
	l := slog.New(quietHandler{Handler: countingHandler{text, &formatted}.WithGroup("ferretdb")}).With("conn", 7)
	for range 100 {
		l.With("args", strings.Repeat("ett helt dokument ", 400)).DebugContext(context.Background(), ">>> INSERT INTO ...")
	}
	if formatted != 0 || out.Len() != 0 {
		t.Fatalf("100 debug records with arguments: %d attributes formatted, %q written; want none", formatted, out.String())
	}
	l.With("table", "statements").Warn("disk is slow", "ms", 250)
	l.Warn("Response OpMsg …")
	got := out.String()
	for _, want := range []string{"ferretdb.conn=7", "ferretdb.table=statements", "ferretdb.ms=250", "disk is slow"} {
		if !strings.Contains(got, want) {
			t.Errorf("warning written as %q, want it to hold %q", got, want)
		}
	}
	if strings.Contains(got, "Response") || strings.Count(got, "\n") != 1 {
		t.Errorf("written %q: want the one warning, no wire dump", got)
	}
	out.Reset()
	l.WithGroup("sqlite").With("db", "samsyn").Warn("busy")
	if got := out.String(); !strings.Contains(got, "ferretdb.conn=7") || !strings.Contains(got, "ferretdb.sqlite.db=samsyn") ||
		strings.Contains(got, "sqlite.conn") {
		t.Errorf("grouped warning written as %q, want ferretdb.conn=7 outside the group and ferretdb.sqlite.db=samsyn in it", got)
	}
}
