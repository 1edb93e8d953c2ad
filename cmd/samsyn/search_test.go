package main

import (
	"strings"
	"testing"
)

// TestReindexCommand: while a server holds the embedded index, reindex
// refuses with a clear message; once it has stopped, reindex rebuilds
// both indexes from the store.
func TestReindexCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	inst := startServe(t, dir)
	waitSearchable(t, inst.URL)
	if _, err := runCLI(t, dir, "", "reindex"); err == nil || !strings.Contains(err.Error(), "in use") && !strings.Contains(err.Error(), "stop it first") {
		t.Errorf("reindex beside a running server: %v, want a clear refusal", err)
	}
	if err := inst.stop(); err != nil {
		t.Fatal(err)
	}
	out, err := runCLI(t, dir, "", "reindex")
	if err != nil {
		t.Fatalf("reindex: %v", err)
	}
	if !strings.Contains(out, "8 public and 32 internal documents") {
		t.Errorf("reindex printed %q, want the demo's 8 public (3 statements, its public issues and archived consultations) and 32 internal documents (19 and the 13 answers of other bodies)", out)
	}
}
