package regeringen_test

import (
	"bytes"
	"slices"
	"testing"

	"github.com/samsyn/samsyn/app/regeringen"
	"github.com/samsyn/samsyn/app/regeringen/regeringentest"
)

// FuzzParse feeds the parser arbitrary pages (seeded with the captured
// ones): it never panics, and what it returns is consistent.
//
//	go test -fuzz FuzzParse ./app/regeringen
func FuzzParse(f *testing.F) {
	for _, name := range regeringentest.Pages {
		f.Add(regeringentest.Read(f, name))
	}
	f.Add([]byte(`<main><h1>Remiss av x</h1><p>senast den 31 december 2026</p></main>`))
	f.Add([]byte(`<main><h1>Remisser</h1><div class="sortcompact"><a href="/remisser/2026/01/a">A, Fi2026/1</a></div></main>`))
	f.Fuzz(func(t *testing.T, page []byte) {
		p, err := regeringen.Parse(bytes.NewReader(page), nil)
		if err != nil {
			return
		}
		if p.Kind != regeringen.KindRemiss && p.Kind != regeringen.KindListing || len(p.Remisser) == 0 {
			t.Fatalf("page %+v", p)
		}
		for _, r := range p.Remisser {
			for _, m := range r.Missing {
				if !slices.Contains(regeringen.AllFields, m) {
					t.Fatalf("unknown missing field %q", m)
				}
			}
			if (r.Reference == "") != slices.Contains(r.Missing, "reference") || (r.Deadline.IsZero()) != slices.Contains(r.Missing, "deadline") {
				t.Fatalf("missing %v disagrees with %+v", r.Missing, r)
			}
		}
	})
}
