package web_test

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/samsyn/samsyn/app"
)

// Four parts, each on a fixture of its own (TestRoleTable runs parts side
// by side): the reads, the writes on one set of statements, the comment
// threads and the transitions, each on statements of its own.
func init() {
	roleTables = append(roleTables, statementRoles, statementWrites, statementThreads, statementTransitions)
}

// stmtAPI and stmtPage are a statement's API resource and page, {id} to
// fill in (fourStatements.each).
const stmtAPI, stmtPage = "/api/v1/statements/{id}", "/internt/stallningstaganden/{id}"

// Statuses for the roles "", memberA, signerA, memberB, secretariat, admin.
var (
	all200    = [6]int{200, 200, 200, 200, 200, 200}
	all404    = [6]int{404, 404, 404, 404, 404, 404}
	signedIn  = [6]int{404, 200, 200, 200, 200, 200}
	staffOnly = [6]int{404, 403, 403, 403, 200, 200}
)

// fourStatements is one statement in each status, by status.
type fourStatements map[app.StatementStatus]stmtJSON

var statuses = []app.StatementStatus{app.StatementDraft, app.StatementSigning, app.StatementPublished, app.StatementWithdrawn}

func (f *fixture) fourStatements(label string) fourStatements {
	out := fourStatements{}
	for _, s := range statuses {
		out[s] = f.mustStatement(s, label+" "+string(s))
	}
	return out
}

// each returns one case per status: pattern with {id} and {slug}
// filled in, and the statuses want gives that status.
func (set fourStatements) each(method, pattern, body string, want func(app.StatementStatus) [6]int) []roleCase {
	var out []roleCase
	for _, s := range statuses {
		path := strings.NewReplacer("{id}", set[s].ID, "{slug}", set[s].Slug).Replace(pattern)
		out = append(out, roleCase{method, path, body, want(s)})
	}
	return out
}

func same(w [6]int) func(app.StatementStatus) [6]int {
	return func(app.StatementStatus) [6]int { return w }
}

// openOnly gives open the statuses for drafts and statements in signing,
// closed for published and withdrawn ones.
func openOnly(open, closed [6]int) func(app.StatementStatus) [6]int {
	return func(s app.StatementStatus) [6]int {
		if s == app.StatementDraft || s == app.StatementSigning {
			return open
		}
		return closed
	}
}

// only gives hit to one status and rest to the others.
func only(status app.StatementStatus, hit, rest [6]int) func(app.StatementStatus) [6]int {
	return func(s app.StatementStatus) [6]int {
		if s == status {
			return hit
		}
		return rest
	}
}

// statementRoles covers every statement route for every role against a
// statement in each status: the reads here, the writes in
// statementWrites, statementThreads and statementTransitions.
func statementRoles(f *fixture) []roleCase {
	set := f.fourStatements("Roller")
	api, in := stmtAPI, stmtPage
	cases := []roleCase{
		{"GET", "/api/v1/statements", "", all200},
		{"POST", "/api/v1/statements", `{"kind":"joint_statement","title":"Ny {n}"}`, [6]int{401, 201, 201, 201, 201, 201}},
		{"GET", "/api/v1/statements/audit", "", staffOnly},
		{"POST", "/api/v1/preview", `{"body":"**x**"}`, [6]int{401, 200, 200, 200, 200, 200}},
		{"GET", "/internt/stallningstaganden", "", [6]int{303, 200, 200, 200, 200, 200}},
		{"GET", "/internt/stallningstaganden/ny", "", [6]int{303, 200, 200, 200, 200, 200}},
		{"POST", "/internt/stallningstaganden/ny", "{}", [6]int{401, 422, 422, 422, 422, 422}},
		{"GET", "/internt/stallningstaganden/logg", "", staffOnly},
	}
	cases = append(cases, set.each("GET", api, "", openOnly(signedIn, all200))...)
	cases = append(cases, set.each("GET", "/stallningstaganden/{slug}", "", openOnly(all404, all200))...)
	for _, p := range []string{api + "/revisions", api + "/revisions/1", in + "/versioner/1", api + "/diff", api + "/comments",
		api + "/signing", api + "/signatures", api + "/suggestions",
		in, in + "/versioner", in + "/jamfor", in + "/signering"} {
		cases = append(cases, set.each("GET", p, "", same(signedIn))...)
	}
	for _, p := range []string{api + "/audit", in + "/logg", in + "/publicera", in + "/dra-tillbaka", in + "/ateroppna"} {
		cases = append(cases, set.each("GET", p, "", same(staffOnly))...)
	}
	return cases
}

