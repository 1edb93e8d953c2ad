package swedish_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/search/swedish"
)

func TestWordNormalForms(t *testing.T) {
	lx := swedish.Default()
	cases := []struct {
		in, want string
		parts    []string
	}{
		{"elnät", "elnät", []string{"el", "nät"}},
		{"elnätet", "elnät", []string{"el", "nät"}},
		{"elnätets", "elnät", []string{"el", "nät"}},
		{"tillstånd", "tillstånd", nil},
		{"tillståndet", "tillstånd", nil},
		{"stål", "stål", nil},
		{"stålet", "stål", nil},
		{"vätgas", "vätgas", nil},
		{"vätgasen", "vätgas", nil},
		{"hamnar", "hamn", nil},
		{"hamnarna", "hamn", nil},
		{"kommunerna", "kommun", nil},
		{"kapaciteten", "kapacitet", nil},
		{"regeringen", "regering", nil},
		{"tillståndsprövning", "tillståndsprövning", []string{"tillstånd", "prövning"}},
		{"tillståndsprövningen", "tillståndsprövning", []string{"tillstånd", "prövning"}},
		{"kapacitetsbrist", "kapacitetsbrist", []string{"kapacitet", "brist"}},
		{"kompetensförsörjning", "kompetensförsörjning", []string{"kompetens", "försörjning"}},
		{"miljöprövningen", "miljöprövning", []string{"miljö", "prövning"}},
		{"nätkapaciteten", "nätkapacitet", []string{"nät", "kapacitet"}},
		{"näringslivsdepartementet", "näringslivsdepartement", []string{"näring", "liv", "departement"}},
		// Verbs the word list took for forms of nouns ("ta ansvar" found "tum").
		{"ta", "ta", nil},
		{"tas", "tas", nil},
		{"tog", "tog", nil},
		{"tum", "tum", nil},
		{"togan", "toga", nil},
	}
	for _, c := range cases {
		got, parts := lx.Word(c.in)
		if got != c.want || !slices.Equal(parts, c.parts) {
			t.Errorf("Word(%q) = %q %q, want %q %q", c.in, got, parts, c.want, c.parts)
		}
	}
}

func TestReferencesShareOneSpelling(t *testing.T) {
	groups := [][]string{
		{"KN2026/00741", "KN 2026/741", "kn2026/741", "dnr KN 2026/00741"},
		{"SOU 2026:14", "sou 2026 14", "SOU 2026:014", "SOU2026:14"},
		{"Fi2024/01234", "fi 2024/1234"},
		{"Prop. 2025/26:12", "prop 2025/26:12"},
	}
	for _, g := range groups {
		want := swedish.CanonicalReference(g[0])
		if want == "" {
			t.Errorf("%q: no reference found", g[0])
		}
		for _, s := range g[1:] {
			if got := swedish.CanonicalReference(s); got != want {
				t.Errorf("CanonicalReference(%q) = %q, want %q as for %q", s, got, want, g[0])
			}
		}
	}
	for _, s := range []string{"år 2026 14 kommuner", "2026/741", "telefon 070 123"} {
		if got := swedish.CanonicalReference(s); got != "" {
			t.Errorf("CanonicalReference(%q) = %q, want none", s, got)
		}
	}
}

// terms returns the set of terms of text.
func terms(text string) map[string]bool {
	out := map[string]bool{}
	for _, t := range swedish.Default().Tokens(text) {
		out[t.Term] = true
	}
	return out
}

// TestQueriesMeetDocuments checks that each query shares the terms that
// matter with the text it must find.
func TestQueriesMeetDocuments(t *testing.T) {
	cases := []struct{ query, text, shared string }{
		{"elnät", "Elnätet behöver förstärkas", "elnät"},
		{"tillstånd", "Tillståndet dröjer", "tillstånd"},
		{"stål", "Stålet från Luleå", "stål"},
		{"vätgasen", "Vätgas i Norrbotten", "vätgas"},
		{"tillståndsprövning", "Prövning av tillstånd tar tid", "tillstånd prövning"},
		{"kapacitetsbrist i elnätet", "Elnätets kapacitet räcker inte", "kapacitet elnät"},
		{"KN 2026/741", "Remiss KN2026/00741 från Klimat- och näringslivsdepartementet", "kn2026n741"},
		{"sou 2026 14", "Betänkandet SOU 2026:14", "sou2026n14"},
	}
	for _, c := range cases {
		q, d := terms(c.query), terms(c.text)
		for _, w := range strings.Fields(c.shared) {
			if !q[w] || !d[w] {
				t.Errorf("%q and %q should share %q: query %v, text %v", c.query, c.text, w, q, d)
			}
		}
	}
}

