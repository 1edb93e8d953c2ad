package app

import (
	"strings"
	"testing"
)

func TestClassifyStanceFormulas(t *testing.T) {
	t.Parallel()
	cases := []struct {
		text string
		want Stance
	}{
		{"Kammarkollegiet har, utifrån de utgångspunkter som myndigheten har att beakta, inte några synpunkter på de remitterade förslagen. Det bör dock framhållas att anslaget är litet.", StanceNoComment},
		{"Luleå kommun tillstyrker förslaget.", StanceFor},
		{"Kommunen avstyrker förslaget om ändrad prövning.", StanceAgainst},
		{"Regionen tillstyrker förslaget, men anser att ikraftträdandet bör skjutas upp.", StancePartly},
		{"Föreningen har inget att invända mot förslagen.", StanceNoComment},
		{"Remissen gäller en ny lag. Vi har läst den.", StanceUnclear},
	}
	for _, c := range cases {
		got := ClassifyStance([]string{c.text})
		if got.Stance != c.want {
			t.Errorf("%q: stance %s, want %s", c.text, got.Stance, c.want)
		}
		if got.Stance != StanceUnclear && (got.Quote == "" || !strings.Contains(c.text, got.Quote)) {
			t.Errorf("%q: quote %q is not a substring", c.text, got.Quote)
		}
	}
}
