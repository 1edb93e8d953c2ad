package app

import "testing"

func TestClassifyOrganisation(t *testing.T) {
	for _, tt := range []struct {
		name string
		want OrgKind
	}{
		{"Luleå kommun", OrgMunicipality},
		{"Stockholms stad", OrgMunicipality},
		{"Kommunstyrelsen i Kiruna", OrgMunicipality},
		{"Region Norrbotten", OrgRegion},
		{"Västra Götalandsregionen", OrgRegion},
		{"Förvaltningsrätten i Jönköping", OrgAuthority},
		{"Kammarrätten i Jönköping", OrgAuthority},
		{"Kammarkollegiet", OrgAuthority},
		{"Kemikalieinspektionen", OrgAuthority},
		{"Konkurrensverket", OrgAuthority},
		{"Patent och registreringsverket", OrgAuthority},
		{"Polismyndigheten", OrgAuthority},
		{"Regelrådet", OrgAuthority},
		{"Riksarkivet", OrgAuthority},
		{"Statskontoret", OrgAuthority},
		{"Styrelsen för ackreditering och teknisk kontroll", OrgAuthority},
		{"Länsstyrelsen i Norrbottens län", OrgAuthority},
		{"Statens energimyndighet", OrgAuthority},
		{"Hovrätten över Skåne och Blekinge", OrgAuthority},
		{"Luleå tekniska universitet", OrgAuthority},
		{"Upphandlingsmyndigheten", OrgAuthority},
		{"Sveriges advokatsamfund", OrgOther},
		{"RISE Research Institutes of Sweden AB", OrgOther},
		{"Sveriges Kommuner och Regioner", OrgOther},
		{"Svenskt Näringsliv", OrgOther},
		{"Näringslivets regelnämnd", OrgOther},
		{"Regionförbundet", OrgOther},
		{"", OrgOther},
	} {
		if got := ClassifyOrganisation(tt.name); got != tt.want {
			t.Errorf("ClassifyOrganisation(%q) = %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestEffectiveStanceAndChecksum(t *testing.T) {
	r := &ExternalResponse{Stance: StanceNoComment, Paragraphs: []string{"Ett.", "Två."}}
	if r.EffectiveStance() != StanceNoComment {
		t.Fatalf("no override: %s", r.EffectiveStance())
	}
	r.StanceOverride = &StanceOverride{Stance: StanceAgainst, Reason: "Läs sista stycket."}
	if r.EffectiveStance() != StanceAgainst {
		t.Errorf("the override wins: %s", r.EffectiveStance())
	}
	// sha256("Ett.\n\nTvå.")
	if got := ResponseChecksum(r.Paragraphs); got != ResponseChecksum([]string{"Ett.\n\nTvå."}) || len(got) != 64 {
		t.Errorf("checksum of the joined text: %s", got)
	}
	if ResponseChecksum([]string{"Ett.", "Två"}) == ResponseChecksum(r.Paragraphs) {
		t.Error("a changed text has the same checksum")
	}
}
