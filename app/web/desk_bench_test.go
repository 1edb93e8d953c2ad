package web_test

import (
	"context"
	"fmt"
	"io"
	"slices"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
)

// BenchmarkDesk serves /oversikt, the personal desk, to each role with
// 100 consultations, 50 statements (20 of them in signing) and 500
// notifications per user in the store (issue target: p99 ≤ 50 ms on the
// embedded stack). It reports each role's p50 and p99.
//
//	go test -run '^$' -bench Desk -benchtime 200x ./app/web/
func BenchmarkDesk(b *testing.B) {
	f := newFixture(b)
	ctx := context.Background()
	consults, stmts := mongodb.NewConsultationStore(f.db), mongodb.NewStatementStore(f.db)
	today := app.DateOf(time.Now())
	for i := range 100 {
		c := &app.Consultation{Title: fmt.Sprintf("Remiss %d om elnätet och tillstånden", i), Reference: fmt.Sprintf("KN2026/%05d", i),
			Status: app.ConsultationIncoming, Deadline: app.WorkingDaysAfter(today, 3+i%60), CreatedAt: time.Now(), UpdatedAt: time.Now()}
		c.DraftDue, c.SignaturesDue = app.DefaultMilestones(c.Deadline)
		if err := consults.CreateConsultation(ctx, c); err != nil {
			b.Fatal(err)
		}
	}
	for i := range 50 {
		st := &app.Statement{Kind: app.KindJointStatement, Title: fmt.Sprintf("Uttalande %d om stålet", i), Slug: fmt.Sprintf("uttalande-%d", i),
			Body: "Första stycket.\n\nAndra stycket.", Status: app.StatementDraft, AuthorID: f.byRole["memberA"].ID, Revision: 1,
			CreatedAt: time.Now(), UpdatedAt: time.Now()}
		if i < 20 {
			st.Status, st.ContentHash, st.SignBy = app.StatementSigning, app.ContentHash(st.Title, "", st.Body), today.AddDays(10+i)
		}
		if err := stmts.CreateStatement(ctx, st); err != nil {
			b.Fatal(err)
		}
	}
	notes := mongodb.NewNotificationStore(f.db)
	for role, u := range f.byRole {
		var ns []*app.Notification
		for i := range 500 {
			kind := []app.NotifyKind{app.NotifyMention, app.NotifyReply, app.NotifyPublished}[i%3]
			ns = append(ns, &app.Notification{UserID: u.ID, EventID: fmt.Sprintf("%s-%d", role, i), Kind: kind,
				Title: app.Msg("notify.published.title", "title", "Text"), URL: "/oversikt", CreatedAt: time.Now(),
				Subject: app.Subject{Type: "statement", ID: "000000000000000000000000"}, Mail: app.MailNone})
		}
		if _, err := notes.AddNotifications(ctx, ns); err != nil {
			b.Fatal(err)
		}
	}
	roles := []string{"signerA", "memberA", "secretariat"}
	took := map[string][]time.Duration{}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		role := roles[i%len(roles)]
		start := time.Now()
		resp := f.do(request{method: "GET", path: "/oversikt", role: role})
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		took[role] = append(took[role], time.Since(start))
		if resp.StatusCode != 200 {
			b.Fatalf("%s: %d", role, resp.StatusCode)
		}
	}
	b.StopTimer()
	reportRolePercentiles(b, roles, took)
}

// reportRolePercentiles reports each role's p50 and p99 of took, in ms.
func reportRolePercentiles(b *testing.B, roles []string, took map[string][]time.Duration) {
	for _, role := range roles {
		d := took[role]
		if len(d) == 0 {
			continue
		}
		slices.Sort(d)
		b.ReportMetric(float64(d[len(d)/2].Microseconds())/1000, role+"-p50-ms")
		b.ReportMetric(float64(d[len(d)*99/100].Microseconds())/1000, role+"-p99-ms")
	}
}
