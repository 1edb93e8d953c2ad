package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
)

type consultationAnswer struct {
	ID              string `json:"id"`
	Status          string `json:"status"`
	RecordedStatus  string `json:"recorded_status"`
	Reference       string `json:"reference"`
	ReportNumber    string `json:"report_number"`
	DeclineReason   string `json:"decline_reason"`
	Version         int    `json:"version"`
	WorkingDaysLeft int    `json:"working_days_left"`
	Traffic         string `json:"traffic"`
	Milestones      struct {
		DraftDue      string `json:"draft_due"`
		SignaturesDue string `json:"signatures_due"`
	} `json:"milestones"`
	BoardMeetings []struct {
		MemberID string `json:"member_id"`
		InTime   bool   `json:"in_time"`
	} `json:"board_meetings"`
}

// TestConsultationBadInputChangesNothing: each bad request gets the JSON
// error of DESIGN.md naming the field, and the store is as before.
func TestConsultationBadInputChangesNothing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	s := mustSeed(f)
	id := "/api/v1/consultations/" + s.consultation.ID
	ok := `"title":"Remiss","issuer":"Fi","received_on":"2026-03-02","deadline":"2026-05-29"`
	cases := []struct {
		name, method, path, body string
		status                   int
		code, field              string
	}{
		{"deadline before received", "POST", "/api/v1/consultations", `{"title":"R","issuer":"Fi","received_on":"2026-03-02","deadline":"2026-03-01"}`, 422, "validation_failed", "deadline"},
		{"unknown status", "POST", "/api/v1/consultations", `{` + ok + `,"status":"archived"}`, 422, "validation_failed", "status"},
		{"missed is derived", "POST", "/api/v1/consultations", `{` + ok + `,"status":"missed"}`, 422, "validation_failed", "status"},
		{"duplicate reference, other spelling", "POST", "/api/v1/consultations", `{` + ok + `,"reference":"kn 2026/871"}`, 409, "conflict", "reference"},
		{"malformed reference", "POST", "/api/v1/consultations", `{` + ok + `,"reference":"KN/2026"}`, 422, "validation_failed", "reference"},
		{"bad report number", "POST", "/api/v1/consultations", `{` + ok + `,"report_number":"SOU"}`, 422, "validation_failed", "report_number"},
		{"long title", "POST", "/api/v1/consultations", `{"title":"` + strings.Repeat("x", 301) + `","issuer":"Fi","deadline":"2026-05-29"}`, 422, "validation_failed", "title"},
		{"javascript source", "POST", "/api/v1/consultations", `{` + ok + `,"source_url":"javascript:alert(1)"}`, 422, "validation_failed", "source_url"},
		{"unknown issue", "POST", "/api/v1/consultations", `{` + ok + `,"issue_ids":["0123456789abcdef01234567"]}`, 422, "validation_failed", "issue_ids"},
		{"wrong type", "POST", "/api/v1/consultations", `{"title":["R"],"issuer":"Fi","deadline":"2026-05-29"}`, 400, "bad_request", "title"},
		{"unknown field", "POST", "/api/v1/consultations", `{` + ok + `,"owner":"x"}`, 400, "bad_request", "owner"},
		{"illegal transition", "PATCH", id, `{"status":"submitted"}`, 422, "validation_failed", "status"},
		{"decline without reason", "PATCH", id, `{"status":"declined"}`, 422, "validation_failed", "decline_reason"},
		{"patch deadline before received", "PATCH", id, `{"received_on":"2030-01-01"}`, 422, "validation_failed", "deadline"},
		{"stale version", "PATCH", id, `{"title":"Ny rubrik","version":7}`, 409, "conflict", ""},
		{"patch wrong type", "PATCH", id, `{"version":"1"}`, 400, "bad_request", "version"},
		{"unknown consultation", "PATCH", "/api/v1/consultations/0123456789abcdef01234567", `{"title":"X"}`, 404, "not_found", ""},
		{"bad filter", "GET", "/api/v1/consultations?status=lost&deadline_from=igår", "", 422, "validation_failed", "deadline_from"},
		{"within out of range", "GET", "/api/v1/deadlines?within=366", "", 422, "validation_failed", "within"},
		{"within zero", "GET", "/api/v1/deadlines?within=0", "", 422, "validation_failed", "within"},
		{"meeting of unknown body", "POST", "/api/v1/meetings", `{"member_id":"` + f.memberA.ID + `","body":"KF","on":"2030-01-01"}`, 422, "validation_failed", "body"},
		{"meeting of unknown member", "POST", "/api/v1/meetings", `{"member_id":"0123456789abcdef01234567","body":"KS","on":"2030-01-01"}`, 422, "validation_failed", "member_id"},
		{"duplicate meeting", "POST", "/api/v1/meetings", `{"member_id":"` + f.memberA.ID + `","body":"KS","on":"` + s.meetingA.On.String() + `"}`, 409, "conflict", "on"},
	}
	before := consultationSnapshot(t, s)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := f.do(request{method: tc.method, path: tc.path, body: tc.body, role: "secretariat"})
			if resp.StatusCode != tc.status {
				t.Errorf("status = %d, want %d", resp.StatusCode, tc.status)
			}
			e := decode[errorAnswer](t, resp)
			if e.Error.Code != tc.code || e.Error.Message == "" || (tc.field != "" && e.Error.Fields[tc.field] == "") {
				t.Errorf("error = %+v, want %s with a message for %q", e.Error, tc.code, tc.field)
			}
		})
	}
	if after := consultationSnapshot(t, s); after != before {
		t.Errorf("bad requests changed the store:\nbefore %s\nafter  %s", before, after)
	}
}

