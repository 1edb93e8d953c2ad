package app_test

import (
	"context"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
)

// TestCommentsFollowTheirText: a comment stays on its words through later
// edits — blocks inserted or deleted around it, its block reworded or
// moved — and is outdated, with its quote, once its words are gone. Each
// case comments on revision 1 and reads the comments after one edit.
func TestCommentsFollowTheirText(t *testing.T) {
	const base = "# Elnätet\n\nVi kräver snabbare tillstånd för nya elnät.\n\n- Norr\n- Söder\n\nNätverket står bakom *förslaget* i sin helhet."
	for _, c := range []struct {
		name         string
		block        int
		quote, after string
		anchor       int // 0: outdated
	}{
		{"a paragraph inserted above", 2, "", "# Elnätet\n\nEtt nytt inledande stycke.\n\nVi kräver snabbare tillstånd för nya elnät.\n\n- Norr\n- Söder\n\nNätverket står bakom *förslaget* i sin helhet.", 3},
		{"its paragraph deleted", 2, "", "# Elnätet\n\n- Norr\n- Söder\n\nNätverket står bakom *förslaget* i sin helhet.", 0},
		{"its phrase deleted, the block kept", 2, "snabbare tillstånd", "# Elnätet\n\nVi kräver fler elnät.\n\n- Norr\n- Söder\n\nNätverket står bakom *förslaget* i sin helhet.", 0},
		{"its block reworded, a heading inserted above", 2, "snabbare tillstånd", "# Elnätet\n\n## Krav\n\nVi kräver betydligt snabbare tillstånd för alla nya elnät.\n\n- Norr\n- Söder\n\nNätverket står bakom *förslaget* i sin helhet.", 3},
		{"the whole block reworded a little", 2, "", "# Elnätet\n\nVi kräver mycket snabbare tillstånd för nya elnät.\n\n- Norr\n- Söder\n\nNätverket står bakom *förslaget* i sin helhet.", 2},
		{"the whole block replaced by other words", 2, "", "# Elnätet\n\nHelt annan text om något annat här.\n\n- Norr\n- Söder\n\nNätverket står bakom *förslaget* i sin helhet.", 0},
		{"its block moved to the end", 2, "", "# Elnätet\n\n- Norr\n- Söder\n\nNätverket står bakom *förslaget* i sin helhet.\n\nVi kräver snabbare tillstånd för nya elnät.", 4},
		{"its phrase moved to another block", 4, "i sin helhet", "# Elnätet\n\nVi kräver snabbare tillstånd för nya elnät, vilket nätverket stöder i sin helhet.\n\n- Norr\n- Söder\n\nNätverket står bakom förslaget.", 2},
		{"a list, quoted as the page shows it", 3, "Norr\nSöder", "Inledning.\n\n# Elnätet\n\nVi kräver snabbare tillstånd för nya elnät.\n\n- Norr\n- Söder\n\nNätverket står bakom *förslaget* i sin helhet.", 4},
		{"its list deleted, its words inside another block", 3, "", "# Elnätet\n\nVi kräver snabbare tillstånd för nya elnät.\n\nNätverket står bakom förslaget i sin helhet, i norr söder och överallt.", 0},
		{"emphasis, quoted as the page shows it", 4, "bakom förslaget", "# Elnätet\n\nVi kräver snabbare tillstånd för nya elnät.\n\n- Norr\n- Söder\n\nNätverket står bakom **förslaget** i sin helhet.", 4},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctx := context.Background()
			f := newDesk(t)
			st, err := f.desk.Create(ctx, f.signer, app.StatementInput{Kind: app.KindPositionPaper, Title: "Elnät", Body: base})
			if err != nil {
				t.Fatal(err)
			}
			cm, err := f.desk.Comment(ctx, f.signer, st.ID, app.CommentInput{Body: "Stämmer detta?", Anchor: c.block, Quote: c.quote})
			if err != nil {
				t.Fatal(err)
			}
			if cm.Version != 1 || cm.Block != c.block || cm.Anchor != c.block || cm.Outdated || cm.Quote == "" {
				t.Fatalf("new comment %+v", cm)
			}
			reply, err := f.desk.Comment(ctx, f.staff, st.ID, app.CommentInput{Body: "Ja.", ParentID: cm.ID})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.desk.Edit(ctx, f.signer, st.ID, app.StatementEdit{Version: st.Version, Title: st.Title, Body: c.after}); err != nil {
				t.Fatal(err)
			}
			list, err := f.desk.Comments(ctx, f.signer, st.ID)
			if err != nil || len(list) != 2 {
				t.Fatalf("comments: %v %d", err, len(list))
			}
			for _, got := range list {
				if got.Anchor != c.anchor || got.Outdated != (c.anchor == 0) || got.Quote != cm.Quote || got.Version != 1 {
					t.Errorf("%s: anchor %d outdated %v quote %q, want anchor %d", got.ID, got.Anchor, got.Outdated, got.Quote, c.anchor)
				}
			}
			if list[1].ID != reply.ID {
				t.Errorf("the reply is not listed second")
			}
		})
	}
}