// statementWrites tries the changes of a statement in each status.
func statementWrites(f *fixture) []roleCase {
	set := f.fourStatements("Ändringar")
	api, in := stmtAPI, stmtPage
	c409 := [6]int{404, 409, 409, 409, 409, 409}
	c422 := [6]int{404, 422, 422, 422, 422, 422}
	staff409 := [6]int{404, 403, 403, 403, 409, 409}
	cases := set.each("PATCH", api, `{"version":999,"body":"x"}`, same(c409))
	// The current version does not open a frozen text, for anyone.
	for _, s := range statuses[1:] {
		cases = append(cases, roleCase{"PATCH", "/api/v1/statements/" + set[s].ID, fmt.Sprintf(`{"version":%d,"body":"x"}`, set[s].Version), c409})
	}
	cases = append(cases, set.each("POST", api+"/comments", `{"body":"Hej"}`, openOnly([6]int{404, 201, 201, 201, 201, 201}, c409))...)
	// A suggestion based on a version that never was: 409 for everyone
	// signed in, whatever the status; deciding an unknown one: 404.
	cases = append(cases, set.each("POST", api+"/suggestions", `{"block":1,"text":"x","base_version":999}`, same(c409))...)
	for _, p := range []string{api + "/suggestions/000000000000000000000000/accept", api + "/suggestions/000000000000000000000000/reject",
		in + "/forslag/000000000000000000000000/godta", in + "/forslag/000000000000000000000000/avsla"} {
		cases = append(cases, set.each("POST", p, "{}", same(all404))...)
	}
	cases = append(cases, set.each("POST", in+"/forslag", "{}", same(c422))...)
	cases = append(cases, set.each("POST", api+"/presence", "{}", same(signedIn))...)
	cases = append(cases, set.each("POST", api+"/signing", `{"sign_by":"nope"}`, same([6]int{404, 403, 403, 403, 422, 422}))...)
	cases = append(cases, set.each("POST", api+"/signatures", signBody("", "0000000000000000000000000000000000000000000000000000000000000000"), same([6]int{404, 403, 409, 403, 422, 422}))...)
	// A statement is reminded of once a working day: the admin, after the
	// secretariat, and the form after the API, are told it was done today.
	cases = append(cases, set.each("POST", api+"/remind", "{}", only(app.StatementSigning, [6]int{404, 403, 403, 403, 200, 409}, staff409))...)
	cases = append(cases, set.each("POST", in, "{}", same(c422))...)
	cases = append(cases, set.each("POST", in+"/kommentarer", "{}", openOnly(c422, c409))...)
	cases = append(cases, set.each("POST", in+"/signering", "{}", same(c422))...)
	cases = append(cases, set.each("POST", in+"/signering/oppna", "{}", same([6]int{404, 403, 403, 403, 422, 422}))...)
	cases = append(cases, set.each("POST", in+"/paminn", "{}", only(app.StatementSigning, [6]int{404, 403, 403, 403, 409, 409}, staff409))...)
	cases = append(cases, set.each("POST", api+"/revisions/1/restore", `{"version":999}`, same([6]int{404, 409, 403, 403, 409, 409}))...)
	cases = append(cases, set.each("POST", in+"/versioner/1/aterstall", "{}", same([6]int{404, 422, 403, 403, 422, 422}))...)
	cases = append(cases, set.each("PUT", api+"/quorum", `{"quorum":999}`, openOnly([6]int{404, 403, 403, 403, 422, 422}, staff409))...)
	cases = append(cases, set.each("POST", in+"/kvorum", "{}", same([6]int{404, 403, 403, 403, 422, 422}))...)
	tooLong := `{"reference":"` + strings.Repeat("x", 61) + `"}`
	cases = append(cases, set.each("PUT", api+"/reference", tooLong, same([6]int{404, 403, 403, 403, 422, 422}))...)
	cases = append(cases, set.each("POST", in+"/diarienummer", "{}", same([6]int{404, 403, 403, 403, 303, 303}))...)
	guardStatements(f, cases, set)
	return cases
}

