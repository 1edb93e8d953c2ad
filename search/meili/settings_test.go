package meili

import (
	"strings"
	"testing"
)

func TestSettingsVerifyCatchesDifferences(t *testing.T) {
	if d := settingsDiff(settings(), settings()); d != "" {
		t.Errorf("settings differ from themselves: %s", d)
	}
	got := settings()
	got.TypoTolerance.MinWordSizeForTypos.OneTypo = 4
	if d := settingsDiff(settings(), got); d != "typoTolerance" {
		t.Errorf("changed typo tolerance: diff %q", d)
	}
	got = settings()
	got.SearchableAttributes = []string{"body", "title"}
	if d := settingsDiff(settings(), got); d != "searchableAttributes" {
		t.Errorf("reordered searchable attributes: diff %q", d)
	}
	s := settings()
	if s.TypoTolerance.MinWordSizeForTypos.OneTypo != 5 || s.TypoTolerance.MinWordSizeForTypos.TwoTypos != 9 ||
		s.LocalizedAttributes[0].Locales[0] != "swe" || s.SearchCutoffMs == 0 || s.Pagination.MaxTotalHits != maxTotalHits {
		t.Errorf("settings %+v", s)
	}
}

func TestQueryTextAddsSwedishTerms(t *testing.T) {
	cases := []struct{ in, want string }{
		{"kapacitetsbrist i elnätet", "kapacitet brist"},
		{"KN 2026/741", "kn2026n741"},
		{"tillståndsprövning", "tillstånd prövning"},
	}
	for _, c := range cases {
		got := queryText(c.in)
		for _, w := range strings.Fields(c.want) {
			if !strings.Contains(" "+got+" ", " "+w+" ") {
				t.Errorf("queryText(%q) = %q, want it to hold %q", c.in, got, w)
			}
		}
	}
	if n := len(strings.Fields(queryText(strings.Repeat("elnät stål vätgas hamn ", 10)))); n > maxQueryWords {
		t.Errorf("queryText gives %d words, Meilisearch reads %d", n, maxQueryWords)
	}
}
