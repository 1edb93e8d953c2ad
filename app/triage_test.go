package app_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/demo"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
	"github.com/samsyn/samsyn/app/regeringen"
	"github.com/samsyn/samsyn/app/regeringen/regeringentest"
)

// triageWorld is the demo network with the captured listing read.
type triageWorld struct {
	svc     *app.Services
	staff   *app.User
	listing []*app.RemissIntake
}

func newTriageWorld(t *testing.T) *triageWorld {
	t.Helper()
	db := mongotest.MustOpenDB(t)
	st := mongodb.Stores(db)
	svc := app.NewServices(st, app.ServiceConfig{Clock: app.SystemClock{}, Fetcher: regeringen.Reader{},
		IdleTimeout: time.Hour, AbsoluteTimeout: time.Hour})
	if _, err := demo.Load(context.Background(), demo.Stores{Members: st.Members, Users: st.Users,
		Consultations: st.Consultations, Issues: st.Issues, Statements: st.Statements, Events: svc.Events}, time.Now()); err != nil {
		t.Fatal(err)
	}
	listing, err := svc.Imports.Parse(bytes.NewReader(regeringentest.Read(t, "listing.html")))
	if err != nil {
		t.Fatal(err)
	}
	users, _, err := svc.Users.List(context.Background(), app.UserFilter{})
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(users, func(u *app.User) bool { return u.Role == app.RoleSecretariat })
	if i < 0 {
		t.Fatal("no secretariat user in the demo")
	}
	return &triageWorld{svc: svc, staff: users[i], listing: listing}
}

