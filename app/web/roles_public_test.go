package web_test

import (
	"context"
	"fmt"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
)

func init() { roleTables = append(roleTables, publicRoles) }

// publicRoles covers the public site and the secretariat's overviews:
// public pages answer everyone; internal ones send anonymous visitors to
// the login page (HTML) or answer 401/404, and members 403 where only
// staff may act.
func publicRoles(f *fixture) []roleCase {
	n := time.Now().UnixNano()
	c := f.mustConsultation("Rollremiss", fmt.Sprintf("Fi2026/%05d", n%100000), app.ConsultationDeclined, 5, "")
	pub := f.mustIssue(fmt.Sprintf("Rollfråga publik %d", n), true, nil, nil)
	internal := f.mustIssue(fmt.Sprintf("Rollfråga intern %d", n), false, nil, nil)
	pos := f.mustPosition(pub.ID, "Rollståndpunkt", true)
	set := f.fourStatements(fmt.Sprintf("Rollutkast %d", n))
	ok := [6]int{200, 200, 200, 200, 200, 200}
	staffPage := [6]int{303, 403, 403, 403, 200, 200}
	userPage := [6]int{303, 200, 200, 200, 200, 200}
	pi := "/internt/fragor/" + pub.ID + "/positioner"
	cases := []roleCase{
		{"GET", "/remisser", "", ok},
		{"GET", "/remisser?year=2026&issuer=x&topic=y", "", ok},
		{"GET", "/fragor", "", ok},
		{"GET", "/fragor/" + pub.Slug, "", ok},
		{"GET", "/fragor/" + internal.Slug, "", [6]int{404, 404, 404, 404, 404, 404}},
		{"GET", "/medlemmar", "", ok},
		{"GET", "/medlemmar/" + f.memberA.Slug, "", ok},
		{"GET", "/medlemmar/finns-inte", "", [6]int{404, 404, 404, 404, 404, 404}},
		{"GET", "/deltagande", "", ok},
		{"GET", "/tillganglighet", "", ok},
		{"GET", "/publiceringslogg", "", ok},
		{"GET", "/publiceringslogg?sida=9", "", ok},
		{"GET", "/publiceringslogg.json", "", ok},
		{"GET", "/.well-known/samsyn-publication-key", "", ok},
		{"POST", "/tillganglighet", `{"message":""}`, [6]int{400, 400, 400, 400, 400, 400}}, // form data only
		{"GET", "/internt/deltagande", "", staffPage},
		{"GET", "/internt/tillganglighet-synpunkter", "", staffPage},
		{"GET", "/internt/remisser/" + c.ID + "/utfall", "", staffPage},
		{"POST", "/internt/remisser/" + c.ID + "/utfall", `{}`, [6]int{401, 403, 403, 403, 422, 422}},
		{"POST", "/internt/remisser/" + c.ID + "/utfall/handelse", `{}`, [6]int{401, 403, 403, 403, 422, 422}},
		{"GET", pi, "", userPage},
		{"POST", pi, `{}`, [6]int{401, 403, 403, 403, 422, 422}},
		{"POST", pi + "/" + pos.ID, `{}`, [6]int{401, 403, 403, 403, 409, 409}},
		{"POST", pi + "/" + pos.ID + "/anvand", `{}`, [6]int{401, 403, 403, 403, 409, 409}},
		{"GET", "/api/v1/issues/" + pub.ID + "/positions", "", [6]int{401, 200, 200, 200, 200, 200}},
		{"GET", "/api/v1/issues/" + internal.ID + "/positions", "", [6]int{401, 200, 200, 200, 200, 200}},
	}
	// The positions beside a statement's text are internal, whatever its
	// status: a published statement's public page is elsewhere.
	cases = append(cases, set.each("GET", "/internt/stallningstaganden/{id}/positioner", "", same(signedIn))...)
	cases = append(cases, set.each("GET", "/api/v1/statements/{id}/positions", "", same(signedIn))...)
	f.guardPublic(c, pub, pos)
	return cases
}

// guardPublic guards the rows that change an outcome, a position or the
// accessibility feedback: a refused attempt leaves them as they were.
func (f *fixture) guardPublic(c *app.Consultation, pub *app.Issue, pos *app.Position) {
	outcome := stored(func(ctx context.Context) (*app.Outcome, error) {
		return mongodb.NewConsultationStore(f.db).OutcomeOf(ctx, c.ID)
	})
	positions := stored(func(ctx context.Context) ([]*app.Position, error) {
		return mongodb.NewIssueStore(f.db).ListPositions(ctx, pub.ID)
	})
	feedback := stored(func(ctx context.Context) (int, error) {
		_, n, err := mongodb.NewAuditLog(f.db).ListFeedback(ctx, app.Page{Number: 1, Size: 1})
		return n, err
	})
	f.guard("POST", "/tillganglighet", feedback)
	f.guard("POST", "/internt/remisser/"+c.ID+"/utfall", outcome)
	f.guard("POST", "/internt/remisser/"+c.ID+"/utfall/handelse", outcome)
	pi := "/internt/fragor/" + pub.ID + "/positioner"
	for _, p := range []string{pi, pi + "/" + pos.ID, pi + "/" + pos.ID + "/anvand"} {
		f.guard("POST", p, positions)
	}
}
