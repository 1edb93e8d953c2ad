package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
)

func init() { roleTables = append(roleTables, auditLogRoles) }

func auditLogRoles(*fixture) []roleCase {
	return []roleCase{
		{"GET", "/internt/logg", "", [6]int{303, 403, 403, 403, 200, 200}},
		{"GET", "/internt/logg.csv", "", [6]int{303, 403, 403, 403, 200, 200}},
	}
}

// TestAuditLogPage: the staff's log filters by who, kind of change, kind
// of object and date range, pages by 50, links each object, and exports
// the same filter as CSV; a reversed date range is a clear 422.
func TestAuditLogPage(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	ctx := context.Background()
	staff := f.byRole["secretariat"]
	c := f.mustConsultation("Remiss om loggen", "KN2026/8181", app.ConsultationAssessing, 40, "")
	for i := range 55 {
		if _, err := f.services.Consultations.AddNote(ctx, staff, c.ID, fmt.Sprintf("Anteckning %d", i)); err != nil {
			t.Fatal(err)
		}
	}
	html := map[string]string{"Accept": "text/html"}
	get := func(q string) (int, string, int) {
		resp := f.do(request{method: "GET", path: "/internt/logg?" + q, role: "admin", headers: html})
		doc := mustDoc(t, resp)
		return resp.StatusCode, doc.Find("table.audit-log caption").Text(), doc.Find("table.audit-log tbody tr").Length()
	}
	today := app.DateOf(time.Now()).String()
	st, caption, rows := get("who=karin&kind=consultation.note&object=consultation&from=" + today + "&to=" + today)
	if st != 200 || !strings.Contains(caption, "(55)") || rows != 50 {
		t.Fatalf("filtered: %d %q, %d rows", st, caption, rows)
	}
	if _, _, rows := get("who=karin&kind=consultation.note&page=2"); rows != 5 {
		t.Fatalf("page 2: %d rows", rows)
	}
	if _, _, rows := get("who=någon+annan"); rows != 0 {
		t.Fatalf("another actor: %d rows", rows)
	}
	if _, _, rows := get("kind=consultation.note&from=2020-01-01&to=2020-12-31"); rows != 0 {
		t.Fatalf("another year: %d rows", rows)
	}
	if st, _, _ := get("from=2026-05-02&to=2026-05-01"); st != 422 {
		t.Fatalf("reversed range: %d", st)
	}
	resp := f.do(request{method: "GET", path: "/internt/logg?kind=consultation.note", role: "admin", headers: html})
	doc := mustDoc(t, resp)
	if href, _ := doc.Find("table.audit-log tbody a").First().Attr("href"); href != "/internt/remisser/"+c.ID {
		t.Fatalf("object link: %q", href)
	}
	_, csvRows := f.mustCSV("admin", "/internt/logg.csv?kind=consultation.note&who=Karin")
	if len(csvRows) != 56 || csvRows[1][3] != "consultation.note" || csvRows[1][5] != c.ID {
		t.Fatalf("CSV: %d rows, first %v", len(csvRows), csvRows[1])
	}
}
