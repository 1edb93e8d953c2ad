package app_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
)

// eventRecorder keeps the events published since the last take.
type eventRecorder struct {
	mu     sync.Mutex
	events []app.Event
}

func (r *eventRecorder) handle(_ context.Context, e app.Event) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, e)
	return nil
}

func (r *eventRecorder) take() []app.Event {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.events
	r.events = nil
	return out
}

// eventWorld is the state the table's steps build on, one after another.
type eventWorld struct {
	svc           *app.Services
	staff, signer *app.User
	member        *app.Member
	user          *app.User
	consultation  *app.Consultation
	meeting       *app.BoardMeeting
	issue         *app.Issue
	statement     *app.Statement
	comment       *app.Comment
	suggestion    *app.Suggestion
	position      *app.Position
	triageID      string
	importedID    string       // the consultation the import step registered
	harvest       *fakeHarvest // the pages and PDFs the harvester reads
}

// TestEveryChangeEmitsOneEvent: each state-changing service method emits
// exactly one event of its kind about its subject, and the audit log gains
// exactly one entry for it (a consultation's status change was once logged
// twice). Every step runs on the real embedded store.
func TestEveryChangeEmitsOneEvent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := mongotest.MustOpenDB(t)
	rec := &eventRecorder{}
	events := &app.Events{Warn: func(msg string, err error) { t.Errorf("%s: %v", msg, err) }}
	harvest := newFakeHarvest()
	w := &eventWorld{harvest: harvest, svc: app.NewServices(mongodb.Stores(db), app.ServiceConfig{Clock: app.SystemClock{},
		Events: events, IdleTimeout: time.Hour, AbsoluteTimeout: time.Hour, HarvestFetcher: harvest, TextExtractor: fakeText{}})}
	events.Subscribe("record", rec.handle)
	w.staff = &app.User{ID: "000000000000000000000001", Name: "Karin Kansli", Role: app.RoleSecretariat}
	audit := func() int {
		_, n, err := w.svc.Audit.List(ctx, app.AuditFilter{Page: app.Page{Number: 1, Size: 1}})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	for _, step := range eventSteps() {
		before := audit()
		subject, err := step.do(ctx, w)
		if err != nil {
			t.Fatalf("%s: %v", step.kind, err)
		}
		got := rec.take()
		if len(got) != 1 || got[0].Kind != step.kind || got[0].Subject.ID != subject || got[0].At.IsZero() {
			t.Fatalf("%s emitted %+v, want one event about %s", step.kind, got, subject)
		}
		if after := audit(); after != before+1 {
			t.Fatalf("%s: the audit log gained %d entries, want 1", step.kind, after-before)
		}
	}
}

type eventStep struct {
	kind string
	do   func(context.Context, *eventWorld) (subject string, err error)
}

func eventSteps() []eventStep {
	steps := append(accountSteps(), registerSteps()...)
	steps = append(steps, statementSteps()...)
	return append(steps, recordSteps()...)
}

func accountSteps() []eventStep {
	return []eventStep{
		{"member.create", func(ctx context.Context, w *eventWorld) (string, error) {
			m, err := w.svc.Members.Create(ctx, w.staff, "Gällivare", "2523", "")
			w.member = m
			return id(m, err)
		}},
		{"member.update", func(ctx context.Context, w *eventWorld) (string, error) {
			county := "Norrbottens län"
			m, err := w.svc.Members.Update(ctx, w.staff, w.member.ID, app.MemberUpdate{County: &county})
			return id(m, err)
		}},
		{"member.participation_hide", func(ctx context.Context, w *eventWorld) (string, error) {
			return w.member.ID, w.svc.Members.HideFromParticipation(ctx, w.staff, w.member.ID, "Har lämnat nätverket.")
		}},
		{"member.participation_show", func(ctx context.Context, w *eventWorld) (string, error) {
			return w.member.ID, w.svc.Members.ShowInParticipation(ctx, w.staff, w.member.ID)
		}},
		{"user.create", func(ctx context.Context, w *eventWorld) (string, error) {
			u, err := w.svc.Users.Create(ctx, w.staff, app.NewUserInput{Email: "kso@gallivare.example", Name: "Åsa Öberg",
				Title: "KSO", Role: app.RoleMember, MemberID: w.member.ID, MaySign: true, Password: "rätt häst batteri häftstift"}, false)
			w.user, w.signer = u, u
			return id(u, err)
		}},
		{"user.update", func(ctx context.Context, w *eventWorld) (string, error) {
			title := "Kommunstyrelsens ordförande"
			u, err := w.svc.Users.Update(ctx, w.staff, w.user.ID, app.UserPatch{UserUpdate: app.UserUpdate{Title: &title}})
			return id(u, err)
		}},
		{"user.unsubscribe", func(ctx context.Context, w *eventWorld) (string, error) {
			tok, err := w.svc.Unsubscribes.Token(ctx, w.user.ID, app.NotifyPublished)
			if err != nil {
				return "", err
			}
			un, err := w.svc.Unsubscribes.Unsubscribe(ctx, tok)
			if err != nil {
				return "", err
			}
			return un.User.ID, nil
		}},
		{"auth.login", func(ctx context.Context, w *eventWorld) (string, error) {
			u, _, _, err := w.svc.Accounts.Login(ctx, "KSO@gallivare.example", "rätt häst batteri häftstift")
			return id(u, err)
		}},
	}
}

