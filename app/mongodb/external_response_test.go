package mongodb_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
)

func TestExternalResponseStore(t *testing.T) {
	t.Parallel()
	db := mongotest.MustOpenDB(t)
	ctx := context.Background()
	s := mongodb.NewExternalResponseStore(db)
	now := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	cid := "6b081b18a1794c3f0b07d01e"
	paras := []string{"Kammarkollegiet har inga synpunkter på förslagen i betänkandet.", "Åsa Ödman"}
	r := &app.ExternalResponse{ConsultationID: cid, Organisation: "Kammarkollegiet", OrgKind: app.OrgAuthority,
		SourceURL: "https://www.regeringen.se/contentassets/x/kammarkollegiet.pdf", Paragraphs: paras,
		Checksum: app.ResponseChecksum(paras), Stance: app.StanceNoComment, Quote: paras[0], ETag: `"abc"`,
		FetchedAt: now, CreatedAt: now, UpdatedAt: now}
	if err := s.CreateExternalResponse(ctx, r); err != nil || r.ID == "" || r.Version != 1 {
		t.Fatalf("create: %v %+v", err, r)
	}
	twin := *r
	twin.ID = ""
	if err := s.CreateExternalResponse(ctx, &twin); app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("the same PDF twice: %v", err)
	}
	other := &app.ExternalResponse{ConsultationID: cid, Organisation: "Förvaltningsrätten i Jönköping",
		OrgKind: app.OrgAuthority, SourceURL: "https://www.regeringen.se/contentassets/x/skannad.pdf", NoText: true,
		Stance: app.StanceUnclear, CreatedAt: now, UpdatedAt: now}
	if err := s.CreateExternalResponse(ctx, other); err != nil {
		t.Fatal(err)
	}
	elsewhere := &app.ExternalResponse{ConsultationID: "6b081b18a1794c3f0b07d01f", Organisation: "Kammarkollegiet",
		SourceURL: r.SourceURL, Stance: app.StanceUnclear, CreatedAt: now, UpdatedAt: now}
	if err := s.CreateExternalResponse(ctx, elsewhere); err != nil {
		t.Fatalf("the same PDF in another consultation: %v", err)
	}

	list, err := s.ListExternalResponses(ctx, cid)
	if err != nil || len(list) != 2 || list[0].Organisation != "Förvaltningsrätten i Jönköping" || !list[0].NoText {
		t.Fatalf("list by organisation: %v %+v", err, list)
	}
	got, err := s.ExternalResponseBySource(ctx, cid, r.SourceURL)
	if err != nil || got.ID != r.ID || got.Paragraphs[1] != "Åsa Ödman" || got.ETag != `"abc"` || got.Checksum != r.Checksum ||
		!got.FetchedAt.Equal(now) || got.StanceOverride != nil {
		t.Fatalf("by source: %v %+v", err, got)
	}
	if _, err := s.ExternalResponseBySource(ctx, cid, "https://example.org/none.pdf"); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("unknown source: %v", err)
	}
	if _, err := s.ExternalResponseByID(ctx, "nope"); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("malformed id: %v", err)
	}

	stale := *got
	got.StanceOverride = &app.StanceOverride{Stance: app.StanceAgainst, Reason: "Sista stycket avstyrker.", By: "u1", At: now}
	got.UpdatedAt = now.Add(time.Hour)
	if err := s.UpdateExternalResponse(ctx, got); err != nil || got.Version != 2 {
		t.Fatalf("override: %v", err)
	}
	if err := s.UpdateExternalResponse(ctx, &stale); app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("stale update: %v", err)
	}
	back, err := s.ExternalResponseByID(ctx, r.ID)
	if err != nil || back.EffectiveStance() != app.StanceAgainst || back.Stance != app.StanceNoComment ||
		back.StanceOverride.Reason != "Sista stycket avstyrker." || back.Version != 2 {
		t.Fatalf("read back: %v %+v", err, back)
	}
	list, err = s.ListExternalResponses(ctx, cid)
	if err != nil || len(list) != 2 {
		t.Fatalf("list after the override: %v %+v", err, list)
	}
	if l := list[1]; l.ID != r.ID || l.EffectiveStance() != app.StanceAgainst || l.Stance != app.StanceNoComment ||
		l.Quote != paras[0] || l.Version != 2 || l.Paragraphs != nil || l.OrgKind != app.OrgAuthority {
		t.Fatalf("the list shows the answer as it is now, without its text: %+v", l)
	}
}

// Two harvesters storing the same answer at once: one wins, the other is
// told of the conflict, and the roster lists it once.
func TestExternalResponseStoreConcurrentCreate(t *testing.T) {
	t.Parallel()
	db := mongotest.MustOpenDB(t)
	ctx := context.Background()
	s := mongodb.NewExternalResponseStore(db)
	cid := "6b081b18a1794c3f0b07d020"
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = s.CreateExternalResponse(ctx, &app.ExternalResponse{ConsultationID: cid, Organisation: "Tullverket",
				SourceURL: "https://www.regeringen.se/contentassets/x/tullverket.pdf", Stance: app.StanceUnclear})
		}()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case app.ErrorCode(err) != app.ECONFLICT:
			t.Errorf("unexpected: %v", err)
		}
	}
	list, err := s.ListExternalResponses(ctx, cid)
	if ok != 1 || err != nil || len(list) != 1 {
		t.Fatalf("%d created, list %d %v", ok, len(list), err)
	}
}

