package app_test

import (
	"context"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
)

// inSigning creates a joint statement as f.signer and opens it for signing.
func (f *deskFixture) inSigning(t *testing.T, title string) *app.Statement {
	t.Helper()
	ctx := context.Background()
	st, err := f.desk.Create(ctx, f.signer, app.StatementInput{Kind: app.KindJointStatement, Title: title, Body: "Text."})
	if err == nil {
		st, err = f.desk.OpenSigning(ctx, f.staff, st.ID, 0, app.NewDate(2026, 3, 20))
	}
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func (f *deskFixture) signIt(t *testing.T, st *app.Statement) {
	t.Helper()
	if _, err := f.desk.Sign(context.Background(), f.signer, st.ID, app.SignatureInput{Decision: app.DecisionSigned,
		ContentHash: st.ContentHash, SignatoryName: "Åke KSO", SignatoryTitle: "KSO", DecidedBy: "KS",
		DecidedOn: app.NewDate(2026, 3, 1)}); err != nil {
		t.Fatal(err)
	}
}

// lastNote returns the newest audit entry about statement id.
func (f *deskFixture) lastNote(t *testing.T, id string) *app.AuditEvent {
	t.Helper()
	events, _, err := f.audit.ListAudit(context.Background(), app.AuditFilter{EntityType: "statement", EntityID: id})
	if err != nil || len(events) == 0 {
		t.Fatalf("audit of %s: %v", id, err)
	}
	return events[0]
}

// TestStepsKeepTheirReason: publish, withdraw and reopen keep the reason
// given in the audit note; a reason too long, a stale version and a
// member change nothing and announce nothing.
func TestStepsKeepTheirReason(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newDesk(t)
	st := f.inSigning(t, "Med skäl")
	f.signIt(t, st)
	st, _ = f.desk.Get(ctx, st.ID)
	before := f.changes
	for _, tc := range []struct {
		name  string
		actor *app.User
		in    app.Step
		code  string
	}{
		{"a reason too long", f.staff, app.Step{Reason: strings.Repeat("å", app.MaxStepReason+1)}, app.EINVALID},
		{"a stale version", f.staff, app.Step{Version: st.Version - 1}, app.ECONFLICT},
		{"a member", f.signer, app.Step{}, app.EFORBIDDEN},
		{"nobody", nil, app.Step{}, app.EFORBIDDEN},
	} {
		if _, err := f.desk.Reopen(ctx, tc.actor, st.ID, tc.in); app.ErrorCode(err) != tc.code {
			t.Errorf("reopen by %s: %v, want %s", tc.name, err, tc.code)
		}
	}
	if _, err := f.desk.Publish(ctx, f.staff, "000000000000000000000000", app.Step{}); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("publish of an unknown id: %v", err)
	}
	if cur, _ := f.desk.Get(ctx, st.ID); cur.Version != st.Version || f.changes != before {
		t.Fatalf("refused steps changed the statement (v%d → v%d) or announced %d events", st.Version, cur.Version, f.changes-before)
	}
	reason := strings.Repeat("x", app.MaxStepReason-20) + " <b>klart</b>  "
	st, err := f.desk.Publish(ctx, f.staff, st.ID, app.Step{Reason: reason, Version: st.Version})
	if err != nil {
		t.Fatal(err)
	}
	if e := f.lastNote(t, st.ID); e.Action != "statement.publish" || !strings.HasSuffix(e.Note, "Skäl: "+strings.TrimSpace(reason)) {
		t.Fatalf("publish audit %q: %q", e.Action, e.Note)
	}
	if _, err := f.desk.Withdraw(ctx, f.staff, st.ID, app.Step{Reason: "Inaktuell."}); err != nil {
		t.Fatal(err)
	}
	if e := f.lastNote(t, st.ID); e.Note != "Skäl: Inaktuell." {
		t.Fatalf("withdraw audit note %q", e.Note)
	}
	other := f.inSigning(t, "Öppnas igen")
	f.signIt(t, other)
	if _, err := f.desk.Reopen(ctx, f.staff, other.ID, app.Step{Reason: "Fel siffra i stycke 2."}); err != nil {
		t.Fatal(err)
	}
	if e := f.lastNote(t, other.ID); !strings.HasPrefix(e.Note, "1 beslut makulerade") || !strings.HasSuffix(e.Note, "Skäl: Fel siffra i stycke 2.") {
		t.Fatalf("reopen audit note %q", e.Note)
	}
}