func registerSteps() []eventStep {
	return []eventStep{
		{"consultation.create", func(ctx context.Context, w *eventWorld) (string, error) {
			c, err := w.svc.Consultations.Create(ctx, w.staff, app.ConsultationInput{Title: "Elnätsremiss",
				Reference: "KN2026/17", Issuer: "Klimat- och näringslivsdepartementet", ReceivedOn: "2026-03-01", Deadline: "2026-06-30"})
			w.consultation = c
			return id(c, err)
		}},
		{"consultation.update", func(ctx context.Context, w *eventWorld) (string, error) {
			c, err := w.svc.Consultations.Revise(ctx, w.staff, w.consultation.ID, w.consultation.Version,
				func(in *app.ConsultationInput) { in.Title = "Remiss om elnätet" })
			w.consultation = c
			return id(c, err)
		}},
		{"consultation.status", func(ctx context.Context, w *eventWorld) (string, error) {
			c, err := w.svc.Consultations.Revise(ctx, w.staff, w.consultation.ID, 0,
				func(in *app.ConsultationInput) { in.Status = string(app.ConsultationAssessing) })
			return id(c, err)
		}},
		{"meeting.create", func(ctx context.Context, w *eventWorld) (string, error) {
			m, err := w.svc.Meetings.Create(ctx, w.signer, w.member.ID, "KS", app.DateOf(time.Now()).AddDays(30).String(), "")
			w.meeting = m
			if err != nil {
				return "", err
			}
			return m.MemberID, nil
		}},
		{"meeting.delete", func(ctx context.Context, w *eventWorld) (string, error) {
			return w.member.ID, w.svc.Meetings.Delete(ctx, w.staff, w.meeting.ID)
		}},
		{"issue.create", func(ctx context.Context, w *eventWorld) (string, error) {
			i, err := w.svc.Issues.Create(ctx, w.staff, app.IssueInput{Title: "Elnätets utbyggnad", Summary: "Kapacitet i norr."})
			w.issue = i
			return id(i, err)
		}},
		{"issue.update", func(ctx context.Context, w *eventWorld) (string, error) {
			i, err := w.svc.Issues.Revise(ctx, w.staff, w.issue.ID, 0, func(in *app.IssueInput) { in.Summary = "Kapacitet i hela landet." })
			return id(i, err)
		}},
		{"issue.action", func(ctx context.Context, w *eventWorld) (string, error) {
			i, err := w.svc.Issues.AddAction(ctx, w.staff, w.issue.ID, app.ActionInput{Note: "Möte med Svenska kraftnät."})
			return id(i, err)
		}},
	}
}

