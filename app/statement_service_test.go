package app_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
)

var deskT0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

type deskFixture struct {
	db            *mongodb.DB
	desk          *app.Statements
	consultations *mongodb.ConsultationStore
	audit         *mongodb.AuditLog
	staff, signer *app.User
	member        *app.Member
	changes       int // events about statements
}

func newDesk(t testing.TB) *deskFixture {
	db := mongotest.MustOpenDB(t)
	f := &deskFixture{db: db, consultations: mongodb.NewConsultationStore(db), audit: mongodb.NewAuditLog(db)}
	members := mongodb.NewMemberStore(db)
	f.member, _ = app.NewMember("Gällivare", "2523", "", deskT0)
	if err := members.CreateMember(context.Background(), f.member); err != nil {
		t.Fatal(err)
	}
	f.staff = &app.User{ID: "000000000000000000000001", Name: "Karin Kansli", Role: app.RoleSecretariat}
	f.signer = &app.User{ID: "000000000000000000000002", Name: "Åke KSO", Role: app.RoleMember, MemberID: f.member.ID, MaySign: true}
	warn := func(msg string, err error) { t.Errorf("%s: %v", msg, err) }
	svc := app.NewServices(mongodb.Stores(db), app.ServiceConfig{Clock: app.FixedClock{T: deskT0}, Events: &app.Events{Warn: warn}})
	svc.Events.Subscribe("count", func(_ context.Context, e app.Event) error {
		if e.Subject.Type == "statement" {
			f.changes++
		}
		return nil
	})
	f.desk = svc.Statements
	f.desk.Warn = warn
	return f
}

