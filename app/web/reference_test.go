package web_test

import (
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
)

// TestOurReferenceIsTheNetworksDiaryNumber: "Vår referens" in the exported
// response is the diarienummer the secretariat registered on the
// statement, not a fragment of its hash; members may not set it; a
// statement without one shows none.
func TestOurReferenceIsTheNetworksDiaryNumber(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustResponse(app.StatementPublished)
	if text := pdfToText(t, mustPDF(f, st.Slug)); text != "" && strings.Contains(text, "Vår referens") {
		t.Errorf("a statement without a diarienummer shows Vår referens: %.300s", text)
	}
	f.mustCall(403, "memberA", "PUT", "/api/v1/statements/"+st.ID+"/reference", `{"reference":"IK 2026/14"}`)
	out := f.mustCall(200, "secretariat", "PUT", "/api/v1/statements/"+st.ID+"/reference", `{"reference":"  IK   2026/14 "}`)
	if !strings.Contains(out, `"reference":"IK 2026/14"`) {
		t.Fatalf("answer: %s", out)
	}
	text := pdfToText(t, mustPDF(f, st.Slug))
	if text != "" && (!strings.Contains(text, "Vår referens: IK 2026/14") || strings.Contains(text, st.ContentHash[:8]+" ")) {
		t.Errorf("PDF: %.400s", text)
	}
}

func mustPDF(f *fixture, slug string) []byte {
	f.t.Helper()
	b, _ := f.download("", "/stallningstaganden/"+slug+".pdf")
	return b
}