// statementThreads tries the routes of a comment thread on a statement in
// each status.
func statementThreads(f *fixture) []roleCase {
	var cases []roleCase
	for _, s := range statuses {
		cases = append(cases, threadRoles(f, s)...)
	}
	return cases
}

// statementTransitions tries each change of status on fresh statements of
// its own, so that the order of rows does not matter.
func statementTransitions(f *fixture) []roleCase {
	api, in := stmtAPI, stmtPage
	staff409 := [6]int{404, 403, 403, 403, 409, 409}
	var cases []roleCase
	transitions := []struct {
		path   string
		ok     int
		status app.StatementStatus
	}{
		{api + "/publish", 200, app.StatementSigning}, {api + "/withdraw", 200, app.StatementPublished},
		{api + "/reopen", 200, app.StatementSigning}, {in + "/publicera", 303, app.StatementSigning},
		{in + "/dra-tillbaka", 303, app.StatementPublished}, {in + "/ateroppna", 303, app.StatementSigning},
	}
	for _, tr := range transitions {
		fresh := f.fourStatements("Övergång " + tr.path[len(tr.path)-6:])
		if tr.status == app.StatementSigning {
			st := fresh[app.StatementSigning]
			f.mustCall(201, "signerA", "POST", "/api/v1/statements/"+st.ID+"/signatures", signBody("", st.ContentHash))
		}
		rows := fresh.each("POST", tr.path, "{}", only(tr.status, [6]int{404, 403, 403, 403, tr.ok, 409}, staff409))
		guardStatements(f, rows, fresh)
		cases = append(cases, rows...)
	}
	return cases
}

// threadRoles covers the routes about one comment thread on a statement
// in status s. Its author (memberA, who also wrote the draft) and staff
// may resolve and reopen it, in every status (threads are written while
// the text is open and outlive it); only its author may edit it, while
// the text is open, or delete it; nobody else learns the statement
// exists. Resolving a resolved thread, or reopening an open one, changes
// nothing and answers as a success.
func threadRoles(f *fixture, s app.StatementStatus) []roleCase {
	st, cid := f.commentedStatement(s, "Tråd "+string(s))
	gone := f.commentedThread(st.ID)  // deleted through the API
	gone2 := f.commentedThread(st.ID) // deleted through the form
	api, in := "/api/v1/statements/"+st.ID+"/comments/", "/internt/stallningstaganden/"+st.ID+"/kommentarer/"
	byThem := [6]int{404, 200, 403, 403, 200, 200}
	formByThem := [6]int{404, 303, 403, 403, 303, 303}
	edit, formEdit := [6]int{404, 200, 403, 403, 403, 403}, [6]int{404, 422, 403, 403, 403, 403}
	if s == app.StatementPublished || s == app.StatementWithdrawn {
		edit, formEdit = [6]int{404, 409, 403, 403, 403, 403}, [6]int{404, 409, 403, 403, 403, 403}
	}
	cases := []roleCase{
		{"POST", api + cid + "/resolve", "{}", byThem},
		{"POST", api + cid + "/reopen", "{}", byThem},
		{"POST", in + cid + "/lost", "{}", formByThem},
		{"POST", in + cid + "/ateroppna", "{}", formByThem},
		{"PATCH", api + cid, `{"body":"Ändrad {n}"}`, edit},
		{"POST", in + cid + "/andra", "{}", formEdit},
		// An anonymous DELETE, with no JSON body, meets the CSRF check
		// first: 403, which tells nothing either.
		{"DELETE", api + gone, "", [6]int{403, 204, 403, 403, 403, 403}},
		{"POST", in + gone2 + "/ta-bort", "{}", [6]int{404, 303, 403, 403, 403, 403}},
	}
	for _, rc := range cases {
		id := cid
		if strings.Contains(rc.path, gone) {
			id = gone
		} else if strings.Contains(rc.path, gone2) {
			id = gone2
		}
		f.guard(rc.method, rc.path, f.threadProbe(st.ID, id))
	}
	return cases
}

