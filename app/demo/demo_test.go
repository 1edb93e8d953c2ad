package demo_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/demo"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
)

var now = time.Date(2026, 3, 16, 9, 30, 0, 0, time.UTC)

// stores are the demo's stores on a fresh database, and its audit log.
func stores(t *testing.T) (demo.Stores, app.AuditLog) {
	db := mongotest.MustOpenDB(t)
	audit := mongodb.NewAuditLog(db)
	return demo.Stores{Members: mongodb.NewMemberStore(db), Users: mongodb.NewUserStore(db),
		Consultations: mongodb.NewConsultationStore(db), Issues: mongodb.NewIssueStore(db),
		Statements: mongodb.NewStatementStore(db), Events: auditedEvents(t, audit)}, audit
}

// auditedEvents is an event stream that writes the audit log, as the
// services' does.
func auditedEvents(t *testing.T, log app.AuditLog) *app.Events {
	ev := &app.Events{Warn: func(msg string, err error) { t.Errorf("%s: %v", msg, err) }}
	ev.Subscribe("audit", app.AuditHandler(log))
	return ev
}

// contents is everything in the stores.
type contents struct {
	members       []*app.Member
	users         []*app.User
	consultations []*app.Consultation
	issues        []*app.Issue
	statements    []*app.Statement
	audit         int
}

func mustRead(t *testing.T, s demo.Stores, audit app.AuditLog) contents {
	t.Helper()
	ctx, c := context.Background(), contents{}
	var errs [6]error
	c.members, _, errs[0] = s.Members.ListMembers(ctx, app.MemberFilter{})
	c.users, _, errs[1] = s.Users.ListUsers(ctx, app.UserFilter{})
	c.consultations, _, errs[2] = s.Consultations.ListConsultations(ctx, app.ConsultationFilter{})
	c.issues, _, errs[3] = s.Issues.ListIssues(ctx, app.IssueFilter{})
	c.statements, _, errs[4] = s.Statements.ListStatements(ctx, app.StatementFilter{})
	_, c.audit, errs[5] = audit.ListAudit(ctx, app.AuditFilter{})
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	return c
}

func TestLoad(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, audit := stores(t)
	res, err := demo.Load(ctx, s, now)
	if err != nil {
		t.Fatal(err)
	}
	c := mustRead(t, s, audit)
	if res.Members != len(c.members) || res.Users != len(c.users) || res.Consultations != len(c.consultations) ||
		res.Issues != len(c.issues) || res.Statements != len(c.statements) {
		t.Fatalf("result %+v does not match stored contents", res)
	}
	if len(c.members) < 20 || len(c.users) < 3+6*3 || len(c.consultations) < 6 || len(c.issues) < 5 || len(c.statements) < 7 {
		t.Fatalf("too little demo data: %+v", res)
	}
	if want := len(c.members) + len(c.users) + len(c.consultations) + len(c.issues) + len(c.statements); c.audit != want {
		t.Errorf("audit events = %d, want one per entity (%d)", c.audit, want)
	}
	t.Run("admin", func(t *testing.T) { checkAdmin(t, s, res) })
	t.Run("members", func(t *testing.T) { checkMembers(t, c) })
	t.Run("consultations", func(t *testing.T) { checkConsultations(t, c) })
	t.Run("statements", func(t *testing.T) { checkStatements(t, c) })
	t.Run("issues", func(t *testing.T) { checkIssues(t, c) })

	again, err := demo.Load(ctx, s, now.Add(time.Hour))
	if app.ErrorCode(err) != app.ECONFLICT || again != nil {
		t.Fatalf("second load: %v, %v; want conflict", again, err)
	}
	after := mustRead(t, s, audit)
	if len(after.members) != len(c.members) || len(after.users) != len(c.users) || after.audit != c.audit ||
		len(after.consultations) != len(c.consultations) || len(after.issues) != len(c.issues) ||
		len(after.statements) != len(c.statements) {
		t.Fatal("refused second load changed the database")
	}
}

func checkAdmin(t *testing.T, s demo.Stores, res *demo.Result) {
	admin, err := s.Users.UserByEmail(context.Background(), res.AdminEmail)
	if err != nil || admin.Role != app.RoleAdmin || admin.Title != "Systemförvaltare" {
		t.Fatalf("admin %+v, %v", admin, err)
	}
	if res.AdminEmail != "admin@samsyn.example" || len(res.AdminPassword) < app.MinPasswordLen ||
		!app.CheckPassword(res.AdminPassword, admin.PasswordHash) {
		t.Fatal("admin cannot sign in with the returned password")
	}
}

var codeRE = regexp.MustCompile(`^[0-9]{4}$`)

