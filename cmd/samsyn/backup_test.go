package main

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
)

// TestBackupRoundTrip exports the demo data, imports it into an empty data
// dir and exports again: the two backups are byte-identical. An import into
// a database that holds data is refused and changes nothing.
func TestBackupRoundTrip(t *testing.T) {
	t.Parallel()
	src, dst := t.TempDir(), t.TempDir()
	if _, err := runCLI(t, src, "", "demo"); err != nil {
		t.Fatalf("demo: %v", err)
	}
	first, err := runCLI(t, src, "", "export")
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	lines := strings.Count(first, "\n")
	for _, col := range []string{"members", "users", "statements", "audit"} {
		if !strings.Contains(first, `{"collection":"`+col+`","doc":{"_id":`) {
			t.Errorf("export has no %s", col)
		}
	}
	out, err := runCLI(t, dst, first, "import")
	if err != nil {
		t.Fatalf("import into an empty data dir: %v", err)
	}
	t.Logf("%d lines exported; import: %s", lines, strings.TrimSpace(out))
	second, err := runCLI(t, dst, "", "export")
	if err != nil {
		t.Fatalf("export after import: %v", err)
	}
	if first != second {
		t.Fatalf("export after import differs from the original (%d vs %d bytes)%s", len(first), len(second), firstDiff(first, second))
	}

	// The restored data dir holds data now: a second import is refused.
	if _, err := runCLI(t, dst, first, "import"); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("import into a non-empty database: err = %v, want a refusal", err)
	}
	// So is an import of other data.
	other := `{"collection":"members","doc":{"_id":{"$oid":"000000000000000000000001"},"name":"X"}}` + "\n"
	if _, err := runCLI(t, dst, other, "import"); err == nil {
		t.Fatal("import of other data into a non-empty database succeeded")
	}
	third, err := runCLI(t, dst, "", "export")
	if err != nil {
		t.Fatal(err)
	}
	if third != first {
		t.Fatal("a refused import changed the database")
	}
}

// firstDiff shows the first line where a and b differ.
func firstDiff(a, b string) string {
	al, bl := bytes.Split([]byte(a), []byte("\n")), bytes.Split([]byte(b), []byte("\n"))
	for i := range min(len(al), len(bl)) {
		if !bytes.Equal(al[i], bl[i]) {
			return "\nfirst difference at line " + strconv.Itoa(i+1) + ":\n- " + string(al[i]) + "\n+ " + string(bl[i])
		}
	}
	return ""
}
