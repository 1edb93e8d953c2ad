package app

import (
	"slices"
	"testing"
)

func TestAllies(t *testing.T) {
	t.Parallel()
	network := map[string]Stance{"c1": StanceFor, "c2": StanceAgainst, "c3": StanceFor, "c4": StanceNoComment}
	answers := []AnswerStance{
		{"c1", "Skellefteå kommun", "kommun", StanceFor},
		{"c2", "Skellefteå kommun", "kommun", StanceAgainst},
		{"c3", "skellefteå kommun ", "kommun", StanceFor},
		{"c1", "Naturskyddsföreningen", "organisation", StanceAgainst},
		{"c2", "Naturskyddsföreningen", "organisation", StanceFor},
		{"c3", "Naturskyddsföreningen", "organisation", StanceFor},
		{"c1", "Energimyndigheten", "myndighet", StanceFor},
		{"c2", "Energimyndigheten", "myndighet", StancePartly},  // unclear positions count for neither
		{"c4", "Energimyndigheten", "myndighet", StanceAgainst}, // the network had no position
		{"c9", "Energimyndigheten", "myndighet", StanceAgainst}, // the network did not answer
		{"c1", "Kammarkollegiet", "myndighet", StanceNoComment}, // no position: in neither list
		{"c1", "Skellefteå kommun", "kommun", StanceFor},        // the same consultation twice counts once
	}
	allies, opponents := Allies(network, answers)
	if got := names(allies); !slices.Equal(got, []string{"Skellefteå kommun", "Energimyndigheten"}) {
		t.Errorf("allies = %v", got)
	}
	if got := allies[0].Agreed; !slices.Equal(got, []string{"c1", "c2", "c3"}) {
		t.Errorf("Skellefteå agreed on %v, want c1 c2 c3", got)
	}
	if got := names(opponents); !slices.Equal(got, []string{"Naturskyddsföreningen"}) {
		t.Errorf("opponents = %v", got)
	}
	if o := opponents[0]; !slices.Equal(o.Opposed, []string{"c1", "c2"}) || !slices.Equal(o.Agreed, []string{"c3"}) {
		t.Errorf("Naturskyddsföreningen: opposed %v agreed %v", o.Opposed, o.Agreed)
	}
}

func TestNetworkStance(t *testing.T) {
	t.Parallel()
	s := &Statement{Body: "## Sammanfattning\n\nNätverket **tillstyrker** förslaget om snabbare elnätsanslutning.\n\n- men vill se uppföljning"}
	got := NetworkStance(s)
	if got.Stance != StanceFor || got.Quote != "Nätverket tillstyrker förslaget om snabbare elnätsanslutning." {
		t.Errorf("NetworkStance = %+v", got)
	}
}

func names(as []Ally) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Organisation)
	}
	return out
}
