package mongodb_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
)

var remissT0 = time.Date(2026, 3, 2, 8, 15, 30, 123_000_000, time.UTC)

func remiss(ref, key string, status app.ConsultationStatus, deadline app.Date) *app.Consultation {
	return &app.Consultation{Title: "Remiss " + ref, Reference: ref, ReferenceKey: key,
		Issuer: "Finansdepartementet", Deadline: deadline, Status: status, Version: 1,
		CreatedAt: remissT0, UpdatedAt: remissT0}
}

func TestConsultationStoreRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mongodb.NewConsultationStore(mongotest.MustOpenDB(t))
	c := &app.Consultation{
		Title:     "Snabbare tillståndsprövning för gröna industriinvesteringar – åtgärder för Övre Norrland",
		Reference: "KN2026/01234", ReferenceKey: "KN2026/1234",
		Issuer: "Klimat- och näringslivsdepartementet", SourceURL: "https://www.regeringen.se/remisser/2026/01/a",
		ReceivedOn: app.NewDate(2026, 1, 15), Deadline: app.NewDate(2026, 4, 30),
		Status: app.ConsultationDeclined, DeclineReason: "Ligger utanför nätverkets uppdrag; kommunerna svarar själva.",
		Documents:   []app.Link{{Title: "Remissmissiv", URL: "https://example.se/missiv.pdf"}, {Title: "Sändlista – örter", URL: "https://example.se/s.pdf"}},
		IssueIDs:    []string{"6650a1b2c3d4e5f601234567"},
		StatementID: "6650a1b2c3d4e5f607654321",
		DraftDue:    app.NewDate(2026, 4, 15), SignaturesDue: app.NewDate(2026, 4, 27),
		Topics:  []string{"tillstånd", "miljöprövning", "älvdal"},
		Version: 1, CreatedAt: remissT0, UpdatedAt: remissT0.Add(time.Hour),
	}
	if err := s.CreateConsultation(ctx, c); err != nil {
		t.Fatal(err)
	}
	if c.ID == "" || c.Version != 1 {
		t.Fatalf("created %+v", c)
	}
	got, err := s.ConsultationByID(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, c) {
		t.Fatalf("round trip:\n got %+v\nwant %+v", got, c)
	}
	if got.Deadline.String() != "2026-04-30" {
		t.Errorf("deadline = %s", got.Deadline)
	}
}

func TestConsultationStoreEmptyDatesAndReference(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mongodb.NewConsultationStore(mongotest.MustOpenDB(t))
	a, b := remiss("", "", app.ConsultationIncoming, app.Date{}), remiss("", "", app.ConsultationIncoming, app.Date{})
	for _, c := range []*app.Consultation{a, b} {
		if err := s.CreateConsultation(ctx, c); err != nil {
			t.Fatalf("consultation without reference: %v", err)
		}
	}
	got, err := s.ConsultationByID(ctx, b.ID)
	if err != nil || !reflect.DeepEqual(got, b) {
		t.Fatalf("round trip of zero dates: %+v %v", got, err)
	}
	if !got.Deadline.IsZero() || got.ReferenceKey != "" || got.Deadline.String() != "" {
		t.Fatalf("zero fields came back as %q %q", got.Deadline, got.ReferenceKey)
	}
}

func TestConsultationStoreConflictAndNotFound(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mongodb.NewConsultationStore(mongotest.MustOpenDB(t))
	if err := s.CreateConsultation(ctx, remiss("Fi2026/02110", "FI2026/2110", app.ConsultationIncoming, app.NewDate(2026, 5, 4))); err != nil {
		t.Fatal(err)
	}
	dup := remiss("fi 2026/2110", "FI2026/2110", app.ConsultationAssessing, app.NewDate(2026, 5, 4))
	err := s.CreateConsultation(ctx, dup)
	if app.ErrorCode(err) != app.ECONFLICT || app.ErrorFields(err)["reference"] == "" {
		t.Fatalf("duplicate reference: %v", err)
	}
	if dup.ID != "" {
		t.Fatalf("failed create set ID %q", dup.ID)
	}
	for _, id := range []string{"", "nope", "000000000000000000000000", `{"$gt":""}`} {
		if _, err := s.ConsultationByID(ctx, id); app.ErrorCode(err) != app.ENOTFOUND {
			t.Errorf("ConsultationByID(%q) = %v, want not found", id, err)
		}
	}
}