func statementSteps() []eventStep {
	return []eventStep{
		{"statement.create", func(ctx context.Context, w *eventWorld) (string, error) {
			st, err := w.svc.Statements.Create(ctx, w.signer, app.StatementInput{Kind: app.KindJointStatement,
				Title: "Uttalande om elnätet", Body: "Vi kräver mer kapacitet.\n\nNu."})
			w.statement = st
			return id(st, err)
		}},
		{"statement.edit", func(ctx context.Context, w *eventWorld) (string, error) {
			st, err := w.svc.Statements.Edit(ctx, w.signer, w.statement.ID, app.StatementEdit{Version: w.statement.Version,
				Title: w.statement.Title, Body: "Vi kräver mer kapacitet i elnätet.\n\nNu."})
			w.statement = st
			return id(st, err)
		}},
		{"statement.restore", func(ctx context.Context, w *eventWorld) (string, error) {
			st, err := w.svc.Statements.Restore(ctx, w.signer, w.statement.ID, 1, w.statement.Version)
			w.statement = st
			return id(st, err)
		}},
		{"statement.comment", func(ctx context.Context, w *eventWorld) (string, error) {
			c, err := w.svc.Statements.Comment(ctx, w.signer, w.statement.ID, app.CommentInput{Body: "Bra!", Anchor: 1})
			w.comment = c
			return w.statement.ID, err
		}},
		{"statement.resolve", func(ctx context.Context, w *eventWorld) (string, error) {
			_, err := w.svc.Statements.Resolve(ctx, w.staff, w.statement.ID, w.comment.ID)
			return w.statement.ID, err
		}},
		{"statement.reopen_thread", func(ctx context.Context, w *eventWorld) (string, error) {
			_, err := w.svc.Statements.ReopenThread(ctx, w.signer, w.statement.ID, w.comment.ID)
			return w.statement.ID, err
		}},
		{"statement.comment_edit", func(ctx context.Context, w *eventWorld) (string, error) {
			_, err := w.svc.Statements.EditComment(ctx, w.signer, w.statement.ID, w.comment.ID, "Bra, men kortare!")
			return w.statement.ID, err
		}},
		{"statement.comment_delete", func(ctx context.Context, w *eventWorld) (string, error) {
			return w.statement.ID, w.svc.Statements.DeleteComment(ctx, w.signer, w.statement.ID, w.comment.ID)
		}},
		{"statement.suggest", func(ctx context.Context, w *eventWorld) (string, error) {
			sg, err := w.svc.Statements.Suggest(ctx, w.signer, w.statement.ID, app.SuggestionInput{Block: "2", Text: "Genast.",
				BaseVersion: w.statement.Version})
			w.suggestion = sg
			return w.statement.ID, err
		}},
		{"statement.suggestion_accept", func(ctx context.Context, w *eventWorld) (string, error) {
			st, err := w.svc.Statements.Accept(ctx, w.staff, w.statement.ID, w.suggestion.ID)
			w.statement = st
			return id(st, err)
		}},
		{"statement.suggest", func(ctx context.Context, w *eventWorld) (string, error) {
			sg, err := w.svc.Statements.Suggest(ctx, w.signer, w.statement.ID, app.SuggestionInput{Block: "title", Text: "Elnätet nu",
				BaseVersion: w.statement.Version})
			w.suggestion = sg
			return w.statement.ID, err
		}},
		{"statement.suggestion_reject", func(ctx context.Context, w *eventWorld) (string, error) {
			_, err := w.svc.Statements.Reject(ctx, w.staff, w.statement.ID, w.suggestion.ID, "Hellre som förut.")
			return w.statement.ID, err
		}},
		{"statement.signing", func(ctx context.Context, w *eventWorld) (string, error) {
			st, err := w.svc.Statements.OpenSigning(ctx, w.staff, w.statement.ID, 0, app.DateOf(time.Now()).AddDays(20))
			w.statement = st
			return id(st, err)
		}},
		{"statement.reopen", func(ctx context.Context, w *eventWorld) (string, error) {
			st, err := w.svc.Statements.Reopen(ctx, w.staff, w.statement.ID, app.Step{})
			return id(st, err)
		}},
		{"statement.signing", func(ctx context.Context, w *eventWorld) (string, error) {
			st, err := w.svc.Statements.OpenSigning(ctx, w.staff, w.statement.ID, 0, app.DateOf(time.Now()).AddDays(20))
			w.statement = st
			return id(st, err)
		}},
		{"statement.quorum", func(ctx context.Context, w *eventWorld) (string, error) {
			st, err := w.svc.Statements.SetQuorum(ctx, w.staff, w.statement.ID, w.statement.Version, 1)
			w.statement = st
			return id(st, err)
		}},
		{"statement.remind", func(ctx context.Context, w *eventWorld) (string, error) {
			_, err := w.svc.Statements.Remind(ctx, w.staff, w.statement.ID)
			return w.statement.ID, err
		}},
		{"statement.reference", func(ctx context.Context, w *eventWorld) (string, error) {
			st, err := w.svc.Statements.SetReference(ctx, w.staff, w.statement.ID, w.statement.Version, "IK 2026/14")
			w.statement = st
			return id(st, err)
		}},
		{"statement.signed", func(ctx context.Context, w *eventWorld) (string, error) {
			_, err := w.svc.Statements.Sign(ctx, w.signer, w.statement.ID, app.SignatureInput{Decision: app.DecisionSigned,
				ContentHash: w.statement.ContentHash, SignatoryName: "Åsa Öberg", SignatoryTitle: "KSO", DecidedBy: "KS",
				DecidedOn: app.DateOf(time.Now())})
			return w.statement.ID, err
		}},
		{"statement.publish", func(ctx context.Context, w *eventWorld) (string, error) {
			st, err := w.svc.Statements.Publish(ctx, w.staff, w.statement.ID, app.Step{})
			return id(st, err)
		}},
		{"statement.withdraw", func(ctx context.Context, w *eventWorld) (string, error) {
			st, err := w.svc.Statements.Withdraw(ctx, w.staff, w.statement.ID, app.Step{})
			return id(st, err)
		}},
	}
}

