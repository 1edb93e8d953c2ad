package web_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
)

func init() { roleTables = append(roleTables, accountRoles) }

// accountRoles covers password reset and invitations. The reset pages and
// the links are for everyone alike, signed in or not: what counts is the
// link, and an unknown one, or one of the other purpose, is 404 for all.
// The forms read form fields, so the table's JSON bodies reach them as
// empty forms (422) and change nothing. Sending an invitation is for
// admins; the table's server has no mail server, so even the admin's
// attempt is refused (422) — past the role check.
func accountRoles(f *fixture) []roleCase {
	ctx := context.Background()
	sessions := mongodb.NewSessionStore(f.db)
	links := &app.AccountLinks{Users: f.users, Links: sessions, Accounts: f.accounts, Clock: app.SystemClock{},
		BaseURL: "http://localhost:8080", NetworkName: "N", Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	invited, err := app.NewInvitedUser(app.NewUserInput{Email: "inbjuden.rad@example.se", Name: "Ida Inbjuden", Role: app.RoleSecretariat}, f.accounts.Clock.Now())
	if err == nil {
		err = f.users.CreateUser(ctx, invited)
	}
	resetSecret, rerr := links.Issue(ctx, f.byRole["memberB"], app.LinkReset)
	inviteSecret, ierr := links.Issue(ctx, invited, app.LinkInvite)
	if err = errors.Join(err, rerr, ierr); err != nil {
		f.t.Fatal(err)
	}
	reset, invite := "/aterstall/"+resetSecret, "/inbjudan/"+inviteSecret
	unknown := strings.Repeat("0", 64)
	every := func(status int) [6]int { return [6]int{status, status, status, status, status, status} }
	adminOnly := func(admin int) [6]int { return [6]int{401, 403, 403, 403, 403, admin} }
	none := "000000000000000000000000"
	cases := []roleCase{
		{"GET", "/glomt-losenord", "", every(200)},
		// The anonymous forms take form data only (anonymousForm): a JSON
		// body, which skipped the anonymous CSRF check once, is 400.
		{"POST", "/glomt-losenord", `{"email":"admin@example.se"}`, every(400)},
		{"GET", reset, "", every(200)},
		{"GET", invite, "", every(200)},
		{"GET", "/aterstall/" + inviteSecret, "", every(404)},
		{"GET", "/inbjudan/" + resetSecret, "", every(404)},
		{"GET", "/aterstall/" + unknown, "", every(404)},
		{"GET", "/inbjudan/kort", "", every(404)},
		{"POST", reset, "{}", every(400)},
		{"POST", invite, "{}", every(400)},
		{"POST", "/aterstall/" + unknown, "{}", every(400)},
		{"POST", "/inbjudan/" + resetSecret, "{}", every(400)},
		{"POST", "/admin/anvandare/" + invited.ID + "/inbjudan", "{}", adminOnly(422)},
		{"POST", "/admin/anvandare/" + none + "/inbjudan", "{}", adminOnly(404)},
		{"POST", "/api/v1/users/" + invited.ID + "/invitation", "{}", adminOnly(422)},
		{"POST", "/api/v1/users/" + none + "/invitation", "{}", adminOnly(404)},
		{"POST", "/api/v1/users", `{"email":"inv{n}@example.se","name":"Ny","role":"secretariat","invite":true}`, adminOnly(422)},
	}
	state := func(userIDs ...string) func() string {
		return func() string {
			var b strings.Builder
			for _, id := range userIDs {
				u, err := f.users.UserByID(ctx, id)
				fmt.Fprintf(&b, "%v %v; ", u, err)
			}
			n := 0
			err := f.db.DumpCollection(ctx, "account_links", func(bson.Raw) error { n++; return nil })
			fmt.Fprintf(&b, "%d links %v", n, err)
			return b.String()
		}
	}
	both := state(f.byRole["memberB"].ID, invited.ID)
	for _, p := range []string{"/glomt-losenord", reset, invite, "/aterstall/" + unknown, "/inbjudan/" + resetSecret,
		"/admin/anvandare/" + invited.ID + "/inbjudan", "/api/v1/users/" + invited.ID + "/invitation"} {
		f.guard("POST", p, both)
	}
	return cases
}
