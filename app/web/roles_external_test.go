package web_test

import (
	"context"
	"fmt"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
)

func init() { roleTables = append(roleTables, externalRoles) }

// externalRoles: other bodies' answers are for everyone signed in, and for
// nobody without a session (DESIGN rule 1: they are internal).
func externalRoles(f *fixture) []roleCase {
	c := f.mustConsultation("Remiss med andras svar", fmt.Sprintf("KN2026/%05d", time.Now().UnixNano()%100000),
		app.ConsultationIncoming, 20, "")
	r := f.mustAnswer(c.ID, "Kammarkollegiet", app.StanceNoComment, "Kammarkollegiet har inga synpunkter på förslagen.")
	signed := [6]int{401, 200, 200, 200, 200, 200}
	page := [6]int{303, 200, 200, 200, 200, 200}
	f.guard("POST", "/api/v1/external-responses/"+r.ID+"/stance", f.answerProbe(r.ID))
	f.guard("POST", "/internt/remissvar/"+r.ID+"/stallning", f.answerProbe(r.ID))
	return []roleCase{
		{"GET", "/api/v1/consultations/" + c.ID + "/external-responses", "", signed},
		{"GET", "/api/v1/consultations/" + c.ID + "/external-responses?stance=ja", "", [6]int{401, 422, 422, 422, 422, 422}},
		{"GET", "/api/v1/consultations/000000000000000000000000/external-responses", "", [6]int{401, 404, 404, 404, 404, 404}},
		{"GET", "/api/v1/external-responses/" + r.ID, "", signed},
		{"GET", "/api/v1/external-responses/finns-inte", "", [6]int{401, 404, 404, 404, 404, 404}},
		{"POST", "/api/v1/external-responses/" + r.ID + "/stance", `{}`, [6]int{401, 422, 422, 422, 422, 422}},
		{"GET", "/internt/remissvar/" + r.ID, "", page},
		{"POST", "/internt/remissvar/" + r.ID + "/stallning", `{}`, [6]int{401, 409, 409, 409, 409, 409}},
		{"GET", "/internt/remisser/" + c.ID + "?svar_typ=kommun", "", page},
		{"GET", "/internt/remisser/" + c.ID + "?svar_stallning=ja", "", [6]int{303, 422, 422, 422, 422, 422}},
	}
}

// mustAnswer stores another body's answer to consultation cid, as a
// harvest would.
func (f *fixture) mustAnswer(cid, org string, stance app.Stance, quote string) *app.ExternalResponse {
	f.t.Helper()
	now := time.Now().UTC()
	paras := []string{"Remissvar gällande betänkandet.", quote}
	r := &app.ExternalResponse{ConsultationID: cid, Organisation: org, OrgKind: app.ClassifyOrganisation(org),
		SourceURL: "https://www.regeringen.se/contentassets/roll/" + fmt.Sprint(now.UnixNano()) + ".pdf", Paragraphs: paras,
		Checksum: app.ResponseChecksum(paras), Stance: stance, Quote: quote, FetchedAt: now, CreatedAt: now, UpdatedAt: now}
	if err := mongodb.NewExternalResponseStore(f.db).CreateExternalResponse(context.Background(), r); err != nil {
		f.t.Fatal(err)
	}
	return r
}

func (f *fixture) answerProbe(id string) func() string {
	return stored(func(ctx context.Context) (*app.ExternalResponse, error) {
		return mongodb.NewExternalResponseStore(f.db).ExternalResponseByID(ctx, id)
	})
}