// consultationSnapshot is the stored consultations and meetings, as text.
func consultationSnapshot(t *testing.T, s *seed) string {
	ctx := context.Background()
	cs, _, err := s.consultations.ListConsultations(ctx, app.ConsultationFilter{})
	must(t, err)
	ms, _, err := s.consultations.ListMeetings(ctx, app.MeetingFilter{})
	must(t, err)
	var b strings.Builder
	for _, c := range cs {
		fmt.Fprintf(&b, "%s v%d %s %s %s|", c.Title, c.Version, c.Status, c.Deadline, c.ReceivedOn)
	}
	return fmt.Sprintf("%s %d meetings", b.String(), len(ms))
}

// TestConsultationLifecycle walks a consultation through its statuses by
// the API: each change is audited, a stale write is refused.
func TestConsultationLifecycle(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	s := mustSeed(f)
	resp := f.do(request{method: "POST", path: "/api/v1/consultations", role: "admin",
		body: `{"title":"Godsstrategi","reference":"LI2026/00417","report_number":"Ds 2026:15","issuer":"LI","deadline":"` +
			s.consultation.Deadline.String() + `","issue_ids":["` + s.public.ID + `"]}`})
	c := decode[consultationAnswer](t, resp)
	draft, sigs := app.DefaultMilestones(s.consultation.Deadline)
	if resp.StatusCode != 201 || c.Status != "incoming" || c.Milestones.DraftDue != draft.String() ||
		c.Milestones.SignaturesDue != sigs.String() || c.WorkingDaysLeft < 20 || c.ReportNumber != "Ds 2026:15" {
		t.Fatalf("create: %d %+v", resp.StatusCode, c)
	}
	path := "/api/v1/consultations/" + c.ID
	for _, step := range []struct {
		body   string
		status int
		want   string
	}{
		{`{"status":"assessing","version":1}`, 200, "assessing"},
		{`{"status":"drafting","version":1}`, 409, ""},
		{`{"status":"drafting","version":2}`, 200, "drafting"},
		{`{"status":"declined","decline_reason":"Utanför uppdraget."}`, 200, "declined"},
	} {
		resp := f.do(request{method: "PATCH", path: path, body: step.body, role: "secretariat"})
		got := decode[consultationAnswer](t, resp)
		if resp.StatusCode != step.status || (step.want != "" && got.Status != step.want) {
			t.Fatalf("PATCH %s: %d %+v", step.body, resp.StatusCode, got)
		}
	}
	events, _, err := mongodb.NewAuditLog(f.db).ListAudit(t.Context(), app.AuditFilter{EntityType: "consultation", EntityID: c.ID})
	must(t, err)
	var statuses []string
	for _, e := range events {
		if e.Action == "consultation.status" {
			statuses = append(statuses, e.Before+"→"+e.After)
		}
	}
	if strings.Join(statuses, " ") != "drafting→declined assessing→drafting incoming→assessing" {
		t.Errorf("status changes audited: %v", statuses)
	}
	list := decode[struct{ Total int }](t, f.do(request{method: "GET", path: "/api/v1/consultations?ref=ds%202026:15", role: "memberA"}))
	if list.Total != 1 {
		t.Errorf("search by report number: total %d", list.Total)
	}
}

// TestConsultationMeetingsAndDeadlines: the detail names who can decide in
// time; the deadlines API answers items in date order.
func TestConsultationMeetingsAndDeadlines(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	s := mustSeed(f)
	c := decode[consultationAnswer](t, f.do(request{method: "GET", path: "/api/v1/consultations/" + s.consultation.ID, role: "memberB"}))
	inTime := map[string]bool{}
	for _, m := range c.BoardMeetings {
		inTime[m.MemberID] = m.InTime
	}
	// memberA meets in two weeks; memberB only after the signatures are due.
	if len(c.BoardMeetings) != 2 || !inTime[f.memberA.ID] || inTime[f.memberB.ID] {
		t.Fatalf("board meetings: %+v", c.BoardMeetings)
	}
	items := decode[struct {
		Items []struct{ Date, Kind string }
		Total int
	}](t, f.do(request{method: "GET", path: "/api/v1/deadlines?within=60", role: "memberA"}))
	if items.Total != 3 || items.Items[0].Kind != "draft_due" || items.Items[2].Kind != "deadline" ||
		items.Items[2].Date != s.consultation.Deadline.String() {
		t.Fatalf("deadlines: %+v", items)
	}
	short := decode[struct{ Total int }](t, f.do(request{method: "GET", path: "/api/v1/deadlines?within=7", role: "memberA"}))
	if short.Total != 0 {
		t.Errorf("within=7 answered %d items", short.Total)
	}
}