func (w *triageWorld) registered(t *testing.T) int {
	t.Helper()
	_, n, err := w.svc.Consultations.List(context.Background(), app.ConsultationFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func (w *triageWorld) triage(t *testing.T, state app.TriageState) []*app.TriageItem {
	t.Helper()
	items, n, err := w.svc.Triage.List(context.Background(), app.TriageFilter{State: state})
	if err != nil || n != len(items) {
		t.Fatalf("list triage: %v (%d of %d)", err, len(items), n)
	}
	return items
}

func outcomes(results []*app.ImportResult) map[string]int {
	out := map[string]int{}
	for _, r := range results {
		out[r.Outcome]++
	}
	return out
}

// TestListingGoesToTriage: importing the captured listing adds nothing to
// the register; triage holds its 20 remisser scored, with reasons; a
// second import adds none twice; accepting two puts exactly two in the
// register (incoming, with the responsible officer); a dismissal keeps the
// remiss and is undone by restore; bulk decisions check every id first.
func TestListingGoesToTriage(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := newTriageWorld(t)
	before := w.registered(t)
	results, err := w.svc.Imports.Import(ctx, w.staff, w.listing)
	if err != nil {
		t.Fatal(err)
	}
	if got := outcomes(results); got[app.ImportTriaged] != 20 || len(got) != 1 {
		t.Fatalf("first import: %v, want 20 to triage", got)
	}
	if n := w.registered(t); n != before {
		t.Fatalf("the listing changed the register: %d → %d consultations", before, n)
	}
	pending := w.triage(t, app.TriagePending)
	if len(pending) != 20 || pending[0].Relevance <= 0 || len(pending[0].Reasons) == 0 {
		t.Fatalf("triage after import: %d items, first %+v", len(pending), pending[0])
	}
	if n, err := w.svc.Triage.Pending(ctx); err != nil || n != 20 {
		t.Fatalf("Pending = %d, %v", n, err)
	}
	results, err = w.svc.Imports.Import(ctx, nil, w.listing)
	if got := outcomes(results); err != nil || got[app.ImportUnchanged] != 20 || len(w.triage(t, "")) != 20 {
		t.Fatalf("second import: %v %v", got, err)
	}

	accepted, err := w.svc.Triage.AcceptMany(ctx, w.staff, []string{pending[0].ID, pending[1].ID}, "")
	if err != nil || len(accepted) != 2 {
		t.Fatalf("accept two: %v", err)
	}
	if n := w.registered(t); n != before+2 {
		t.Fatalf("accepting two made %d new consultations", n-before)
	}
	for _, c := range accepted {
		if c.Status != app.ConsultationIncoming || c.ResponsibleID != w.staff.ID || c.SourceURL == "" {
			t.Errorf("accepted: %+v", c)
		}
	}
	if _, err := w.svc.Triage.Accept(ctx, w.staff, pending[0].ID, ""); app.ErrorCode(err) != app.ECONFLICT {
		t.Errorf("accepting twice: %v, want a conflict", err)
	}
	if n := w.registered(t); n != before+2 {
		t.Fatalf("a second accept changed the register")
	}

	if _, err := w.svc.Triage.Dismiss(ctx, w.staff, pending[2].ID, " "); app.ErrorCode(err) != app.EINVALID {
		t.Errorf("dismiss without a reason: %v", err)
	}
	if _, err := w.svc.Triage.Dismiss(ctx, w.staff, pending[2].ID, "Inte vår fråga."); err != nil {
		t.Fatal(err)
	}
	dismissed := w.triage(t, app.TriageDismissed)
	if len(dismissed) != 1 || dismissed[0].DismissReason != "Inte vår fråga." || dismissed[0].DecidedBy != w.staff.ID {
		t.Fatalf("dismissed: %+v", dismissed)
	}
	if _, err := w.svc.Triage.Restore(ctx, w.staff, pending[2].ID); err != nil {
		t.Fatal(err)
	}
	if len(w.triage(t, app.TriageDismissed)) != 0 || len(w.triage(t, app.TriagePending)) != 18 {
		t.Fatal("restore did not bring the remiss back")
	}

	// Bulk: one unknown or decided id changes nothing.
	for _, ids := range [][]string{{pending[3].ID, "000000000000000000000000"}, {pending[3].ID, pending[0].ID}, nil} {
		if _, err := w.svc.Triage.DismissMany(ctx, w.staff, ids, "Ej aktuell"); err == nil {
			t.Errorf("bulk dismiss %v: no error", ids)
		}
	}
	if len(w.triage(t, app.TriagePending)) != 18 {
		t.Fatal("a refused bulk dismissal changed triage")
	}
	if _, err := w.svc.Triage.DismissMany(ctx, w.staff, []string{pending[3].ID, pending[4].ID}, "Ej aktuell"); err != nil {
		t.Fatal(err)
	}
	if len(w.triage(t, app.TriageDismissed)) != 2 {
		t.Fatal("bulk dismissal")
	}
	// A listed remiss already in the register is updated there, not triaged.
	results, err = w.svc.Imports.Import(ctx, nil, w.listing)
	if got := outcomes(results); err != nil || got[app.ImportUnchanged] != 20 || w.registered(t) != before+2 {
		t.Fatalf("third import: %v %v", got, err)
	}
}

// TestTriageRanksTheNetworksRemisserFirst: on the demo network's issues
// (electricity grid and energy, permits, skills, freight, industrial
// renewal), the listing's energy, planning and permit remisser rank above
// the unrelated ones (police, interpreting, crime, insurance, prices).
func TestTriageRanksTheNetworksRemisserFirst(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := newTriageWorld(t)
	if _, err := w.svc.Imports.Import(ctx, w.staff, w.listing); err != nil {
		t.Fatal(err)
	}
	items := w.triage(t, app.TriagePending)
	rank := map[string]int{}
	var table strings.Builder
	for i, it := range items {
		rank[it.Reference] = i
		fmt.Fprintf(&table, "%2d %.2f %-13s %s %v\n", i, it.Relevance, it.Reference, it.Title, it.Reasons)
	}
	related := map[string]string{
		"KN2026/01494": "Energiplanering i kommuner och regioner",
		"KN2026/01473": "Mål för trygg energiförsörjning",
		"LI2026/01339": "Ändring av detaljplan",
		"KN2026/01475": "Tillträde till mark för undersökning",
	}
	unrelated := map[string]string{
		"Ju2023/01911": "Polisiärt samarbete",
		"A2026/00510":  "Tolkavgift och förbud mot barntolkning",
		"S2026/00236":  "Samhällsvård för barn och unga",
		"Ju2026/01665": "Underåriga i brottslighet",
		"Ju2026/01662": "Snabbförfarande i brottmål",
		"Ju2026/00947": "Elektroniska meddelanden vid försäkringsavtal",
		"Fi2026/00996": "Information vid prissänkningar",
	}
	for ref, what := range related {
		r, ok := rank[ref]
		if !ok || items[r].Relevance == 0 || len(items[r].Reasons) == 0 {
			t.Errorf("%s (%s) has no relevance\n%s", what, ref, table.String())
			continue
		}
		for uref, uwhat := range unrelated {
			if rank[uref] < r {
				t.Errorf("%s ranks above %s\n%s", uwhat, what, table.String())
			}
		}
	}
	energy := items[rank["KN2026/01494"]]
	if !slices.ContainsFunc(energy.Reasons, func(r app.TriageReason) bool {
		return r.IssueTitle == "Elnätskapacitet" && slices.Contains(r.Topics, "energi")
	}) {
		t.Errorf("energy planning's reasons: %+v", energy.Reasons)
	}
	for uref := range unrelated {
		if u := items[rank[uref]]; u.Relevance > 0.2 {
			t.Errorf("%s scores %.2f: %+v", uref, u.Relevance, u.Reasons)
		}
	}
	t.Logf("\n%s", table.String())
}