// TestInsertExternalResponses: a bulk load lists each answer under its
// consultation, and a later create of the same PDF is a conflict.
func TestInsertExternalResponses(t *testing.T) {
	t.Parallel()
	db := mongotest.MustOpenDB(t)
	ctx := context.Background()
	s := mongodb.NewExternalResponseStore(db)
	now := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	mk := func(cid, org string) *app.ExternalResponse {
		return &app.ExternalResponse{ConsultationID: cid, Organisation: org, OrgKind: app.ClassifyOrganisation(org),
			SourceURL: "https://www.regeringen.se/contentassets/" + cid + "/" + org + ".pdf", Paragraphs: []string{org + " tillstyrker."},
			Stance: app.StanceFor, Quote: org + " tillstyrker.", FetchedAt: now, CreatedAt: now, UpdatedAt: now}
	}
	a, b := "6b081b18a1794c3f0b07d0aa", "6b081b18a1794c3f0b07d0bb"
	rs := []*app.ExternalResponse{mk(a, "Umeå kommun"), mk(b, "Boverket"), mk(a, "Älvsbyns kommun")}
	if err := s.InsertExternalResponses(ctx, rs); err != nil {
		t.Fatal(err)
	}
	for cid, want := range map[string][]string{a: {"Umeå kommun", "Älvsbyns kommun"}, b: {"Boverket"}} {
		list, err := s.ListExternalResponses(ctx, cid)
		if err != nil || len(list) != len(want) {
			t.Fatalf("%s: %v %+v", cid, err, list)
		}
		for i, r := range list {
			if r.Organisation != want[i] || r.ID == "" || r.Stance != app.StanceFor {
				t.Errorf("%s[%d] = %+v", cid, i, r)
			}
		}
	}
	if err := s.CreateExternalResponse(ctx, mk(a, "Umeå kommun")); app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("the same PDF again after a bulk load: %v", err)
	}
	if got, err := s.ExternalResponseByID(ctx, rs[1].ID); err != nil || got.Paragraphs[0] != "Boverket tillstyrker." {
		t.Fatalf("by id: %v %+v", err, got)
	}
}

// A roster stored before rosters were packed (its entries as an array of
// documents) still lists its answers, and the next answer entered packs
// them all together.
func TestUnpackedRosterStillReads(t *testing.T) {
	t.Parallel()
	db := mongotest.MustOpenDB(t)
	ctx := context.Background()
	s := mongodb.NewExternalResponseStore(db)
	cid := "6b081b18a1794c3f0b07d0aa"
	old := bson.D{{Key: "_id", Value: cid}, {Key: "entries", Value: bson.A{bson.D{
		{Key: "id", Value: "6b081b18a1794c3f0b07d0ab"}, {Key: "source_url", Value: "https://www.regeringen.se/x/lulea.pdf"},
		{Key: "organisation", Value: "Luleå kommun"}, {Key: "org_kind", Value: "kommun"},
		{Key: "stance", Value: "tillstyrker"}, {Key: "quote", Value: "Luleå kommun tillstyrker förslaget."}, {Key: "version", Value: 1},
	}}}}
	if _, err := db.Col("external_response_rosters").InsertOne(ctx, old); err != nil {
		t.Fatal(err)
	}
	list, err := s.ListExternalResponses(ctx, cid)
	if err != nil || len(list) != 1 || list[0].Organisation != "Luleå kommun" || list[0].Stance != app.StanceFor ||
		list[0].Quote != "Luleå kommun tillstyrker förslaget." {
		t.Fatalf("the old roster: %v %+v", err, list)
	}
	now := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	if err := s.CreateExternalResponse(ctx, &app.ExternalResponse{ConsultationID: cid, Organisation: "Boverket",
		OrgKind: app.OrgAuthority, SourceURL: "https://www.regeringen.se/x/boverket.pdf", Stance: app.StanceAgainst,
		CreatedAt: now, UpdatedAt: now}); err != nil {
		t.Fatal(err)
	}
	list, err = s.ListExternalResponses(ctx, cid)
	if err != nil || len(list) != 2 || list[0].Organisation != "Boverket" || list[1].Organisation != "Luleå kommun" {
		t.Fatalf("after one more answer: %v %+v", err, list)
	}
	raw, err := db.Col("external_response_rosters").FindOne(ctx, bson.D{{Key: "_id", Value: cid}}).Raw()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.LookupErr("entries"); err == nil {
		t.Errorf("the roster still holds unpacked entries: %s", raw)
	}
	if _, err := raw.LookupErr("packed"); err != nil {
		t.Errorf("the roster is not packed: %s", raw)
	}
}
