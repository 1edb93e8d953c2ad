package regeringen_test

import (
	"reflect"
	"testing"

	"github.com/samsyn/samsyn/app"
)

// TestAnswerLinksOfClosedCase: the closed case lists 17 answers; each
// gives its organisation (the link text without "(pdf 119 kB)") and the
// PDF's absolute address, in the page's order — checked by hand against
// case-closed.html.
func TestAnswerLinksOfClosedCase(t *testing.T) {
	t.Parallel()
	got := mustParse(t, "case-closed.html").Remisser[0].AnswerLinks()
	dir := base + "/contentassets/8cbfd0696c2641c9b4caa992a1f82a8c/"
	want := []app.AnswerLink{
		{Organisation: "Förvaltningsrätten i Jönköping", URL: dir + "forvaltningsratten-i-jonkoping.pdf"},
		{Organisation: "Kammarkollegiet", URL: dir + "kammarkollegiet.pdf"},
		{Organisation: "Kammarrätten i Jönköping", URL: dir + "kammarratten-i-jonkoping.pdf"},
		{Organisation: "Kemikalieinspektionen", URL: dir + "kemikalieinspektionen.pdf"},
		{Organisation: "Konkurrensverket", URL: dir + "konkurrensverket.pdf"},
		{Organisation: "Konsumentverket", URL: dir + "konsumentverket.pdf"},
		{Organisation: "Patent och registreringsverket", URL: dir + "patent-och-registreringsverket.pdf"},
		{Organisation: "Polismyndigheten", URL: dir + "polismyndigheten.pdf"},
		{Organisation: "Regelrådet", URL: dir + "regelradet.pdf"},
		{Organisation: "Riksarkivet", URL: dir + "riksarkivet.pdf"},
		{Organisation: "RISE Research Institutes of Sweden AB", URL: dir + "rise-research-institutes-of-sweden-ab.pdf"},
		{Organisation: "Statskontoret", URL: dir + "statskontoret.pdf"},
		{Organisation: "Styrelsen för ackreditering och teknisk kontroll", URL: dir + "styrelsen-for-ackreditering-och-teknisk-kontroll.pdf"},
		{Organisation: "Sveriges advokatsamfund", URL: dir + "sveriges-advokatsamfund.pdf"},
		{Organisation: "Tillväxtverket", URL: dir + "tillvaxtverket.pdf"},
		{Organisation: "Tullverket", URL: dir + "tullverket.pdf"},
		{Organisation: "Upphandlingsmyndigheten", URL: dir + "upphandlingsmyndigheten.pdf"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("answers\n got %q\nwant %q", got, want)
	}
	kinds := map[app.OrgKind]int{}
	for _, a := range got {
		kinds[app.ClassifyOrganisation(a.Organisation)]++
	}
	// Two bodies are no authority: RISE (a company) and the bar association.
	if kinds[app.OrgAuthority] != 15 || kinds[app.OrgOther] != 2 {
		t.Errorf("kinds of the 17: %v", kinds)
	}
	if open := mustParse(t, "case-open.html").Remisser[0].AnswerLinks(); len(open) != 0 {
		t.Errorf("an open case lists no answers: %q", open)
	}
}
