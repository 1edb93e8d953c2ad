package web_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
)

func init() { roleTables = append(roleTables, consultationRoles, issueRoles) }

// seed is what the consultation and issue tests need in the store.
type seed struct {
	consultation       *app.Consultation
	internal, public   *app.Issue
	meetingA, meetingB *app.BoardMeeting
	meetingB2          *app.BoardMeeting
	consultations      *mongodb.ConsultationStore
	issues             *mongodb.IssueStore
}

// mustSeed stores a consultation due in six weeks, an internal and a public
// issue, and board meetings of both members.
func mustSeed(f *fixture) *seed {
	f.t.Helper()
	seedsMu.Lock()
	defer seedsMu.Unlock()
	if s, ok := seeds[f]; ok {
		return s
	}
	s := newSeed(f)
	seeds[f] = s
	return s
}

var (
	seedsMu sync.Mutex
	seeds   = map[*fixture]*seed{}
)

func newSeed(f *fixture) *seed {
	ctx := context.Background()
	s := &seed{consultations: mongodb.NewConsultationStore(f.db), issues: mongodb.NewIssueStore(f.db)}
	today := app.DateOf(time.Now())
	c, err := app.NewConsultation(app.ConsultationInput{Title: "Snabbare nätanslutning", Reference: "KN2026/00871",
		Issuer: "Klimat- och näringslivsdepartementet", Deadline: today.AddDays(42).String()}, time.Now())
	must(f.t, err)
	must(f.t, s.consultations.CreateConsultation(ctx, c))
	s.consultation = c
	for _, x := range []struct {
		title  string
		public bool
		dst    **app.Issue
	}{{"Hemlig förhandlingslinje", false, &s.internal}, {"Elnätskapacitet", true, &s.public}} {
		i, err := app.NewIssue(app.IssueInput{Title: x.title, Public: x.public, Summary: "Sammanfattning av " + x.title}, time.Now())
		must(f.t, err)
		must(f.t, s.issues.CreateIssue(ctx, i))
		*x.dst = i
	}
	meeting := func(member string, days int) *app.BoardMeeting {
		m, err := app.NewBoardMeeting(member, "KS", today.AddDays(days).String(), "", time.Now())
		must(f.t, err)
		must(f.t, s.consultations.CreateMeeting(ctx, m))
		return m
	}
	s.meetingA, s.meetingB, s.meetingB2 = meeting(f.memberA.ID, 14), meeting(f.memberB.ID, 60), meeting(f.memberB.ID, 61)
	return s
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// Anonymous form posts and deletes without a session are refused by the
// CSRF check (403) before they reach the role check.

// consultationRoles: everyone signed in reads the register, the meetings
// and the deadlines; staff write consultations; a member user records its
// own member's meetings only; the deadline watch is for staff.
func consultationRoles(f *fixture) []roleCase {
	s := mustSeed(f)
	c, a := "/api/v1/consultations/"+s.consultation.ID, f.memberA.ID
	page := "/internt/remisser/" + s.consultation.ID
	return []roleCase{
		{"GET", "/api/v1/consultations", "", [6]int{401, 200, 200, 200, 200, 200}},
		{"POST", "/api/v1/consultations", `{"title":"Remiss {n}","reference":"Fi2026/9{n}","issuer":"Fi","deadline":"2030-05-29"}`, [6]int{401, 403, 403, 403, 201, 201}},
		{"GET", c, "", [6]int{401, 200, 200, 200, 200, 200}},
		{"PATCH", c, `{"issuer":"Finansdepartementet"}`, [6]int{401, 403, 403, 403, 200, 200}},
		{"GET", "/api/v1/deadlines", "", [6]int{401, 200, 200, 200, 200, 200}},
		{"GET", "/api/v1/meetings", "", [6]int{401, 200, 200, 200, 200, 200}},
		{"POST", "/api/v1/meetings", `{"member_id":"` + a + `","body":"KSAU","on":"2030-01-1{n}"}`, [6]int{401, 201, 201, 403, 201, 201}},
		// The first allowed caller deletes it; later ones find nothing.
		{"DELETE", "/api/v1/meetings/" + s.meetingB.ID, "", [6]int{403, 403, 403, 204, 404, 404}},
		{"GET", "/internt/remisser", "", [6]int{303, 200, 200, 200, 200, 200}},
		{"GET", "/internt/remisser/ny", "", [6]int{303, 403, 403, 403, 200, 200}},
		{"POST", "/internt/remisser/ny", "", [6]int{403, 403, 403, 403, 422, 422}},
		{"GET", page, "", [6]int{303, 200, 200, 200, 200, 200}},
		{"GET", page + "/redigera", "", [6]int{303, 403, 403, 403, 200, 200}},
		{"POST", page + "/redigera", "", [6]int{403, 403, 403, 403, 422, 422}},
		{"POST", page + "/status", "", [6]int{403, 403, 403, 403, 422, 422}},
		{"GET", "/internt/moten", "", [6]int{303, 200, 200, 200, 200, 200}},
		{"POST", "/internt/moten", "", [6]int{403, 422, 422, 422, 422, 422}},
		{"POST", "/internt/moten/" + s.meetingB2.ID + "/ta-bort", "", [6]int{403, 403, 403, 303, 404, 404}},
		{"GET", "/internt/bevakning", "", [6]int{303, 403, 403, 403, 200, 200}},
	}
}

// issueRoles: everyone signed in reads issues, public or not; staff write;
// anonymous callers get nothing here.
func issueRoles(f *fixture) []roleCase {
	s := mustSeed(f)
	i, page := "/api/v1/issues/"+s.internal.ID, "/internt/fragor/"+s.internal.ID
	return []roleCase{
		{"GET", "/api/v1/issues", "", [6]int{401, 200, 200, 200, 200, 200}},
		{"POST", "/api/v1/issues", `{"title":"Fråga {n}"}`, [6]int{401, 403, 403, 403, 201, 201}},
		{"GET", i, "", [6]int{401, 200, 200, 200, 200, 200}},
		{"GET", "/api/v1/issues/" + s.public.ID, "", [6]int{401, 200, 200, 200, 200, 200}},
		{"PATCH", i, `{"priority":"high"}`, [6]int{401, 403, 403, 403, 200, 200}},
		{"POST", i + "/actions", `{"note":"Möte {n}"}`, [6]int{401, 403, 403, 403, 201, 201}},
		{"GET", "/internt/fragor", "", [6]int{303, 200, 200, 200, 200, 200}},
		{"GET", "/internt/fragor/ny", "", [6]int{303, 403, 403, 403, 200, 200}},
		{"POST", "/internt/fragor/ny", "", [6]int{403, 403, 403, 403, 422, 422}},
		{"GET", page, "", [6]int{303, 200, 200, 200, 200, 200}},
		{"GET", page + "/redigera", "", [6]int{303, 403, 403, 403, 200, 200}},
		{"POST", page + "/redigera", "", [6]int{403, 403, 403, 403, 422, 422}},
		{"POST", page + "/atgarder", "", [6]int{403, 403, 403, 403, 422, 422}},
	}
}