func TestConsultationStoreListByDeadline(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mongodb.NewConsultationStore(mongotest.MustOpenDB(t))
	for i, st := range []app.ConsultationStatus{app.ConsultationDrafting, app.ConsultationIncoming,
		app.ConsultationDrafting, app.ConsultationDrafting, app.ConsultationSubmitted} {
		ref := "LI2026/0041" + string(rune('0'+i))
		c := remiss(ref, ref, st, app.NewDate(2026, 6, 10-i)) // later ones fall due earlier
		if err := s.CreateConsultation(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	all, total, err := s.ListConsultations(ctx, app.ConsultationFilter{})
	if err != nil || total != 5 || len(all) != 5 {
		t.Fatalf("all: %d %d %v", len(all), total, err)
	}
	for i := 1; i < len(all); i++ {
		if all[i].Deadline.Before(all[i-1].Deadline) {
			t.Fatalf("not by deadline: %s before %s", all[i-1].Deadline, all[i].Deadline)
		}
	}
	page, total, err := s.ListConsultations(ctx, app.ConsultationFilter{Status: "drafting", Page: app.Page{Number: 2, Size: 2}})
	if err != nil || total != 3 || len(page) != 1 {
		t.Fatalf("drafting page 2: %d of %d, %v", len(page), total, err)
	}
	if page[0].Reference != "LI2026/00410" || page[0].Status != app.ConsultationDrafting {
		t.Fatalf("last drafting = %s %s, want LI2026/00410 (latest deadline)", page[0].Reference, page[0].Status)
	}
	if _, total, _ := s.ListConsultations(ctx, app.ConsultationFilter{Status: "declined"}); total != 0 {
		t.Fatalf("declined total = %d", total)
	}
}

func TestUpdateConsultation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mongodb.NewConsultationStore(mongotest.MustOpenDB(t))
	a := &app.Consultation{Title: "Elnät i norr", Reference: "KN2026/00741", ReferenceKey: "KN2026/741",
		Issuer: "Klimat- och näringslivsdepartementet", Status: app.ConsultationIncoming, Deadline: app.NewDate(2026, 12, 18)}
	b := &app.Consultation{Title: "Tillstånd", Reference: "LI2026/1", ReferenceKey: "LI2026/1", Status: app.ConsultationIncoming}
	for _, c := range []*app.Consultation{a, b} {
		if err := s.CreateConsultation(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	stale := *a
	a.Status, a.Title = app.ConsultationAssessing, "Elnät i norra Sverige"
	if err := s.UpdateConsultation(ctx, a); err != nil || a.Version != 2 {
		t.Fatalf("update: %v (version %d)", err, a.Version)
	}
	stale.Title = "Gammal"
	if err := s.UpdateConsultation(ctx, &stale); app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("stale update: %v", err)
	}
	b.ReferenceKey = "KN2026/741"
	if err := s.UpdateConsultation(ctx, b); app.ErrorCode(err) != app.ECONFLICT || app.ErrorFields(err)["reference"] == "" {
		t.Fatalf("taking another case's reference: %v", err)
	}
	got, err := s.ConsultationByReference(ctx, "KN2026/741")
	if err != nil || got.ID != a.ID || got.Title != "Elnät i norra Sverige" || got.Status != app.ConsultationAssessing {
		t.Fatalf("by reference: %+v %v", got, err)
	}
	if _, err := s.ConsultationBySourceURL(ctx, ""); app.ErrorCode(err) != app.ENOTFOUND {
		t.Fatalf("empty URL: %v", err)
	}
}
