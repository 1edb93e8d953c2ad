package mongodb_test

import (
	"context"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
)

var t0 = time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)

func mustMember(t *testing.T, s *mongodb.MemberStore, name, code string) *app.Member {
	t.Helper()
	m, err := app.NewMember(name, code, "", t0)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CreateMember(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestMemberStore(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := mongodb.NewMemberStore(mongotest.MustOpenDB(t))
	m := mustMember(t, s, "Oxelösund", "0481")
	if m.ID == "" || m.Slug != "oxelosund" || m.County != "Södermanlands län" {
		t.Fatalf("created %+v", m)
	}
	got, err := s.MemberBySlug(ctx, "oxelosund")
	if err != nil || got.ID != m.ID || got.Name != "Oxelösund" || !got.CreatedAt.Equal(t0) {
		t.Fatalf("by slug: %+v %v", got, err)
	}
	dup, _ := app.NewMember("Oxelösund", "0482", "", t0)
	if err := s.CreateMember(ctx, dup); app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("duplicate slug: %v", err)
	}
	for _, id := range []string{"nope", "000000000000000000000000", `{"$gt":""}`} {
		if _, err := s.MemberByID(ctx, id); app.ErrorCode(err) != app.ENOTFOUND {
			t.Errorf("MemberByID(%q) = %v, want not found", id, err)
		}
	}
	name := "Oxelösunds kommun"
	up, err := s.UpdateMember(ctx, m.ID, app.MemberUpdate{Name: &name}, t0.Add(time.Hour))
	if err != nil || up.Name != name || up.Version != 2 || up.Slug != "oxelosund" {
		t.Fatalf("update: %+v %v", up, err)
	}
	bad := "12"
	if _, err := s.UpdateMember(ctx, m.ID, app.MemberUpdate{MunicipalityCode: &bad}, t0); app.ErrorCode(err) != app.EINVALID {
		t.Fatalf("bad update: %v", err)
	}
	mustMember(t, s, "Borlänge", "2081")
	list, total, err := s.ListMembers(ctx, app.MemberFilter{Page: app.Page{Number: 1, Size: 1}})
	if err != nil || total != 2 || len(list) != 1 || list[0].Name != "Borlänge" {
		t.Fatalf("list: %v %d %v", list, total, err)
	}
}

// TestUniqueViolationOnUpdateIsConflict: FerretDB reports a unique index
// violation on update differently from one on insert; both are ECONFLICT.
func TestUniqueViolationOnUpdateIsConflict(t *testing.T) {
	t.Parallel()
	s := mongodb.NewMemberStore(mongotest.MustOpenDB(t))
	mustMember(t, s, "Kiruna", "2584")
	b := mustMember(t, s, "Luleå", "2580")
	code := "2584"
	_, err := s.UpdateMember(context.Background(), b.ID, app.MemberUpdate{MunicipalityCode: &code}, t0)
	if app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("update onto a taken municipality code: %v, want conflict", err)
	}
	if got, _ := s.MemberByID(context.Background(), b.ID); got.MunicipalityCode != "2580" || got.Version != 1 {
		t.Fatalf("refused update changed the member: %+v", got)
	}
}