// TestQuorumHoldsBackPublishing: the secretariat sets a quorum; below it
// publishing is refused and changes nothing, at it it goes through.
func TestQuorumHoldsBackPublishing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newDesk(t)
	st := f.inSigning(t, "Kvorum")
	for _, tc := range []struct {
		name    string
		actor   *app.User
		id      string
		version int
		quorum  int
		code    string
	}{
		{"a member", f.signer, st.ID, 0, 1, app.EFORBIDDEN},
		{"an unknown id", f.staff, "000000000000000000000000", 0, 1, app.ENOTFOUND},
		{"a stale version", f.staff, st.ID, st.Version - 1, 1, app.ECONFLICT},
		{"a negative quorum", f.staff, st.ID, 0, -1, app.EINVALID},
		{"more than the active members", f.staff, st.ID, 0, 2, app.EINVALID},
	} {
		if _, err := f.desk.SetQuorum(ctx, tc.actor, tc.id, tc.version, tc.quorum); app.ErrorCode(err) != tc.code {
			t.Errorf("quorum by %s: %v, want %s", tc.name, err, tc.code)
		}
	}
	before := f.changes
	st, err := f.desk.SetQuorum(ctx, f.staff, st.ID, st.Version, 1)
	if err != nil || st.Quorum != 1 || f.changes != before+1 {
		t.Fatalf("set quorum: %+v %v, %d events", st, err, f.changes-before)
	}
	if e := f.lastNote(t, st.ID); e.Action != "statement.quorum" || e.Before != "0" || e.After != "1" {
		t.Fatalf("quorum audit %+v", e)
	}
	if again, err := f.desk.SetQuorum(ctx, f.staff, st.ID, 0, 1); err != nil || again.Version != st.Version || f.changes != before+1 {
		t.Fatalf("setting the same quorum again: v%d %v, %d events", again.Version, err, f.changes-before)
	}
	_, err = f.desk.Publish(ctx, f.staff, st.ID, app.Step{})
	if app.ErrorCode(err) != app.ECONFLICT || !strings.HasPrefix(app.ErrorMessage(err), "error.statement.publish_below_quorum?") {
		t.Fatalf("publish below the quorum: %v", err)
	}
	if cur, _ := f.desk.Get(ctx, st.ID); cur.Status != app.StatementSigning || cur.Version != st.Version {
		t.Fatalf("a refused publish changed the statement: %s v%d", cur.Status, cur.Version)
	}
	f.signIt(t, st)
	if st, err = f.desk.Publish(ctx, f.staff, st.ID, app.Step{}); err != nil || st.Status != app.StatementPublished {
		t.Fatalf("publish at the quorum: %v", err)
	}
	if _, err := f.desk.SetQuorum(ctx, f.staff, st.ID, 0, 0); app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("quorum after publishing: %v", err)
	}
}

// TestRestoreMakesANewRevision: restoring an old revision stores its text
// as a new revision by the restorer; the revisions between are kept.
// Wrong roles, stale versions, unknown revisions, frozen texts and a
// restore that would change nothing are refused and change nothing.
func TestRestoreMakesANewRevision(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	f := newDesk(t)
	st, err := f.desk.Create(ctx, f.signer, app.StatementInput{Kind: app.KindJointStatement, Title: "Återställs", Body: "Första."})
	if err == nil {
		st, err = f.desk.Edit(ctx, f.signer, st.ID, app.StatementEdit{Version: st.Version, Title: st.Title, Body: "Andra."})
	}
	if err != nil {
		t.Fatal(err)
	}
	stranger := &app.User{ID: "000000000000000000000009", Name: "Annan", Role: app.RoleMember, MemberID: f.member.ID}
	before := f.changes
	for _, tc := range []struct {
		name       string
		actor      *app.User
		n, version int
		code       string
	}{
		{"nobody", nil, 1, st.Version, app.EUNAUTHORIZED},
		{"another member", stranger, 1, st.Version, app.EFORBIDDEN},
		{"no version", f.signer, 1, 0, app.EINVALID},
		{"a stale version", f.signer, 1, st.Version - 1, app.ECONFLICT},
		{"an unknown revision", f.signer, 7, st.Version, app.ENOTFOUND},
		{"the current text", f.signer, 2, st.Version, app.EINVALID},
	} {
		if _, err := f.desk.Restore(ctx, tc.actor, st.ID, tc.n, tc.version); app.ErrorCode(err) != tc.code {
			t.Errorf("restore by %s: %v, want %s", tc.name, err, tc.code)
		}
	}
	if _, err := f.desk.Restore(ctx, f.staff, "000000000000000000000000", 1, 1); app.ErrorCode(err) != app.ENOTFOUND {
		t.Errorf("restore of an unknown statement: %v", err)
	}
	if f.changes != before {
		t.Fatalf("refused restores announced %d events", f.changes-before)
	}
	got, err := f.desk.Restore(ctx, f.staff, st.ID, 1, st.Version)
	if err != nil || got.Body != "Första." || got.Revision != 3 || got.EditedBy != f.staff.ID || f.changes != before+1 {
		t.Fatalf("restore: %+v %v", got, err)
	}
	revs, _ := f.desk.Revisions(ctx, st.ID)
	if len(revs) != 3 || revs[1].Body != "Andra." || revs[2].AuthorName != f.staff.Name {
		t.Fatalf("revisions after restore: %d", len(revs))
	}
	if e := f.lastNote(t, st.ID); e.Action != "statement.restore" || !strings.Contains(e.Note, "version 1") {
		t.Fatalf("restore audit %+v", e)
	}
	if _, err := f.desk.OpenSigning(ctx, f.staff, st.ID, 0, app.NewDate(2026, 3, 20)); err != nil {
		t.Fatal(err)
	}
	cur, _ := f.desk.Get(ctx, st.ID)
	if _, err := f.desk.Restore(ctx, f.signer, st.ID, 2, cur.Version); app.ErrorCode(err) != app.ECONFLICT {
		t.Fatalf("restore of a frozen text: %v", err)
	}
}