func recordSteps() []eventStep {
	return []eventStep{
		{"position.create", func(ctx context.Context, w *eventWorld) (string, error) {
			p, err := w.svc.Positions.Create(ctx, w.staff, w.issue.ID, app.PositionInput{Title: "Kapacitet", Text: "Mer elnät."})
			w.position = p
			return w.issue.ID, err
		}},
		{"position.update", func(ctx context.Context, w *eventWorld) (string, error) {
			p, err := w.svc.Positions.Revise(ctx, w.staff, w.position, w.position.Version,
				app.PositionInput{Title: "Kapacitet", Text: "Mer elnät, snabbare."})
			w.position = p
			return w.issue.ID, err
		}},
		{"position.use", func(ctx context.Context, w *eventWorld) (string, error) {
			_, err := w.svc.Positions.MarkUsed(ctx, w.staff, w.position, w.position.Version, w.statement.ID)
			return w.issue.ID, err
		}},
		{"outcome.save", func(ctx context.Context, w *eventWorld) (string, error) {
			_, err := w.svc.Outcomes.Save(ctx, w.staff, "outcome.save", w.consultation.ID, 0,
				func(o app.Outcome, by string, now time.Time) (*app.Outcome, error) {
					return o.ApplyInput(app.OutcomeInput{UptakeNote: "Delvis."}, by, now)
				})
			return w.consultation.ID, err
		}},
		{"feedback.create", func(ctx context.Context, w *eventWorld) (string, error) {
			f, err := w.svc.Feedback.Add(ctx, "/sok", "Kontrasten är för låg.", "", "", "sv")
			return id(f, err)
		}},
		{"user.follow", func(ctx context.Context, w *eventWorld) (string, error) {
			return w.issue.ID, w.svc.Notifications.Follow(ctx, w.signer, app.Subject{Type: "issue", ID: w.issue.ID}, true)
		}},
		{"user.notify_prefs", func(ctx context.Context, w *eventWorld) (string, error) {
			p, err := w.svc.Notifications.Prefs(ctx, w.signer)
			if err != nil {
				return "", err
			}
			p.Lang, p.Mail[app.NotifyReply] = "en", app.MailNone
			return w.signer.ID, w.svc.Notifications.SavePrefs(ctx, w.signer, p)
		}},
		{"consultation.import", func(ctx context.Context, w *eventWorld) (string, error) {
			res, err := w.svc.Imports.Import(ctx, w.staff, []*app.RemissIntake{{SourceURL: "https://www.regeringen.se/remisser/2026/05/x/",
				Title: "Remiss om vätgas", Reference: "KN2026/99", Issuer: "Klimat- och näringslivsdepartementet"}})
			if err != nil {
				return "", err
			}
			w.importedID = res[0].ConsultationID
			return w.importedID, nil
		}},
		{"consultation.note", func(ctx context.Context, w *eventWorld) (string, error) {
			_, err := w.svc.Consultations.AddNote(ctx, w.staff, w.consultation.ID, "Ringde departementet.")
			return w.consultation.ID, err
		}},
		{"external_response.add", func(ctx context.Context, w *eventWorld) (string, error) {
			w.harvest.page("https://www.regeringen.se/remisser/2026/05/x/", `"p1"`, "",
				app.AnswerLink{Organisation: "Luleå kommun", URL: "https://www.regeringen.se/contentassets/x/lulea-kommun.pdf"})
			w.harvest.doc("https://www.regeringen.se/contentassets/x/lulea-kommun.pdf", `"d1"`, "Luleå kommun tillstyrker förslaget.")
			return harvestedID(w.svc.Harvester.Harvest(ctx, w.staff, w.importedID))
		}},
		{"consultation.invitees", func(ctx context.Context, w *eventWorld) (string, error) {
			w.harvest.page("https://www.regeringen.se/remisser/2026/05/x/", `"p2"`, "https://www.regeringen.se/contentassets/x/inbjudna.pdf",
				app.AnswerLink{Organisation: "Luleå kommun", URL: "https://www.regeringen.se/contentassets/x/lulea-kommun.pdf"})
			w.harvest.doc("https://www.regeringen.se/contentassets/x/inbjudna.pdf", `"i1"`, "1. Gällivare kommun\n2. Luleå tekniska universitet")
			_, err := w.svc.Harvester.Harvest(ctx, w.staff, w.importedID)
			return w.importedID, err
		}},
		{"external_response.update", func(ctx context.Context, w *eventWorld) (string, error) {
			w.harvest.doc("https://www.regeringen.se/contentassets/x/lulea-kommun.pdf", `"d2"`, "Luleå kommun avstyrker förslaget.")
			return harvestedID(w.svc.Harvester.Harvest(ctx, w.staff, w.importedID))
		}},
		{"external_response.stance", func(ctx context.Context, w *eventWorld) (string, error) {
			list, err := w.svc.ExternalResponses.List(ctx, w.importedID)
			if err != nil || len(list) != 1 {
				return "", fmt.Errorf("the harvested answer: %d, %v", len(list), err)
			}
			r, err := w.svc.ExternalResponses.Override(ctx, w.staff, list[0].ID, list[0].Version, app.StanceFor,
				"Sammanfattningen tillstyrker.")
			if err != nil {
				return "", err
			}
			return r.ID, nil
		}},
		{"triage.add", func(ctx context.Context, w *eventWorld) (string, error) {
			res, err := w.svc.Imports.Import(ctx, w.staff, []*app.RemissIntake{{SourceURL: "https://www.regeringen.se/remisser/2026/05/y/",
				Title: "Remiss om elnätsavgifter", Reference: "KN2026/98", Issuer: "Klimat- och näringslivsdepartementet", Listing: true}})
			if err != nil {
				return "", err
			}
			w.triageID = res[0].TriageID
			return w.triageID, nil
		}},
		{"triage.dismiss", func(ctx context.Context, w *eventWorld) (string, error) {
			_, err := w.svc.Triage.Dismiss(ctx, w.staff, w.triageID, "Inte vår fråga.")
			return w.triageID, err
		}},
		{"triage.restore", func(ctx context.Context, w *eventWorld) (string, error) {
			_, err := w.svc.Triage.Restore(ctx, w.staff, w.triageID)
			return w.triageID, err
		}},
		{"triage.invitees", func(ctx context.Context, w *eventWorld) (string, error) {
			w.harvest.page("https://www.regeringen.se/remisser/2026/05/y/", `"y1"`, "https://www.regeringen.se/contentassets/y/inbjudna.pdf")
			w.harvest.doc("https://www.regeringen.se/contentassets/y/inbjudna.pdf", `"yi1"`, "1. Gällivare kommun")
			_, err := w.svc.Harvester.Turn(ctx)
			return w.triageID, err
		}},
		{"triage.accept", func(ctx context.Context, w *eventWorld) (string, error) {
			_, err := w.svc.Triage.Accept(ctx, w.staff, w.triageID, "")
			return w.triageID, err
		}},
	}
}

// id returns the ID of a record a step made, or its error.
func id[T interface {
	*app.Member | *app.User | *app.Consultation | *app.Issue | *app.Statement | *app.Feedback
}](v T, err error) (string, error) {
	if err != nil {
		return "", err
	}
	switch x := any(v).(type) {
	case *app.Member:
		return x.ID, nil
	case *app.User:
		return x.ID, nil
	case *app.Consultation:
		return x.ID, nil
	case *app.Issue:
		return x.ID, nil
	case *app.Statement:
		return x.ID, nil
	case *app.Feedback:
		return x.ID, nil
	}
	return "", nil
}
