package pdftext_test

import (
	"context"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/samsyn/samsyn/app/pdftext"
	"github.com/samsyn/samsyn/app/pdftext/pdftexttest"
)

// One extractor for the package's tests: PDFium takes seconds to start.
var (
	shared     *pdftext.Extractor
	sharedOnce sync.Once
)

func extractor() *pdftext.Extractor {
	sharedOnce.Do(func() { shared = pdftext.New() })
	return shared
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shared != nil {
		_ = shared.Close()
	}
	os.Exit(code)
}

func TestRealRemissvar(t *testing.T) {
	t.Parallel()
	pdf, err := os.ReadFile("testdata/kammarkollegiet-kn2026-00741.pdf")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := extractor().Extract(context.Background(), pdf)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Pages) != 1 {
		t.Fatalf("pages = %d, want 1", len(doc.Pages))
	}
	want := "Kammarkollegiet har, utifrån de utgångspunkter som myndigheten har att beakta, inte " +
		"några synpunkter på de remitterade förslagen."
	if !containsParagraph(doc.Paragraphs, want) {
		t.Errorf("no paragraph %q in\n%s", want, strings.Join(doc.Paragraphs, "\n--\n"))
	}
	next := "Det bör dock framhållas att Kammarkollegiet under de senaste åren fått flera nya " +
		"administrativa sanktionsavgifter att hantera inom ramen för tilldelat anslag."
	if !strings.Contains(doc.Text(), next) {
		t.Errorf("the second paragraph's lines are not joined: %q missing", next)
	}
	for _, word := range []string{"näringslivsdepartementet", "ädelmetallarbeten", "Föredragande", "Slottsbacken"} {
		if !strings.Contains(doc.Text(), word) {
			t.Errorf("%q lost: å/ä/ö not intact?", word)
		}
	}
}

func TestGeneratedListAndWraps(t *testing.T) {
	t.Parallel()
	long := "Kommunen tillstyrker förslaget om en snabbare miljöprövning men vill att " +
		"länsstyrelsernas handläggningstider följs upp årligen så att verksamhetsutövare " +
		"i hela landet får besked inom rimlig tid och att överklagandeprocessen förenklas."
	list := "1. Luleå kommun\n2. Skellefteå kommun\n3. Sveriges Kommuner och Regioner\n4. Energimyndigheten"
	pdf := pdftexttest.Text(t, "Remissinstanser", list, long)
	doc, err := extractor().Extract(context.Background(), pdf)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"1. Luleå kommun", "2. Skellefteå kommun", "3. Sveriges Kommuner och Regioner", long} {
		if !containsParagraph(doc.Paragraphs, p) {
			t.Errorf("no paragraph %q in %q", p, doc.Paragraphs)
		}
	}
}

func TestScanHasNoText(t *testing.T) {
	t.Parallel()
	_, err := extractor().Extract(context.Background(), pdftexttest.Scan(t))
	if !errors.Is(err, pdftext.ErrNoText) {
		t.Fatalf("err = %v, want ErrNoText", err)
	}
}

func TestNotAPDF(t *testing.T) {
	t.Parallel()
	for _, in := range [][]byte{nil, []byte("<html>not a pdf</html>"), []byte("%PDF-1.4 truncated")} {
		if _, err := extractor().Extract(context.Background(), in); !errors.Is(err, pdftext.ErrNotPDF) {
			t.Errorf("Extract(%q) err = %v, want ErrNotPDF", in, err)
		}
	}
}

func TestParagraphs(t *testing.T) {
	t.Parallel()
	line := strings.Repeat("ord ", 20)
	cases := []struct {
		name  string
		pages []string
		want  []string
	}{
		{"hyphen wrap joined", []string{line + "till-\nstyrker förslaget.\n"}, []string{strings.TrimSpace(line) + " tillstyrker förslaget."}},
		{"compound hyphen kept", []string{line + "miljö-\noch energifrågor.\n"}, []string{strings.TrimSpace(line) + " miljö- och energifrågor."}},
		{"short line ends paragraph", []string{line + "\nKort rad.\nNästa stycke.\n"}, []string{strings.TrimSpace(line) + " Kort rad.", "Nästa stycke."}},
		{"blank line ends paragraph", []string{"Ett.\n\nTvå.\n"}, []string{"Ett.", "Två."}},
		{"page end ends paragraph", []string{line, "fortsätter"}, []string{strings.TrimSpace(line), "fortsätter"}},
		{"heading colon ends paragraph", []string{strings.TrimSpace(line) + ":\n" + line}, []string{strings.TrimSpace(line) + ":", strings.TrimSpace(line)}},
	}
	for _, c := range cases {
		got := pdftext.Paragraphs(c.pages)
		if strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}

func containsParagraph(ps []string, want string) bool {
	for _, p := range ps {
		if p == want {
			return true
		}
	}
	return false
}
