package web_test

import (
	"context"
	"fmt"
	"strings"
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
// and the deadlines; staff write consultations; a member user records and
// removes its own member's meetings only, staff any member's; the deadline
// watch is for staff. Rows that change something do it to a consultation
// or meeting of their own, and a refused attempt must leave it as it was.
func consultationRoles(f *fixture) []roleCase {
	s := mustSeed(f)
	c, a := "/api/v1/consultations/"+s.consultation.ID, f.memberA.ID
	page := "/internt/remisser/" + s.consultation.ID
	patched := f.mustConsultation("Rollremiss PATCH", "KN2026/00872", app.ConsultationAssessing, 30, "")
	formed := f.mustConsultation("Rollremiss formulär", "KN2026/00873", app.ConsultationAssessing, 30, "")
	memberC := f.mustMember("Sandviken", "2181")
	meetingC, meetingC2 := f.mustMeeting(s, memberC.ID, 20), f.mustMeeting(s, memberC.ID, 21)
	p, formPage := "/api/v1/consultations/"+patched.ID, "/internt/remisser/"+formed.ID
	f.guardConsultations(s, patched.ID, formed.ID)
	f.guardMeeting(s, "DELETE", "/api/v1/meetings/", s.meetingB.ID)
	f.guardMeeting(s, "DELETE", "/api/v1/meetings/", meetingC.ID)
	f.guardMeeting(s, "POST", "/internt/moten/", s.meetingB2.ID, "/ta-bort")
	f.guardMeeting(s, "POST", "/internt/moten/", meetingC2.ID, "/ta-bort")
	return []roleCase{
		{"GET", "/api/v1/consultations", "", [6]int{401, 200, 200, 200, 200, 200}},
		{"POST", "/api/v1/consultations", `{"title":"Remiss {n}","reference":"Fi2026/9{n}","issuer":"Fi","deadline":"2030-05-29"}`, [6]int{401, 403, 403, 403, 201, 201}},
		{"GET", c, "", [6]int{401, 200, 200, 200, 200, 200}},
		{"PATCH", p, `{"issuer":"Finansdepartementet"}`, [6]int{401, 403, 403, 403, 200, 200}},
		{"GET", "/api/v1/deadlines", "", [6]int{401, 200, 200, 200, 200, 200}},
		{"GET", "/api/v1/meetings", "", [6]int{401, 200, 200, 200, 200, 200}},
		{"POST", "/api/v1/meetings", `{"member_id":"` + a + `","body":"KSAU","on":"2030-01-1{n}"}`, [6]int{401, 201, 201, 403, 201, 201}},
		// The first allowed caller deletes it; later ones find nothing.
		{"DELETE", "/api/v1/meetings/" + s.meetingB.ID, "", [6]int{403, 403, 403, 204, 404, 404}},
		{"DELETE", "/api/v1/meetings/" + meetingC.ID, "{}", [6]int{401, 403, 403, 403, 204, 404}},
		{"GET", "/internt/remisser", "", [6]int{303, 200, 200, 200, 200, 200}},
		{"GET", "/internt/remisser/ny", "", [6]int{303, 403, 403, 403, 200, 200}},
		{"POST", "/internt/remisser/ny", "", [6]int{403, 403, 403, 403, 422, 422}},
		{"GET", page, "", [6]int{303, 200, 200, 200, 200, 200}},
		{"GET", page + "/redigera", "", [6]int{303, 403, 403, 403, 200, 200}},
		{"POST", formPage + "/redigera", "", [6]int{403, 403, 403, 403, 422, 422}},
		{"POST", formPage + "/status", "", [6]int{403, 403, 403, 403, 422, 422}},
		{"GET", "/internt/moten", "", [6]int{303, 200, 200, 200, 200, 200}},
		{"POST", "/internt/moten", "", [6]int{403, 422, 422, 422, 422, 422}},
		{"POST", "/internt/moten/" + s.meetingB2.ID + "/ta-bort", "", [6]int{403, 403, 403, 303, 404, 404}},
		{"POST", "/internt/moten/" + meetingC2.ID + "/ta-bort", "{}", [6]int{401, 403, 403, 403, 303, 404}},
		{"GET", "/internt/bevakning", "", [6]int{303, 403, 403, 403, 200, 200}},
	}
}

func (f *fixture) mustMeeting(s *seed, memberID string, days int) *app.BoardMeeting {
	f.t.Helper()
	m, err := app.NewBoardMeeting(memberID, "KS", app.DateOf(time.Now()).AddDays(days).String(), "", time.Now())
	must(f.t, err)
	must(f.t, s.consultations.CreateMeeting(context.Background(), m))
	return m
}

// guardConsultations guards the rows that create or change consultations.
func (f *fixture) guardConsultations(s *seed, patched, formed string) {
	count := func() string { return fmt.Sprint(f.importedCount(), " consultations") }
	byID := func(id string) func() string {
		return stored(func(ctx context.Context) (*app.Consultation, error) { return s.consultations.ConsultationByID(ctx, id) })
	}
	f.guard("POST", "/api/v1/consultations", count)
	f.guard("POST", "/internt/remisser/ny", count)
	f.guard("PATCH", "/api/v1/consultations/"+patched, byID(patched))
	f.guard("POST", "/internt/remisser/"+formed+"/redigera", byID(formed))
	f.guard("POST", "/internt/remisser/"+formed+"/status", byID(formed))
	meetings := stored(func(ctx context.Context) (int, error) {
		_, n, err := s.consultations.ListMeetings(ctx, app.MeetingFilter{})
		return n, err
	})
	f.guard("POST", "/api/v1/meetings", meetings)
	f.guard("POST", "/internt/moten", meetings)
}

// guardMeeting guards the row that deletes meeting id (its path is the
// parts around the id): a refused attempt leaves the meeting in place (or,
// after the first allowed caller, gone).
func (f *fixture) guardMeeting(s *seed, method, before, id string, after ...string) {
	probe := stored(func(ctx context.Context) (*app.BoardMeeting, error) { return s.consultations.MeetingByID(ctx, id) })
	f.guard(method, before+id+strings.Join(after, ""), probe)
}

// issueRoles: everyone signed in reads issues, public or not; staff write;
// anonymous callers get nothing here. Rows that change an issue change one
// of their own, and a refused attempt must leave it as it was.
func issueRoles(f *fixture) []roleCase {
	s := mustSeed(f)
	i, page := "/api/v1/issues/"+s.internal.ID, "/internt/fragor/"+s.internal.ID
	patched := f.mustIssue("Rollfråga PATCH", false, nil, nil)
	formed := f.mustIssue("Rollfråga formulär", false, nil, nil)
	p, formPage := "/api/v1/issues/"+patched.ID, "/internt/fragor/"+formed.ID
	byID := func(id string) func() string {
		return stored(func(ctx context.Context) (*app.Issue, error) { return s.issues.IssueByID(ctx, id) })
	}
	count := stored(func(ctx context.Context) (int, error) {
		_, n, err := s.issues.ListIssues(ctx, app.IssueFilter{})
		return n, err
	})
	f.guard("POST", "/api/v1/issues", count)
	f.guard("POST", "/internt/fragor/ny", count)
	f.guard("PATCH", p, byID(patched.ID))
	f.guard("POST", p+"/actions", byID(patched.ID))
	f.guard("POST", formPage+"/redigera", byID(formed.ID))
	f.guard("POST", formPage+"/atgarder", byID(formed.ID))
	return []roleCase{
		{"GET", "/api/v1/issues", "", [6]int{401, 200, 200, 200, 200, 200}},
		{"POST", "/api/v1/issues", `{"title":"Fråga {n}"}`, [6]int{401, 403, 403, 403, 201, 201}},
		{"GET", i, "", [6]int{401, 200, 200, 200, 200, 200}},
		{"GET", "/api/v1/issues/" + s.public.ID, "", [6]int{401, 200, 200, 200, 200, 200}},
		{"PATCH", p, `{"priority":"high"}`, [6]int{401, 403, 403, 403, 200, 200}},
		{"POST", p + "/actions", `{"note":"Möte {n}"}`, [6]int{401, 403, 403, 403, 201, 201}},
		{"GET", "/internt/fragor", "", [6]int{303, 200, 200, 200, 200, 200}},
		{"GET", "/internt/fragor/ny", "", [6]int{303, 403, 403, 403, 200, 200}},
		{"POST", "/internt/fragor/ny", "", [6]int{403, 403, 403, 403, 422, 422}},
		{"GET", page, "", [6]int{303, 200, 200, 200, 200, 200}},
		{"GET", page + "/redigera", "", [6]int{303, 403, 403, 403, 200, 200}},
		{"POST", formPage + "/redigera", "", [6]int{403, 403, 403, 403, 422, 422}},
		{"POST", formPage + "/atgarder", "", [6]int{403, 403, 403, 403, 422, 422}},
	}
}
