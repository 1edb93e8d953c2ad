package web_test

import (
	"fmt"
	"io"
	"strings"
	"testing"

	"github.com/mmcdole/gofeed"

	"github.com/samsyn/samsyn/app"
)

// mustStatementFrom creates a statement from a JSON create body as memberA
// and moves it to status as mustStatement does: signing opened by the
// secretariat, signed by signerA, published, withdrawn.
func (f *fixture) mustStatementFrom(status app.StatementStatus, body string) stmtJSON {
	f.t.Helper()
	var st stmtJSON
	mustUnmarshal(f.t, f.mustCall(201, "memberA", "POST", "/api/v1/statements", body), &st)
	if status == app.StatementDraft {
		return st
	}
	f.mustCall(200, "secretariat", "POST", "/api/v1/statements/"+st.ID+"/signing", `{"sign_by":"`+inDays(14)+`"}`)
	st = f.reload(st.ID)
	if status == app.StatementSigning {
		return st
	}
	f.mustCall(201, "signerA", "POST", "/api/v1/statements/"+st.ID+"/signatures", signBody("", st.ContentHash))
	f.mustCall(200, "secretariat", "POST", "/api/v1/statements/"+st.ID+"/publish", "")
	if status == app.StatementWithdrawn {
		f.mustCall(200, "secretariat", "POST", "/api/v1/statements/"+st.ID+"/withdraw", "")
	}
	return f.reload(st.ID)
}

func topicBody(title string) string {
	return fmt.Sprintf(`{"kind":"joint_statement","title":%q,"summary":"Sammanfattning om elnät.","topics":["Energi","elnät"],`+
		`"body":"Vi kräver **snabbare** utbyggnad av elnätet.\n\n- Norr\n- Söder"}`, title)
}

// mustFeed fetches path anonymously and parses it as Atom.
func (f *fixture) mustFeed(path string) *gofeed.Feed {
	f.t.Helper()
	resp := f.do(request{method: "GET", path: path})
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		f.t.Fatalf("GET %s: %d %s", path, resp.StatusCode, b)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/atom+xml") {
		f.t.Errorf("GET %s: Content-Type %q", path, ct)
	}
	feed, err := gofeed.NewParser().ParseString(string(b))
	if err != nil {
		f.t.Fatalf("GET %s: not a feed: %v\n%s", path, err, b)
	}
	if feed.FeedType != "atom" {
		f.t.Errorf("GET %s: feed type %q", path, feed.FeedType)
	}
	return feed
}

// TestFeedsShowOnlyPublished puts a statement in every status in the store
// and checks that every feed holds the published one and nothing else.
func TestFeedsShowOnlyPublished(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	set := map[app.StatementStatus]stmtJSON{}
	for _, s := range statuses {
		set[s] = f.mustStatementFrom(s, topicBody("Flöde "+string(s)))
	}
	pub := set[app.StatementPublished]
	issue := f.mustCall(201, "secretariat", "POST", "/api/v1/issues", `{"title":"Elnätet","public":true,"statement_ids":["`+
		set[app.StatementDraft].ID+`","`+set[app.StatementSigning].ID+`","`+pub.ID+`","`+set[app.StatementWithdrawn].ID+`"]}`)
	var is struct{ Slug string }
	mustUnmarshal(t, issue, &is)

	for _, path := range []string{"/feed.atom", "/feed/amne/energi.atom", "/feed/amne/eln%C3%A4t.atom",
		"/feed/medlem/" + f.memberA.Slug + ".atom", "/feed/fraga/" + is.Slug + ".atom"} {
		feed := f.mustFeed(path)
		if len(feed.Items) != 1 {
			t.Fatalf("%s: %d entries, want only the published one", path, len(feed.Items))
		}
		it := feed.Items[0]
		if it.Title != "Flöde published" || it.Link != "http://localhost:8080/stallningstaganden/"+pub.Slug {
			t.Errorf("%s: entry %q → %s", path, it.Title, it.Link)
		}
		if it.GUID != "tag:localhost,2026:stallningstagande:"+pub.ID {
			t.Errorf("%s: id %q", path, it.GUID)
		}
		if it.UpdatedParsed == nil || it.PublishedParsed == nil || feed.UpdatedParsed == nil {
			t.Errorf("%s: missing updated/published times", path)
		}
		if !strings.Contains(it.Content, "<strong>snabbare</strong>") || !strings.Contains(it.Content, "Skellefteå") {
			t.Errorf("%s: content %q", path, it.Content)
		}
		if !strings.HasPrefix(feed.FeedLink, "http://localhost:8080/feed") && !strings.HasPrefix(feed.Link, "http://localhost:8080/feed") {
			t.Errorf("%s: no self link (%q, %q)", path, feed.Link, feed.FeedLink)
		}
	}
	for _, path := range []string{"/feed/amne/annat.atom", "/feed/medlem/" + f.memberB.Slug + ".atom"} {
		if n := len(f.mustFeed(path).Items); n != 0 {
			t.Errorf("%s: %d entries, want none", path, n)
		}
	}
	a, b := f.mustFeed("/feed.atom"), f.mustFeed("/feed.atom")
	if a.Items[0].GUID != b.Items[0].GUID || a.Updated != b.Updated {
		t.Error("feed ids or times change between requests")
	}
	for _, path := range []string{"/feed/medlem/okand.atom", "/feed/fraga/okand.atom"} {
		if status, _ := f.call("", "GET", path, ""); status != 404 {
			t.Errorf("%s: %d, want 404", path, status)
		}
	}
	private := f.mustCall(201, "secretariat", "POST", "/api/v1/issues", `{"title":"Intern fråga","statement_ids":["`+pub.ID+`"]}`)
	mustUnmarshal(t, private, &is)
	if status, _ := f.call("", "GET", "/feed/fraga/"+is.Slug+".atom", ""); status != 404 {
		t.Errorf("feed of a non-public issue: %d, want 404", status)
	}
}

func TestFeedAutodiscovery(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	_, html := f.htmlGet("", "/")
	if !strings.Contains(html, `<link rel="alternate" type="application/atom+xml" title="Nätverkets ställningstaganden (Atom-flöde)" href="/feed.atom">`) {
		t.Error("no Atom autodiscovery link in the page head")
	}
}
