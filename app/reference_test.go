package app_test

import (
	"testing"

	"github.com/samsyn/samsyn/app"
)

func TestNormalizeReference(t *testing.T) {
	t.Parallel()
	same := map[string][]string{
		"KN2026/741":  {"KN2026/00741", "kn 2026/741", "KN2026/741", " KN 2026 / 00741 ", "kn2026 741"},
		"FI2024/1234": {"Fi2024/01234", "fi 2024/1234"},
		"SOU2026:14":  {"SOU 2026:14", "sou 2026 14", "SOU2026:014"},
		"DS2026:15":   {"Ds 2026:15", "ds 2026 15"},
		"DIR2025:3":   {"Dir. 2025:3", "dir 2025 3"},
		"LI2026/417":  {"LI2026/00417"},
	}
	for want, spellings := range same {
		for _, s := range spellings {
			if got, ok := app.NormalizeReference(s); !ok || got != want {
				t.Errorf("NormalizeReference(%q) = %q, %v; want %q", s, got, ok, want)
			}
		}
	}
	for _, bad := range []string{"", "2026/741", "KN/741", "KN2026", "KN2026/", "hej hej", "KN2026/741/2", "KN3026/1", "<script>"} {
		if got, ok := app.NormalizeReference(bad); ok {
			t.Errorf("NormalizeReference(%q) = %q, want not a reference", bad, got)
		}
	}
}

func FuzzNormalizeReference(f *testing.F) {
	for _, s := range []string{"KN2026/00741", "sou 2026 14", "Dir. 2025:3", "", "ÅÄÖ2026/1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		key, ok := app.NormalizeReference(s)
		if !ok {
			return
		}
		again, ok2 := app.NormalizeReference(key)
		if !ok2 || again != key {
			t.Fatalf("key %q of %q does not normalise to itself (%q, %v)", key, s, again, ok2)
		}
	})
}
