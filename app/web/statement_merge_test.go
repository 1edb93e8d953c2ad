package web_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
)

// mergeBody is a draft of four paragraphs, the last a list.
const mergeBody = "Första stycket om elnätet.\n\nAndra stycket om tillstånd.\n\nTredje stycket om kompetens.\n\n- en punkt\n- en till"

// patch saves body (and title, when given) on st based on version, as role.
func patch(f *fixture, role, id string, version int, title, body string) (int, string) {
	f.t.Helper()
	in := map[string]any{"version": version, "body": body}
	if title != "" {
		in["title"] = title
	}
	b, _ := json.Marshal(in)
	return f.call(role, "PATCH", "/api/v1/statements/"+id, string(b))
}

// TestSaveMergesEditsToOtherBlocks: two members edit different paragraphs
// of the same version; the second save merges the first's change instead
// of answering a conflict or dropping it.
func TestSaveMergesEditsToOtherBlocks(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustStatement(app.StatementDraft, "Remissvar om elnätet")
	base := f.mustCall(200, "memberA", "PATCH", "/api/v1/statements/"+st.ID, mustJSON(map[string]any{"version": st.Version, "body": mergeBody}))
	var v3 stmtJSON
	mustUnmarshal(t, base, &v3)
	status, out := patch(f, "memberA", st.ID, v3.Version, "", strings.Replace(mergeBody, "Första stycket", "Första stycket, ändrat av A,", 1))
	if status != 200 {
		t.Fatalf("A's save: %d %s", status, out)
	}
	status, out = patch(f, "memberB", st.ID, v3.Version, "Remissvar om elnätet och tillstånden",
		strings.Replace(mergeBody, "Tredje stycket", "Tredje stycket, ändrat av B,", 1))
	if status != 200 {
		t.Fatalf("B's save from the same version: %d %s", status, out)
	}
	var got struct {
		stmtJSON
		Merged bool
	}
	mustUnmarshal(t, out, &got)
	want := strings.Replace(strings.Replace(mergeBody, "Första stycket", "Första stycket, ändrat av A,", 1),
		"Tredje stycket", "Tredje stycket, ändrat av B,", 1)
	if !got.Merged || got.Body != want || got.Title != "Remissvar om elnätet och tillstånden" {
		t.Fatalf("merged %v, title %q, body\n%s\nwant\n%s", got.Merged, got.Title, got.Body, want)
	}
}

// TestSaveRefusesEditsToTheSameBlock: two edits of the same paragraph from
// one version: the second is a 409 edit_conflict naming the block with
// all three texts, and nothing of it is stored.
func TestSaveRefusesEditsToTheSameBlock(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustStatement(app.StatementDraft, "Uttalande om kompetens")
	var v stmtJSON
	mustUnmarshal(t, f.mustCall(200, "memberA", "PATCH", "/api/v1/statements/"+st.ID,
		mustJSON(map[string]any{"version": st.Version, "body": mergeBody})), &v)
	theirs := strings.Replace(mergeBody, "Andra stycket om tillstånd.", "Andra stycket om snabbare tillstånd.", 1)
	if status, out := patch(f, "memberA", st.ID, v.Version, "", theirs); status != 200 {
		t.Fatalf("A's save: %d %s", status, out)
	}
	yours := strings.Replace(mergeBody, "Andra stycket om tillstånd.", "Andra stycket om enklare tillstånd.", 1)
	yours = strings.Replace(yours, "Första stycket", "Första stycket (B)", 1) // mergeable on its own
	status, out := patch(f, "memberB", st.ID, v.Version, "", yours)
	if status != 409 {
		t.Fatalf("B's save of the same paragraph: %d %s", status, out)
	}
	var c struct {
		Error     struct{ Code string }
		Conflicts []struct {
			Block               any
			Base, Theirs, Yours string
		}
		Current stmtJSON
	}
	mustUnmarshal(t, out, &c)
	if c.Error.Code != "edit_conflict" || len(c.Conflicts) != 1 || fmt.Sprint(c.Conflicts[0].Block) != "2" ||
		c.Conflicts[0].Base != "Andra stycket om tillstånd." || c.Conflicts[0].Theirs != "Andra stycket om snabbare tillstånd." ||
		c.Conflicts[0].Yours != "Andra stycket om enklare tillstånd." || c.Current.Body != theirs {
		t.Fatalf("conflict answer %s", out)
	}
	var now stmtJSON
	mustUnmarshal(t, f.mustCall(200, "memberA", "GET", "/api/v1/statements/"+st.ID, ""), &now)
	if now.Body != theirs || now.Version != c.Current.Version {
		t.Fatalf("something of the refused save was stored: %q v%d", now.Body, now.Version)
	}
}

// TestSaveOfUnchangedTextStoresNothing: saving the same text makes no
// revision.
func TestSaveOfUnchangedTextStoresNothing(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	st := f.mustStatement(app.StatementDraft, "Samma text")
	var again stmtJSON
	mustUnmarshal(t, f.mustCall(200, "memberA", "PATCH", "/api/v1/statements/"+st.ID,
		mustJSON(map[string]any{"version": st.Version, "body": st.Body})), &again)
	if again.Version != st.Version || again.Revision != st.Revision {
		t.Fatalf("unchanged save made version %d revision %d from %d %d", again.Version, again.Revision, st.Version, st.Revision)
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}
