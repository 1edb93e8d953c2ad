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

// statusWorld is a register with one consultation on the real store.
type statusWorld struct {
	svc   *app.Services
	staff *app.User
	c     *app.Consultation
}

func newStatusWorld(t *testing.T) *statusWorld {
	t.Helper()
	db := mongotest.MustOpenDB(t)
	svc := app.NewServices(mongodb.Stores(db), app.ServiceConfig{Clock: app.FixedClock{T: deskT0},
		IdleTimeout: time.Hour, AbsoluteTimeout: time.Hour})
	w := &statusWorld{svc: svc, staff: &app.User{ID: "000000000000000000000001", Name: "Karin Kansli", Role: app.RoleSecretariat}}
	c, err := svc.Consultations.Create(context.Background(), w.staff, app.ConsultationInput{Title: "Elnätsremiss",
		Reference: "KN2026/4711", Issuer: "Klimat- och näringslivsdepartementet", ReceivedOn: "2026-03-02", Deadline: "2026-06-30"})
	if err != nil {
		t.Fatal(err)
	}
	w.c = c
	return w
}

func (w *statusWorld) move(to, reason, answerURL string) (*app.Consultation, error) {
	return w.svc.Consultations.Revise(context.Background(), w.staff, w.c.ID, 0, func(in *app.ConsultationInput) {
		in.Status, in.Reason, in.AnswerURL = to, reason, answerURL
		if to == string(app.ConsultationDeclined) {
			in.DeclineReason = "Utanför uppdraget."
		}
	})
}

func (w *statusWorld) audit(t *testing.T) []*app.AuditEvent {
	t.Helper()
	es, _, err := w.svc.Audit.List(context.Background(), app.AuditFilter{EntityType: "consultation", EntityID: w.c.ID})
	if err != nil {
		t.Fatal(err)
	}
	return es
}

// TestStatusCorrections: "answered" needs a published statement or a link
// to an answer given outside Samsyn; staff move any status back with a
// reason (none: refused, nothing changed), each change audited once with
// its reason; a member may not correct.
func TestStatusCorrections(t *testing.T) {
	t.Parallel()
	w := newStatusWorld(t)
	for _, to := range []string{"assessing", "drafting", "signing"} {
		if _, err := w.move(to, "", ""); err != nil {
			t.Fatalf("→ %s: %v", to, err)
		}
	}
	if _, err := w.move("submitted", "", ""); fieldOf(err) != "status" ||
		!strings.Contains(app.ErrorFields(err)["status"], "submitted_needs_answer") {
		t.Fatalf("answered with nothing linked: %v", err)
	}
	if _, err := w.move("submitted", "", "inte en adress"); fieldOf(err) != "answer_url" {
		t.Fatalf("answered with a bad link: %v", err)
	}
	c, err := w.move("submitted", "", "https://www.regeringen.se/remissvar/natverket.pdf")
	if err != nil || c.Status != app.ConsultationSubmitted || c.AnswerURL == "" {
		t.Fatalf("answered outside Samsyn: %+v %v", c, err)
	}
	before := len(w.audit(t))
	if _, err := w.move("drafting", " ", ""); fieldOf(err) != "reason" {
		t.Fatalf("moved back without a reason: %v", err)
	}
	if got, _ := w.svc.Consultations.Get(context.Background(), w.c.ID); got.Status != app.ConsultationSubmitted {
		t.Fatalf("a refused correction changed the status to %s", got.Status)
	}
	member := &app.User{ID: "000000000000000000000002", Name: "Märta", Role: app.RoleMember}
	if _, err := w.svc.Consultations.Revise(context.Background(), member, w.c.ID, 0, func(in *app.ConsultationInput) {
		in.Status, in.Reason = "drafting", "Fel"
	}); app.ErrorCode(err) != app.EFORBIDDEN {
		t.Fatalf("a member corrected: %v", err)
	}
	if c, err = w.move("drafting", "Svaret var ett utkast, inte det inlämnade.", ""); err != nil || c.Status != app.ConsultationDrafting {
		t.Fatalf("moved back: %+v %v", c, err)
	}
	es := w.audit(t)
	if len(es) != before+1 {
		t.Fatalf("the correction gave %d audit entries, want 1", len(es)-before)
	}
	if e := es[0]; e.Action != "consultation.status" || e.Before != "submitted" || e.After != "drafting" ||
		e.Note != "Svaret var ett utkast, inte det inlämnade." {
		t.Fatalf("audit entry: %+v", e)
	}
	if !app.IsCorrection(app.ConsultationDeclined, app.ConsultationIncoming) || app.IsCorrection(app.ConsultationDrafting, app.ConsultationAssessing) ||
		app.IsCorrection(app.ConsultationIncoming, app.ConsultationSigning) {
		t.Error("IsCorrection disagrees with the rules")
	}
}

// TestDateWarnings: a deadline on a weekend or a Swedish public holiday is
// warned, a working day is not; a meeting more than a year back is refused
// and one on a Saturday warned.
func TestDateWarnings(t *testing.T) {
	t.Parallel()
	for date, want := range map[string]string{"2026-03-07": "deadline_weekend", "2026-05-01": "deadline_holiday",
		"2026-12-25": "deadline_holiday", "2026-03-09": ""} {
		d, _ := app.ParseDate(date)
		ws := (&app.Consultation{Deadline: d}).Warnings()
		if (want == "") != (len(ws) == 0) || (want != "" && !strings.Contains(ws[0], want)) {
			t.Errorf("deadline %s: warnings %v, want %q", date, ws, want)
		}
	}
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, app.Stockholm)
	if _, err := app.NewBoardMeeting("m1", "KS", "2025-03-01", "", now); fieldOf(err) != "on" {
		t.Errorf("a meeting a year and more back: %v", err)
	}
	m, err := app.NewBoardMeeting("m1", "KS", "2026-03-14", "", now)
	if err != nil || len(m.Warnings()) != 1 {
		t.Errorf("a Saturday meeting: %v %v", m, err)
	}
	if m, _ := app.NewBoardMeeting("m1", "KS", "2025-06-02", "", now); len(m.Warnings()) != 0 {
		t.Errorf("a Monday meeting within the year: %v", m.Warnings())
	}
}
