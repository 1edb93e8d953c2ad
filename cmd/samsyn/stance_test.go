package main

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app/pdftext/pdftexttest"
)

// runStance runs "samsyn stance args…" in-process and returns standard
// output, standard error and the error.
func runStance(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut strings.Builder
	err := run(context.Background(), append([]string{"stance"}, args...), testEnv(t.TempDir()), strings.NewReader(""), &out, &errOut)
	return out.String(), errOut.String(), err
}

// TestStanceCommand reads Kammarkollegiet's real PDF, a text file, a scan
// and a missing file, in text and JSON form.
func TestStanceCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	kammarkollegiet := filepath.Join("testdata", "kammarkollegiet-kn2026-00741.pdf")
	text := filepath.Join(dir, "yttrande.txt")
	writeStanceFile(t, text, "Yttrande över promemorian\n\nRegionen tillstyrker förslaget om tillsyn men avstyrker förslaget om avgifter.\n\nRegionen har inga övriga synpunkter.\n")
	scan := filepath.Join(dir, "skannad.pdf")
	writeStanceFile(t, scan, string(pdftexttest.Scan(t)))

	out, errOut, err := runStance(t, "--json", kammarkollegiet, text, scan)
	if err != nil {
		t.Fatalf("stance --json: %v (stderr %q)", err, errOut)
	}
	want := []map[string]string{
		{"file": kammarkollegiet, "stance": "inga_synpunkter", "quote": "Kammarkollegiet har, utifrån de utgångspunkter som myndigheten har att beakta, inte några synpunkter på de remitterade förslagen."},
		{"file": text, "stance": "delvis", "quote": "Regionen tillstyrker förslaget om tillsyn men avstyrker förslaget om avgifter."},
		{"file": scan, "stance": "oklart", "quote": ""},
	}
	lines := stanceJSONLines(t, out)
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(want), out)
	}
	for i, w := range want {
		if len(lines[i]) != 3 || lines[i]["file"] != w["file"] || lines[i]["stance"] != w["stance"] || lines[i]["quote"] != w["quote"] {
			t.Errorf("line %d: %v, want exactly %v", i+1, lines[i], w)
		}
	}
	if !strings.Contains(errOut, scan+": no text") {
		t.Errorf("stderr %q does not say the scan has no text", errOut)
	}

	out, _, err = runStance(t, text)
	if err != nil || out != text+": delvis\n  ”Regionen tillstyrker förslaget om tillsyn men avstyrker förslaget om avgifter.”\n" {
		t.Errorf("stance (text form): %q, %v", out, err)
	}

	missing := filepath.Join(dir, "saknas.pdf")
	out, errOut, err = runStance(t, text, missing)
	if err == nil || !strings.Contains(errOut, missing) {
		t.Errorf("a missing file: err %v, stderr %q; want an error naming it", err, errOut)
	}
	if !strings.HasPrefix(out, text+": delvis") {
		t.Errorf("the readable file before the missing one: %q", out)
	}
}

func writeStanceFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

// stanceJSONLines decodes one JSON object a line, keeping every key.
func stanceJSONLines(t *testing.T, out string) []map[string]string {
	t.Helper()
	var lines []map[string]string
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		var m map[string]string
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("not a JSON object: %q: %v", sc.Text(), err)
		}
		lines = append(lines, m)
	}
	return lines
}