// TestConsultationMovesWithItsResponse: creating a response moves the
// consultation to drafting, opening signing to signing, reopening back to
// drafting, and publishing to submitted.
func TestConsultationMovesWithItsResponse(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newDesk(t)
	c := &app.Consultation{Title: "Elnätsremiss", Reference: "KN2026/1", ReferenceKey: "KN2026/1", Issuer: "KN",
		Status: app.ConsultationAssessing, Deadline: app.NewDate(2026, 4, 30), Version: 1, CreatedAt: deskT0, UpdatedAt: deskT0}
	if err := f.consultations.CreateConsultation(ctx, c); err != nil {
		t.Fatal(err)
	}
	status := func(want app.ConsultationStatus) {
		t.Helper()
		got, err := f.consultations.ConsultationByID(ctx, c.ID)
		if err != nil || got.Status != want {
			t.Fatalf("consultation %v (%v), want %s", got.Status, err, want)
		}
	}
	st, err := f.desk.Create(ctx, f.signer, app.StatementInput{Kind: app.KindConsultationResponse, Title: "Remissvar elnät",
		Body: "Vi tillstyrker.", ConsultationID: c.ID})
	if err != nil {
		t.Fatal(err)
	}
	status(app.ConsultationDrafting)
	if got, _ := f.consultations.ConsultationByID(ctx, c.ID); got.StatementID != st.ID {
		t.Fatalf("consultation links %q, want %q", got.StatementID, st.ID)
	}
	if _, err := f.desk.OpenSigning(ctx, f.staff, st.ID, 0, app.NewDate(2026, 3, 20)); err != nil {
		t.Fatal(err)
	}
	status(app.ConsultationSigning)
	if _, err := f.desk.Reopen(ctx, f.staff, st.ID, app.Step{}); err != nil {
		t.Fatal(err)
	}
	status(app.ConsultationDrafting)
	st, _ = f.desk.OpenSigning(ctx, f.staff, st.ID, 0, app.NewDate(2026, 3, 20))
	_, err = f.desk.Sign(ctx, f.signer, st.ID, app.SignatureInput{Decision: app.DecisionSigned, ContentHash: st.ContentHash,
		SignatoryName: "Åke KSO", SignatoryTitle: "KSO", DecidedBy: "KS", DecidedOn: app.NewDate(2026, 3, 1)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.desk.Publish(ctx, f.staff, st.ID, app.Step{}); err != nil {
		t.Fatal(err)
	}
	status(app.ConsultationSubmitted)
	// A withdrawn answer no longer answers: the consultation is not
	// "Besvarad" (submitted) any more, but back to be assessed.
	if _, err := f.desk.Withdraw(ctx, f.staff, st.ID, app.Step{}); err != nil {
		t.Fatal(err)
	}
	status(app.ConsultationAssessing)
}

// TestReopenVoidsSignaturesAndKeepsThem: after reopening, the signatures
// of the round are gone from the statement but kept as history, the member
// may sign again in the next round, and the audit log has every step.
func TestReopenVoidsSignaturesAndKeepsThem(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newDesk(t)
	st, _ := f.desk.Create(ctx, f.signer, app.StatementInput{Kind: app.KindJointStatement, Title: "Uttalande", Body: "Text."})
	sign := func() error {
		st, _ = f.desk.OpenSigning(ctx, f.staff, st.ID, 0, app.NewDate(2026, 3, 20))
		_, err := f.desk.Sign(ctx, f.signer, st.ID, app.SignatureInput{Decision: app.DecisionDeclined, ContentHash: st.ContentHash,
			SignatoryName: "Åke KSO", SignatoryTitle: "KSO", DecidedBy: "KSAU", DecidedOn: app.NewDate(2026, 3, 1)})
		return err
	}
	if err := sign(); err != nil {
		t.Fatal(err)
	}
	if _, err := f.desk.Reopen(ctx, f.staff, st.ID, app.Step{}); err != nil {
		t.Fatal(err)
	}
	cur, _ := f.desk.Store.StatementByID(ctx, st.ID)
	if cur.Status != app.StatementDraft || len(cur.Signatures) != 0 || cur.Round != 2 || cur.ContentHash != "" {
		t.Fatalf("after reopen: %+v", cur)
	}
	if err := sign(); err != nil {
		t.Fatalf("signing again in round 2: %v", err)
	}
	all, _ := f.desk.Store.ListSignatures(ctx, st.ID, 0)
	if len(all) != 2 || all[0].Round != 1 || all[1].Round != 2 {
		t.Fatalf("history %+v", all)
	}
	if names, err := f.desk.Remind(ctx, f.staff, st.ID); app.ErrorCode(err) != app.ECONFLICT || names != nil {
		t.Fatalf("remind with everyone decided: %v %v", names, err)
	}
	events, _, _ := f.audit.ListAudit(ctx, app.AuditFilter{EntityType: "statement", EntityID: st.ID})
	var actions []string
	for i := len(events) - 1; i >= 0; i-- {
		actions = append(actions, events[i].Action)
	}
	want := []string{"statement.create", "statement.signing", "statement.declined", "statement.reopen", "statement.signing", "statement.declined"}
	if len(actions) != len(want) {
		t.Fatalf("audit %v, want %v", actions, want)
	}
	for i := range want {
		if actions[i] != want[i] {
			t.Fatalf("audit %v, want %v", actions, want)
		}
	}
	if f.changes != len(want) { // one event per change, as the search sync hears them
		t.Fatalf("%d events about the statement, want %d", f.changes, len(want))
	}
}

// sentMail records mail instead of sending it.
type sentMail struct{ mails []*app.Mail }

func (m *sentMail) Send(_ context.Context, mail *app.Mail) error {
	m.mails = append(m.mails, mail)
	return nil
}

// TestRemindMailsPendingSignatories: the reminder goes to the users who
// may sign for members that have not decided, and is in the audit log.
func TestRemindMailsPendingSignatories(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newDesk(t)
	users := mongodb.NewUserStore(f.db)
	for _, in := range []app.NewUserInput{
		{Email: "kso@gallivare.example", Name: "Åke KSO", Role: app.RoleMember, MemberID: f.member.ID, MaySign: true},
		{Email: "nlc@gallivare.example", Name: "Nils NLC", Role: app.RoleMember, MemberID: f.member.ID},
	} {
		in.Password = "tolv tecken långt"
		u, err := app.NewUser(in, deskT0)
		if err == nil {
			err = users.CreateUser(ctx, u)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	f.desk.Users, f.desk.BaseURL = users, "https://samsyn.example.se/"
	st, _ := f.desk.Create(ctx, f.signer, app.StatementInput{Kind: app.KindJointStatement, Title: "Påminnelse", Body: "Text."})
	if _, err := f.desk.OpenSigning(ctx, f.staff, st.ID, 0, app.NewDate(2026, 3, 20)); err != nil {
		t.Fatal(err)
	}
	res, err := f.desk.Remind(ctx, f.staff, st.ID)
	if err != nil || len(res.Reminded) != 1 || res.Reminded[0].Name != "Gällivare" || len(res.Reminded[0].Users) != 1 ||
		res.Reminded[0].Users[0].Name != "Åke KSO" || res.Reminded[0].Users[0].ByMail {
		t.Fatalf("remind: %+v %v", res, err)
	}
	b, _ := f.desk.Board(ctx, st.ID)
	if b.LastReminder == nil || !strings.Contains(b.LastReminder.Note, "Gällivare") {
		t.Fatalf("board's last reminder %+v", b.LastReminder)
	}
}

// cancelAfterWrite is the real statement store, but the caller's context
// ends the moment a statement is stored: a request whose deadline passes
// between its write and its audit event.
type cancelAfterWrite struct {
	app.StatementStore
	cancel context.CancelFunc
}

func (s cancelAfterWrite) CreateStatement(ctx context.Context, st *app.Statement) error {
	defer s.cancel()
	return s.StatementStore.CreateStatement(ctx, st)
}

// TestAuditSurvivesTheCallersDeadline: a change that was stored is in the
// audit log even when the caller's context ended right after the write.
func TestAuditSurvivesTheCallersDeadline(t *testing.T) {
	t.Parallel()
	f := newDesk(t)
	ctx, cancel := context.WithCancel(context.Background())
	f.desk.Store = cancelAfterWrite{StatementStore: f.desk.Store, cancel: cancel}
	st, err := f.desk.Create(ctx, f.signer, app.StatementInput{Kind: app.KindJointStatement, Title: "Sent svar", Body: "Text."})
	if err != nil {
		t.Fatal(err)
	}
	if ctx.Err() == nil {
		t.Fatal("the caller's context should have ended")
	}
	events, _, err := f.audit.ListAudit(context.Background(), app.AuditFilter{EntityType: "statement", EntityID: st.ID})
	if err != nil || len(events) != 1 || events[0].Action != "statement.create" {
		t.Fatalf("audit %+v, %v; want the create", events, err)
	}
}
