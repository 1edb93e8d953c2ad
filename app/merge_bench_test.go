package app_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
)

// BenchmarkSaveMerge saves an edit of one paragraph of a 10,000-word draft
// with 20 revisions, based on the version five saves back, so that every
// save merges others' changes to other paragraphs (issue target: p99 ≤ 50
// ms on the embedded stack). It reports the p50 and p99 of a save.
//
//	go test -run '^$' -bench SaveMerge -benchtime 200x ./app/
func BenchmarkSaveMerge(b *testing.B) {
	ctx := context.Background()
	db := mongotest.MustOpenDB(b)
	svc := app.NewServices(mongodb.Stores(db), app.ServiceConfig{Clock: app.SystemClock{}})
	author := &app.User{ID: "000000000000000000000009", Name: "Åsa", Role: app.RoleSecretariat}
	paras := make([]string, 100)
	for k := range paras {
		paras[k] = fmt.Sprintf("Stycke %d. %s", k+1, strings.Repeat("Elnätet i norra Sverige behöver byggas ut snabbare. ", 14))
	}
	st, err := svc.Statements.Create(ctx, author, app.StatementInput{Kind: app.KindJointStatement,
		Title: "Remissvar om elnätet", Body: strings.Join(paras, "\n\n")})
	if err != nil {
		b.Fatal(err)
	}
	versions, bodies := []int{st.Version}, map[int]string{st.Version: st.Body}
	edit := func(i int) time.Duration {
		k := (i * 7) % len(paras)
		paras[k] = fmt.Sprintf("Stycke %d, version %d. %s", k+1, i, strings.Repeat("Tillstånden måste gå fortare. ", 25))
		base := versions[max(0, len(versions)-5)]
		body := withParagraph(bodies[base], k, paras[k])
		start := time.Now()
		res, err := svc.Statements.Save(ctx, author, st.ID, app.StatementEdit{Version: base, Title: st.Title, Body: body})
		d := time.Since(start)
		if err != nil || (i > 0 && !res.Merged) {
			b.Fatalf("save %d: merged %v, %v", i, err == nil && res.Merged, err)
		}
		versions = append(versions, res.Statement.Version)
		bodies[res.Statement.Version] = res.Statement.Body
		return d
	}
	for i := range 19 { // 20 revisions before the clock starts
		edit(i)
	}
	var took []time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		took = append(took, edit(19+i))
	}
	b.StopTimer()
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99-ms")
}

// withParagraph is body with paragraph k replaced: what an editor opened
// on body sends after changing that paragraph.
func withParagraph(body string, k int, text string) string {
	blocks := app.Blocks(body)
	parts := make([]string, len(blocks))
	for i, bl := range blocks {
		parts[i] = bl.Source
	}
	parts[k] = text
	return strings.Join(parts, "\n\n")
}
