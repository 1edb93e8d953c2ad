package app_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/samsyn/samsyn/app"
)

func members(names ...string) []*app.Member {
	out := make([]*app.Member, len(names))
	for i, n := range names {
		out[i] = &app.Member{Name: n}
	}
	return out
}

func TestMatchInvitedMembers(t *testing.T) {
	t.Parallel()
	ms := members("Luleå kommun", "Kiruna", "Boden", "Stockholm", "Gällivare kommun", "Piteå kommun", "Älvsbyn")
	for _, tt := range []struct {
		name, text string
		want       []string
	}{
		{"with kommun", "1. Luleå kommun\n2. Region Norrbotten", []string{"Luleå kommun"}},
		{"a member named without kommun", "7. Kiruna kommun", []string{"Kiruna"}},
		{"genitive", "Bodens kommun\nStockholms stad", []string{"Boden", "Stockholm"}},
		{"any case", "12. LULEÅ KOMMUN", []string{"Luleå kommun"}},
		{"Å at the start", "3. älvsbyns kommun", []string{"Älvsbyn"}},
		{"the bare name on its own line", "14. Boden\n15. Piteå", []string{"Boden", "Piteå kommun"}},
		{"lines run together", "23. Upphandlingsmyndigheten 24. Luleå kommun 25. Kiruna kommun", []string{"Luleå kommun", "Kiruna"}},
		{"decomposed å", "Lule\u0061\u030a kommun", []string{"Luleå kommun"}},
		{"near-misses", "Luleå tekniska universitet\nRegion Norrbotten\nLuleå Energi AB\nGällivare Energi AB\n" +
			"Länsstyrelsen i Norrbottens län\nKirunabostäder AB\nPiteå Science Park\nLuleåkommunens bolag\nBodenstrand kommun", nil},
		{"a name inside a sentence is no bare line", "Remissen gäller Bodens garnison och Piteå hamn.", nil},
	} {
		if got := app.MatchInvitedMembers(tt.text, ms); strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestInviteeListFromPDF: a numbered invitee list of 40 bodies in a PDF
// made as Regeringskansliet lays them out gives exactly the three members
// on it, none of the near-misses (Luleå tekniska universitet, Region
// Norrbotten, Gällivare Energi AB).
func TestInviteeListFromPDF(t *testing.T) {
	t.Parallel()
	paras, err := extractor.ExtractText(context.Background(), inviteeListPDF(t))
	if err != nil {
		t.Fatal(err)
	}
	ms := members("Gällivare kommun", "Kiruna", "Luleå kommun", "Piteå kommun", "Skellefteå kommun", "Boden")
	got := app.MatchInvitedMembers(strings.Join(paras, "\n"), ms)
	if strings.Join(got, "|") != "Kiruna|Luleå kommun|Skellefteå kommun" {
		t.Fatalf("invited members %q from\n%s", got, strings.Join(paras, "\n"))
	}
}

// FuzzMatchInvitedMembers: any list text and any member name (both come
// from outside) match without panic, only names of members, and a list
// that names the member "X kommun" on a line of its own always matches.
func FuzzMatchInvitedMembers(f *testing.F) {
	f.Add("1. Luleå kommun\n2. Region Norrbotten", "Luleå")
	f.Add("Stockholms stad", "Stockholm (stad)")
	f.Add("a.*b kommun", "a.*b")
	f.Fuzz(func(t *testing.T, text, name string) {
		got := app.MatchInvitedMembers(text, members(name, "Kiruna"))
		for _, g := range got {
			if g != name && g != "Kiruna" {
				t.Fatalf("matched %q, not a member", g)
			}
		}
		base := strings.Join(strings.Fields(name), " ")
		if base == "" || strings.EqualFold(base, "kommun") || strings.EqualFold(base, "stad") || strings.ContainsAny(base, "\n\r") || strings.HasSuffix(strings.ToLower(base), " kommun") ||
			strings.HasSuffix(strings.ToLower(base), " stad") || !utf8.ValidString(base) {
			return
		}
		if got := app.MatchInvitedMembers("1. "+base+" kommun\n", members(name)); len(got) != 1 {
			t.Fatalf("%q not found in its own line", name)
		}
	})
}
