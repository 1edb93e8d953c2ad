package web_test

import (
	"context"

	"github.com/samsyn/samsyn/app"
)

func init() { roleTables = append(roleTables, notifySettingsRoles) }

// notifySettingsRoles covers the notification settings and the
// unsubscribe link. The link's signed token is its credential: a good one
// opens the confirmation page for whoever holds it, signed in or not; a
// missing or forged one is 400 to everyone and changes nothing. The
// settings are each signed-in user's own.
func notifySettingsRoles(f *fixture) []roleCase {
	u := f.byRole["memberA"]
	tok, err := f.services.Unsubscribes.Token(context.Background(), u.ID, app.NotifyPublished)
	if err != nil {
		f.t.Fatal(err)
	}
	prefs := stored(func(ctx context.Context) (*app.NotifyPrefs, error) { return f.services.Notifications.Prefs(ctx, u) })
	follows := stored(func(ctx context.Context) ([]*app.Follow, error) { return f.services.Notifications.Follows(ctx, u) })
	f.guard("POST", "/avregistrera", prefs)
	f.guard("GET", "/avregistrera?t="+tok, prefs)
	f.guard("POST", "/internt/installningar", prefs)
	f.guard("POST", "/internt/installningar/bevakningar", follows)
	all400 := [6]int{400, 400, 400, 400, 400, 400}
	return []roleCase{
		{"GET", "/avregistrera?t=" + tok, "", all200},
		{"GET", "/avregistrera", "", all400},
		{"GET", "/avregistrera?t=" + u.ID + ".published.AAAA", "", all400},
		{"POST", "/avregistrera", "{}", all400},
		{"GET", "/internt/installningar", "", [6]int{303, 200, 200, 200, 200, 200}},
		{"POST", "/internt/installningar", "{}", [6]int{401, 422, 422, 422, 422, 422}},
		{"POST", "/internt/installningar/bevakningar", "{}", [6]int{401, 422, 422, 422, 422, 422}},
	}
}
