package main

import (
	"slices"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
)

// TestAnswersSearchableInternallyOnly: other bodies' answers are found in
// the internal index — by words of their text, by the organisation's
// abbreviation and by the consultation's reference — after a rebuild and,
// for a new one, after its event is synced; whatever is searched, the
// public index never holds one (DESIGN rule 1).
func TestAnswersSearchableInternallyOnly(t *testing.T) {
	t.Parallel()
	s := demoStack(t)
	ctx := t.Context()
	_, c := answeredConsultation(t, s)
	answers := mongodb.NewExternalResponseStore(s.db)
	now := time.Now().UTC()
	add := func(org, text string) *app.ExternalResponse {
		paras := []string{"Remissvar gällande " + c.Title + ".", text}
		r := &app.ExternalResponse{ConsultationID: c.ID, Organisation: org, OrgKind: app.ClassifyOrganisation(org),
			SourceURL: "https://www.regeringen.se/contentassets/test/" + org + ".pdf", Paragraphs: paras,
			Checksum: app.ResponseChecksum(paras), FetchedAt: now, CreatedAt: now, UpdatedAt: now}
		res := app.ClassifyStance(paras)
		r.Stance, r.Quote = res.Stance, res.Quote
		if err := answers.CreateExternalResponse(ctx, r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	skr := add("Sveriges Kommuner och Regioner", "SKR avstyrker förslaget om längre tillståndsprövning för vindkraftsparker.")
	_, eng, syncer := indexedDemoOn(t, s)
	internal := func(q string, want string) {
		t.Helper()
		res, err := eng.Internal().Search(ctx, app.SearchQuery{Text: q, Page: app.Page{Number: 1, Size: 5}})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
			if h.ID == want && h.Type != app.TypeExternalResponse {
				t.Errorf("%q: hit type %q", q, h.Type)
			}
		}
		if !slices.Contains(ids, want) {
			t.Errorf("internal search %q: top 5 %v lack %s", q, ids, want)
		}
	}
	internal("SKR tillståndsprövning", skr.ID)
	internal("vindkraftsparker", skr.ID)
	internal(c.Reference+" Sveriges Kommuner och Regioner", skr.ID)
	res, err := eng.Internal().Search(ctx, app.SearchQuery{Type: app.TypeExternalResponse, Page: app.Page{Number: 1, Size: 100}})
	if err != nil || res.Total == 0 || !slices.ContainsFunc(res.Hits, func(h app.SearchHit) bool { return h.ID == skr.ID }) {
		t.Fatalf("type filter: %v %+v", err, res)
	}
	for _, h := range res.Hits {
		if h.Type != app.TypeExternalResponse {
			t.Errorf("type filter let through %+v", h)
		}
	}

	lkab := add("Luleå kommun", "Luleå kommun tillstyrker förslaget om snabbare elnätsanslutning för industrin.")
	if err := syncer.Hear(ctx, app.Event{Kind: "external_response.add", Subject: app.Subject{Type: "external_response", ID: lkab.ID}}); err != nil {
		t.Fatal(err)
	}
	if _, err := syncer.SyncOnce(ctx); err != nil {
		t.Fatal(err)
	}
	internal("elnätsanslutning", lkab.ID)

	for _, q := range []string{"", "SKR", "vindkraftsparker", "elnätsanslutning", "Luleå kommun tillstyrker", c.Reference} {
		res, err := eng.Public().Search(ctx, app.SearchQuery{Text: q, Page: app.Page{Number: 1, Size: 100}})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Hits {
			if h.Type == app.TypeExternalResponse || h.ID == skr.ID || h.ID == lkab.ID {
				t.Errorf("public search %q found an external answer: %+v", q, h)
			}
		}
	}
}
