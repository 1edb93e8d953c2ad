package web_test

import (
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
)

// BenchmarkConsultationPage serves a consultation page with 60 other
// bodies' answers beside it (issue target: p99 ≤ 50 ms on the embedded
// stack) to a member and to the secretariat, whose page also holds its
// forms and notes. It reports each role's p50 and p99; samsyn bench
// --answers measures the same page with 100,000 answers in the store.
//
//	go test -run '^$' -bench ConsultationPage -benchtime 400x ./app/web/
func BenchmarkConsultationPage(b *testing.B) {
	f := newFixture(b)
	c, _, _ := f.answeredConsultation(b)
	for i := range 57 {
		org := fmt.Sprintf("Kommun nummer %d", i)
		f.mustAnswer(c.ID, org, app.Stances[i%len(app.Stances)], org+" tillstyrker förslaget om snabbare tillstånd för elnätet.")
	}
	path := "/internt/remisser/" + c.ID
	roles := []string{"memberA", "secretariat"}
	took := map[string][]time.Duration{}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		role := roles[i%len(roles)]
		start := time.Now()
		resp := f.do(request{method: "GET", path: path, role: role})
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