// commentedThread adds a thread of memberA to statement id, whatever its
// status, straight into the store (a published text takes no new ones).
func (f *fixture) commentedThread(id string) string {
	f.t.Helper()
	author := f.byRole["memberA"]
	cm := &app.Comment{StatementID: id, AuthorID: author.ID, AuthorName: author.Name, Body: "Tråd", CreatedAt: time.Now()}
	if err := f.statements().CreateComment(context.Background(), cm); err != nil {
		f.t.Fatal(err)
	}
	return cm.ID
}

// guardStatements guards every state-changing row about a statement of
// set: a refused attempt leaves its status, version, text, hash,
// revisions and signatures as they were.
func guardStatements(f *fixture, rows []roleCase, set fourStatements) {
	for _, rc := range rows {
		if rc.method == "GET" {
			continue
		}
		for _, st := range set {
			if strings.Contains(rc.path, "/"+st.ID) {
				f.guard(rc.method, rc.path, f.statementProbe(st.ID))
			}
		}
	}
}

// commentedStatement returns a statement in status with one comment
// thread of memberA, written while the text was open to comments.
func (f *fixture) commentedStatement(status app.StatementStatus, title string) (stmtJSON, string) {
	f.t.Helper()
	open := status
	if open != app.StatementDraft {
		open = app.StatementSigning
	}
	st := f.mustStatement(open, title)
	var cm struct{ ID string }
	mustUnmarshal(f.t, f.mustCall(201, "memberA", "POST", "/api/v1/statements/"+st.ID+"/comments", `{"body":"Tråd"}`), &cm)
	if status == app.StatementPublished || status == app.StatementWithdrawn {
		f.mustCall(201, "signerA", "POST", "/api/v1/statements/"+st.ID+"/signatures", signBody("", st.ContentHash))
		f.mustCall(200, "secretariat", "POST", "/api/v1/statements/"+st.ID+"/publish", "")
	}
	if status == app.StatementWithdrawn {
		f.mustCall(200, "secretariat", "POST", "/api/v1/statements/"+st.ID+"/withdraw", "")
	}
	return f.reload(st.ID), cm.ID
}

// statementProbe reads a statement's snapshot and its number of comments.
func (f *fixture) statementProbe(id string) func() string {
	return func() string {
		cms, err := f.statements().ListComments(context.Background(), id)
		if err != nil {
			f.t.Fatal(err)
		}
		return fmt.Sprintf("%+v, %d comments", f.snapshot(id), len(cms))
	}
}

// threadProbe reads a comment thread and its statement as a refused
// resolve must leave them.
func (f *fixture) threadProbe(id, cid string) func() string {
	comment := stored(func(ctx context.Context) (*app.Comment, error) { return f.statements().CommentByID(ctx, cid) })
	statement := f.statementProbe(id)
	return func() string { return comment() + " " + statement() }
}