func TestTokensKeepOffsetsAndDropStopWords(t *testing.T) {
	text := "Kapacitetsbrist i elnätet"
	toks := swedish.Default().Tokens(text)
	for _, tk := range toks {
		if tk.Term == "i" {
			t.Errorf("stop word kept: %+v", tk)
		}
		if text[tk.Start:tk.End] == "" || !strings.EqualFold(text[tk.Start:tk.End], tk.Raw) {
			t.Errorf("token %+v: offsets give %q", tk, text[tk.Start:tk.End])
		}
	}
	if last := toks[len(toks)-1]; last.Pos != 3 {
		t.Errorf("position of elnätet = %d, want 3 (stop words count)", last.Pos)
	}
}

func TestFoldKeepsLettersApartOnlyWhenAsked(t *testing.T) {
	if swedish.Fold("Åtgärder för stålet") != "Atgarder for stalet" {
		t.Errorf("Fold = %q", swedish.Fold("Åtgärder för stålet"))
	}
	if terms("stål")["stal"] {
		t.Error("the main pipeline folded å")
	}
}

func TestExtendingTheList(t *testing.T) {
	lx := swedish.NewLexicon()
	if err := lx.AddLines("# egna ord\nbatteri bse\nfabrik\nfabrikerna fabrik\n"); err != nil {
		t.Fatal(err)
	}
	if got, parts := lx.Word("batterifabrikerna"); got != "batterifabrik" || !slices.Equal(parts, []string{"batteri", "fabrik"}) {
		t.Errorf("Word(batterifabrikerna) = %q %q", got, parts)
	}
	if err := lx.AddLines("ett två tre fyra"); err == nil {
		t.Error("a bad line was accepted")
	}
}

func TestShippedListIsSmallAndLoaded(t *testing.T) {
	nouns, forms := swedish.Default().Size()
	if nouns < 30000 || forms < 1000 {
		t.Errorf("lexicon has %d nouns and %d forms; the embedded lists did not load", nouns, forms)
	}
}

func FuzzTokens(f *testing.F) {
	for _, s := range []string{"Elnätet KN2026/00741", "sou 2026 14", "\xff\xfe", strings.Repeat("å", 200)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, tk := range swedish.Default().Tokens(s) {
			if tk.Start < 0 || tk.End > len(s) || tk.Start >= tk.End || tk.Term == "" {
				t.Fatalf("bad token %+v for %q", tk, s)
			}
		}
	})
}

var sample = "Kapacitetsbristen i elnätet hindrar tillståndsprövningen av nya anläggningar för vätgas och " +
	"fossilfritt stål. Remissen KN2026/00741 från Klimat- och näringslivsdepartementet och SOU 2026:14 " +
	"föreslår snabbare miljöprövning, men kommunernas kompetensförsörjning och hamnarnas kapacitet saknas."

func BenchmarkTokens(b *testing.B) {
	lx := swedish.Default()
	b.SetBytes(int64(len(sample)))
	for b.Loop() {
		lx.Tokens(sample)
	}
}

func BenchmarkWordCompound(b *testing.B) {
	lx := swedish.Default()
	for b.Loop() {
		lx.Word("näringslivsdepartementets")
	}
}

// BenchmarkWordUncached analyses a compound no cache has seen: the cost
// of a new word (the cache makes a seen word a map lookup).
func BenchmarkWordUncached(b *testing.B) {
	lx := swedish.Default()
	i := 0
	for b.Loop() {
		i++
		lx.Word("näringslivsdepartement" + string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676%26)))
	}
}

// TestFoldedDefiniteForms: text typed without å, ä, ö meets the other
// forms of its word as the Default lexicon's words do; Snowball alone
// left the definite forms whole (elnatet, stalet).
func TestFoldedDefiniteForms(t *testing.T) {
	t.Parallel()
	lx := swedish.Folded()
	for _, g := range [][]string{{"elnatet", "elnat", "elnatets", "elnaten"}, {"stalet", "stal", "stalets"},
		{"tillstandet", "tillstand"}, {"forpackningarna", "forpackning"}} {
		want, _ := lx.Word(g[0])
		for _, w := range g[1:] {
			if got, _ := lx.Word(w); got != want {
				t.Errorf("Folded().Word(%q) = %q, want %q as for %q", w, got, want, g[0])
			}
		}
	}
}
