package web_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
)

type suggestionJSON struct {
	ID, State, Text string
	Block           any
	AuthorID        string `json:"author_id"`
}

// TestSuggestionAcceptedBecomesTheSuggestersRevision: a member suggests a
// new second paragraph; the draft's author accepts it, and the new
// revision is attributed to the suggester. A suggestion on a paragraph
// that changed since is outdated and cannot be accepted.
func TestSuggestionAcceptedBecomesTheSuggestersRevision(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustStatement(app.StatementDraft, "Förslag och spår")
	path := "/api/v1/statements/" + st.ID + "/suggestions"
	var sg suggestionJSON
	mustUnmarshal(t, f.mustCall(201, "memberB", "POST", path,
		fmt.Sprintf(`{"block":2,"text":"Andra stycket, skärpt av Börje.","base_version":%d}`, st.Version)), &sg)
	if sg.State != "open" || fmt.Sprint(sg.Block) != "2" {
		t.Fatalf("suggestion %+v", sg)
	}
	f.mustCall(403, "memberB", "POST", path+"/"+sg.ID+"/accept", "")
	var after stmtJSON
	mustUnmarshal(t, f.mustCall(200, "memberA", "POST", path+"/"+sg.ID+"/accept", ""), &after)
	if after.Body != "Första stycket.\n\nAndra stycket, skärpt av Börje." || after.Revision != st.Revision+1 {
		t.Fatalf("after accepting: r%d %q", after.Revision, after.Body)
	}
	var revs struct {
		Items []struct {
			Number   int
			AuthorID string `json:"author_id"`
		}
	}
	mustUnmarshal(t, f.mustCall(200, "memberA", "GET", "/api/v1/statements/"+st.ID+"/revisions", ""), &revs)
	last := revs.Items[len(revs.Items)-1]
	if last.Number != after.Revision || last.AuthorID != f.byRole["memberB"].ID {
		t.Fatalf("last revision %+v, want by memberB", last)
	}
	f.mustCall(409, "memberA", "POST", path+"/"+sg.ID+"/accept", "")

	// A suggestion on the first paragraph, which then changes: outdated.
	mustUnmarshal(t, f.mustCall(201, "memberB", "POST", path,
		fmt.Sprintf(`{"block":1,"text":"Första stycket, enligt Börje.","base_version":%d}`, after.Version)), &sg)
	f.mustCall(200, "memberA", "PATCH", "/api/v1/statements/"+st.ID,
		fmt.Sprintf(`{"version":%d,"body":"Första stycket, omskrivet.\n\nAndra stycket, skärpt av Börje."}`, after.Version))
	var open struct{ Items []suggestionJSON }
	mustUnmarshal(t, f.mustCall(200, "memberA", "GET", path+"?state=all", ""), &open)
	if len(open.Items) != 2 || open.Items[1].State != "outdated" {
		t.Fatalf("suggestions after the edit: %+v", open.Items)
	}
	f.mustCall(409, "memberA", "POST", path+"/"+sg.ID+"/accept", "")
	if body := f.reload(st.ID).Body; strings.Contains(body, "enligt Börje") {
		t.Fatalf("an outdated suggestion was applied: %q", body)
	}
	var rejected suggestionJSON
	mustUnmarshal(t, f.mustCall(200, "secretariat", "POST", path+"/"+sg.ID+"/reject", `{"reason":"Inaktuellt <b>nu</b>."}`), &rejected)
	if rejected.State != "rejected" {
		t.Fatalf("rejected: %+v", rejected)
	}
}

// TestSuggestionBadInput: unknown blocks, unchanged text, huge text and a
// frozen draft are refused and store nothing.
func TestSuggestionBadInput(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustStatement(app.StatementDraft, "Dåliga förslag")
	path := "/api/v1/statements/" + st.ID + "/suggestions"
	for _, c := range []struct {
		body string
		want int
	}{
		{`{"block":9,"text":"x","base_version":1}`, 422},
		{`{"block":"title","text":"` + st.Title + `","base_version":1}`, 422},
		{`{"block":1,"text":"` + strings.Repeat("å", 20001) + `","base_version":1}`, 422},
		{`{"block":1,"text":"x","base_version":99}`, 409},
		{`{"block":1,"text":"x"}`, 422},
		{`{"block":[1],"text":"x","base_version":1}`, 422},
		{``, 400},
	} {
		if status, out := f.call("memberB", "POST", path, c.body); status != c.want {
			t.Errorf("%.60s: %d %s, want %d", c.body, status, out, c.want)
		}
	}
	var list struct{ Total int }
	mustUnmarshal(t, f.mustCall(200, "memberA", "GET", path+"?state=all", ""), &list)
	if list.Total != 0 {
		t.Fatalf("%d suggestions stored from bad input", list.Total)
	}
}