// TestCommentOnAnOlderRevision: a comment written on the page of revision
// 1 after someone saved revision 2 lands on the same words in revision 2.
func TestCommentOnAnOlderRevision(t *testing.T) {
	ctx := context.Background()
	f := newDesk(t)
	st, _ := f.desk.Create(ctx, f.signer, app.StatementInput{Kind: app.KindPositionPaper, Title: "Elnät", Body: "Ett.\n\nTvå."})
	if _, err := f.desk.Edit(ctx, f.staff, st.ID, app.StatementEdit{Version: st.Version, Title: st.Title, Body: "Noll.\n\nEtt.\n\nTvå."}); err != nil {
		t.Fatal(err)
	}
	cm, err := f.desk.Comment(ctx, f.signer, st.ID, app.CommentInput{Body: "Om två", Anchor: 2, Version: 1})
	if err != nil || cm.Anchor != 3 || cm.Quote != "Två." {
		t.Fatalf("comment on revision 1: %v %+v", err, cm)
	}
}

// TestCommentInputIsChecked: bad input is refused with a field message and
// stores nothing.
func TestCommentInputIsChecked(t *testing.T) {
	ctx := context.Background()
	f := newDesk(t)
	st, _ := f.desk.Create(ctx, f.signer, app.StatementInput{Kind: app.KindPositionPaper, Title: "Elnät", Body: "Ett stycke.\n\nTvå."})
	for _, c := range []struct {
		in    app.CommentInput
		field string
	}{
		{app.CommentInput{Body: "  "}, "body"},
		{app.CommentInput{Body: strings.Repeat("å", app.MaxCommentLen+1)}, "body"},
		{app.CommentInput{Body: "x", Anchor: 3}, "anchor"},
		{app.CommentInput{Body: "x", Anchor: -1}, "anchor"},
		{app.CommentInput{Body: "x", Anchor: 1, Quote: "finns inte"}, "quote"},
		{app.CommentInput{Body: "x", Anchor: 0, Quote: "Ett"}, "quote"},
		{app.CommentInput{Body: "x", Anchor: 1, Quote: strings.Repeat("Ett ", 300)}, "quote"},
		{app.CommentInput{Body: "x", Anchor: 1, Version: 7}, "version"},
		{app.CommentInput{Body: "x", ParentID: "000000000000000000000009"}, "parent_id"},
	} {
		_, err := f.desk.Comment(ctx, f.signer, st.ID, c.in)
		if app.ErrorCode(err) != app.EINVALID || app.ErrorFields(err)[c.field] == "" {
			t.Errorf("%+v: %v, want a message on %s", c.in, err, c.field)
		}
	}
	if list, _ := f.desk.Comments(ctx, f.signer, st.ID); len(list) != 0 {
		t.Fatalf("refused comments were stored: %d", len(list))
	}
}