func checkMembers(t *testing.T, c contents) {
	codes := map[string]bool{}
	for _, m := range c.members {
		if !codeRE.MatchString(m.MunicipalityCode) || codes[m.MunicipalityCode] || m.County != app.CountyOf(m.MunicipalityCode) {
			t.Errorf("member %s: code %q county %q", m.Name, m.MunicipalityCode, m.County)
		}
		codes[m.MunicipalityCode] = true
	}
	if codes["0481"] != true || codes["2584"] != true {
		t.Error("Oxelösund or Kiruna missing")
	}
	byMember := map[string][]*app.User{}
	for _, u := range c.users {
		if u.Role == app.RoleMember {
			byMember[u.MemberID] = append(byMember[u.MemberID], u)
		}
	}
	staffed := 0
	for _, m := range c.members {
		titles := map[string]bool{}
		for _, u := range byMember[m.ID] {
			titles[u.Title] = u.MaySign == (u.Title == "Kommunstyrelsens ordförande")
			if !strings.HasSuffix(u.Email, "@"+m.Slug+".example") {
				t.Errorf("user %s of %s has e-mail %s", u.Name, m.Name, u.Email)
			}
		}
		if titles["Kommunstyrelsens ordförande"] && titles["Kommundirektör"] && titles["Näringslivschef"] {
			staffed++
		}
	}
	if staffed < 6 {
		t.Errorf("%d members have KSO (may sign), kommundirektör and näringslivschef; want at least 6", staffed)
	}
}

func checkConsultations(t *testing.T, c contents) {
	statuses := map[app.ConsultationStatus]bool{}
	for _, k := range c.consultations {
		statuses[k.Status] = true
		if k.Deadline.IsZero() || k.ReceivedOn.After(now) || k.ReferenceKey == "" || k.Issuer == "" {
			t.Errorf("consultation %s: %+v", k.Reference, k)
		}
		if k.Status == app.ConsultationDeclined && k.DeclineReason == "" {
			t.Errorf("declined %s has no reason", k.Reference)
		}
		if k.Reference == "Fi2026/02110" && k.ReferenceKey != "FI2026/2110" {
			t.Errorf("reference key %q, want FI2026/2110", k.ReferenceKey)
		}
	}
	for _, st := range []app.ConsultationStatus{app.ConsultationIncoming, app.ConsultationAssessing,
		app.ConsultationDrafting, app.ConsultationSigning, app.ConsultationSubmitted, app.ConsultationDeclined} {
		if !statuses[st] {
			t.Errorf("no consultation is %s", st)
		}
	}
}

func checkStatements(t *testing.T, c contents) {
	seen := map[string]bool{}
	consultations := map[string]bool{}
	for _, k := range c.consultations {
		consultations[k.ID] = true
	}
	for _, st := range c.statements {
		seen[string(st.Status)], seen[string(st.Kind)] = true, true
		if n := len(strings.Fields(st.Body)); n < 200 || n > 500 {
			t.Errorf("%s: body has %d words", st.Slug, n)
		}
		if st.Kind == app.KindConsultationResponse && !consultations[st.ConsultationID] {
			t.Errorf("%s answers no stored consultation", st.Slug)
		}
		checkSigned(t, st)
	}
	for _, want := range []string{"draft", "signing", "published", "withdrawn",
		"position_paper", "joint_statement", "consultation_response"} {
		if !seen[want] {
			t.Errorf("no statement is %s", want)
		}
	}
}

func checkSigned(t *testing.T, st *app.Statement) {
	if st.Status == app.StatementDraft {
		if st.ContentHash != "" || len(st.Signatures) > 0 {
			t.Errorf("draft %s is frozen or signed", st.Slug)
		}
		return
	}
	if st.ContentHash != app.ContentHash(st.Title, st.Summary, st.Body) || st.SignBy.IsZero() {
		t.Errorf("%s: content hash does not match the text", st.Slug)
	}
	published := st.Status == app.StatementPublished || st.Status == app.StatementWithdrawn
	if published && (st.PublishedAt.IsZero() || len(st.Signatures) < 3 || len(st.Signatures) > 8) {
		t.Errorf("%s: published %v with %d signatures", st.Slug, st.PublishedAt, len(st.Signatures))
	}
	for _, g := range st.Signatures {
		if g.ContentHash != st.ContentHash || g.SignatoryName == "" || g.DecidedOn.IsZero() ||
			(published && !g.SignedAt.Before(st.PublishedAt)) {
			t.Errorf("%s: signature of %s: %+v", st.Slug, g.MemberName, g)
		}
	}
}

func checkIssues(t *testing.T, c contents) {
	public := 0
	for _, i := range c.issues {
		if i.Public {
			public++
		}
		if i.Summary == "" || i.Body == "" || len(i.Log) == 0 || len(i.StatementIDs) == 0 {
			t.Errorf("issue %s is thin: %+v", i.Slug, i)
		}
	}
	if public == 0 || public == len(c.issues) {
		t.Errorf("%d of %d issues public; want most but not all", public, len(c.issues))
	}
}
