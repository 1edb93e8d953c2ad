package app_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
)

func TestMergeText(t *testing.T) {
	t.Parallel()
	base := app.Text{Title: "T", Summary: "S", Body: "A.\n\nB.\n\nC.\n"}
	cases := []struct {
		name          string
		theirs, yours app.Text
		want          string // merged body, or the conflicting blocks
	}{
		{"only yours", base, app.Text{Title: "T", Summary: "S", Body: "A.\n\nB2.\n\nC.\n"}, "A.\n\nB2.\n\nC.\n"},
		{"only theirs", app.Text{Title: "T", Summary: "S", Body: "A2.\n\nB.\n\nC.\n"}, base, "A2.\n\nB.\n\nC.\n"},
		{"different blocks", app.Text{Title: "T", Summary: "S", Body: "A2.\n\nB.\n\nC.\n"},
			app.Text{Title: "T", Summary: "S", Body: "A.\n\nB.\n\nC2.\n"}, "A2.\n\nB.\n\nC2.\n"},
		{"neighbours", app.Text{Title: "T", Summary: "S", Body: "A2.\n\nB.\n\nC.\n"},
			app.Text{Title: "T", Summary: "S", Body: "A.\n\nB2.\n\nC.\n"}, "A2.\n\nB2.\n\nC.\n"},
		{"insert beside an edit", app.Text{Title: "T", Summary: "S", Body: "A.\n\nNy.\n\nB.\n\nC.\n"},
			app.Text{Title: "T", Summary: "S", Body: "A.\n\nB2.\n\nC.\n"}, "A.\n\nNy.\n\nB2.\n\nC.\n"},
		{"same change", app.Text{Title: "T", Summary: "S", Body: "A.\n\nB2.\n\nC.\n"},
			app.Text{Title: "T", Summary: "S", Body: "A.\n\nB2.\n\nC.\n"}, "A.\n\nB2.\n\nC.\n"},
		{"same block", app.Text{Title: "T", Summary: "S", Body: "A.\n\nB2.\n\nC.\n"},
			app.Text{Title: "T", Summary: "S", Body: "A.\n\nB3.\n\nC.\n"}, "conflict 2"},
		{"edit and delete", app.Text{Title: "T", Summary: "S", Body: "A.\n\nC.\n"},
			app.Text{Title: "T", Summary: "S", Body: "A.\n\nB3.\n\nC.\n"}, "conflict 2"},
		{"title and body", app.Text{Title: "T2", Summary: "S", Body: "A2.\n\nB.\n\nC.\n"},
			app.Text{Title: "T3", Summary: "S2", Body: "A.\n\nB.\n\nC2.\n"}, "conflict title"},
	}
	for _, c := range cases {
		got, conflicts := app.MergeText(base, c.theirs, c.yours)
		var blocks []string
		for _, k := range conflicts {
			blocks = append(blocks, k.Block)
		}
		gotS := got.Body
		if len(conflicts) > 0 {
			gotS = "conflict " + strings.Join(blocks, ",")
		}
		if gotS != c.want {
			t.Errorf("%s: %q, want %q", c.name, gotS, c.want)
		}
	}
}

// FuzzMergeText: a side that did not change gives the other side's text;
// both sides the same gives that text.
func FuzzMergeText(f *testing.F) {
	f.Add("A.\n\nB.", "A.\n\nB2.", "A2.\n\nB.")
	f.Add("# H\n\n- a\n- b\n\nText.", "# H\n\nText.", "# H2\n\n- a\n- b\n\nText.")
	f.Fuzz(func(t *testing.T, base, theirs, yours string) {
		b, th, y := app.Text{Body: base}, app.Text{Body: theirs}, app.Text{Body: yours}
		if got, c := app.MergeText(b, th, b); len(c) > 0 || got.Body != theirs {
			t.Fatalf("yours unchanged: %q %v, want theirs %q", got.Body, c, theirs)
		}
		if got, c := app.MergeText(b, b, y); len(c) > 0 || got.Body != yours {
			t.Fatalf("theirs unchanged: %q %v, want yours %q", got.Body, c, yours)
		}
		if got, c := app.MergeText(b, y, y); len(c) > 0 || got.Body != yours {
			t.Fatalf("both alike: %q %v", got.Body, c)
		}
		// Any three texts: no panic, and a clean merge keeps every block
		// that neither side touched.
		got, c := app.MergeText(b, th, y)
		if len(c) > 0 {
			return
		}
		count := func(text string) map[string]int {
			n := map[string]int{}
			for _, blk := range app.Blocks(text) {
				n[blk.Source]++
			}
			return n
		}
		inBase, inTheirs, inYours, inGot := count(base), count(theirs), count(yours), count(got.Body)
		for src, n := range inBase {
			if kept := min(n, inTheirs[src], inYours[src]); inGot[src] < kept {
				t.Fatalf("merge of %q, %q, %q keeps %d of %q, both sides %d: %q", base, theirs, yours, inGot[src], src, kept, got.Body)
			}
		}
	})
}

// save is one save of the concurrency test.
type save struct {
	writer, block int
	base, result  int // versions: edited from, stored as
	text          string
}

// TestConcurrentEditsLoseNothing: five members edit one draft for 200
// rounds in all, each changing one random paragraph of a version that is
// often stale. Every change is either in the final text or was returned to
// its author as a conflict on the very paragraph they changed, which
// someone else had changed since their version; and no saved change was
// overwritten by a save that had not seen it. Counted, not sampled.
func TestConcurrentEditsLoseNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := mongotest.MustOpenDB(t)
	svc := app.NewServices(mongodb.Stores(db), app.ServiceConfig{Clock: app.SystemClock{},
		Events: &app.Events{Warn: func(msg string, err error) { t.Errorf("%s: %v", msg, err) }}})
	const blocks, writers, rounds = 12, 5, 40
	var paras []string
	for k := range blocks {
		paras = append(paras, fmt.Sprintf("Stycke %d i grundtexten.", k+1))
	}
	author := &app.User{ID: "000000000000000000000009", Name: "Åsa", Role: app.RoleSecretariat}
	st, err := svc.Statements.Create(ctx, author, app.StatementInput{Kind: app.KindJointStatement,
		Title: "Gemensamt remissvar", Body: strings.Join(paras, "\n\n")})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var saved []save
	conflicts, busy := 0, 0
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(w), 7))
			user := &app.User{ID: fmt.Sprintf("00000000000000000000001%d", w), Name: fmt.Sprintf("Skribent %d", w), Role: app.RoleSecretariat}
			view := st
			for round := range rounds {
				if r.IntN(2) == 0 { // half the time, work on what one read a while ago
					var err error
					if view, err = svc.Statements.Get(ctx, st.ID); err != nil {
						t.Error(err)
						return
					}
				}
				k := r.IntN(blocks)
				text := fmt.Sprintf("Stycke %d, ändrat av %d i runda %d.", k+1, w, round)
				body := app.Blocks(view.Body)
				parts := make([]string, len(body))
				for i, b := range body {
					parts[i] = b.Source
				}
				parts[k] = text
				res, err := svc.Statements.Save(ctx, user, st.ID, app.StatementEdit{Version: view.Version,
					Title: view.Title, Body: strings.Join(parts, "\n\n")})
				var ec *app.EditConflict
				switch {
				case errors.As(err, &ec):
					checkConflict(t, ec, k, view)
					mu.Lock()
					conflicts++
					mu.Unlock()
				case app.ErrorCode(err) == app.ECONFLICT: // still losing the race after retries: refused, text returned
					mu.Lock()
					busy++
					mu.Unlock()
				case err != nil:
					t.Error(err)
					return
				default:
					mu.Lock()
					saved = append(saved, save{writer: w, block: k, base: view.Version, result: res.Statement.Version, text: text})
					mu.Unlock()
					view = res.Statement
				}
			}
		})
	}
	wg.Wait()
	final, err := svc.Statements.Get(ctx, st.ID)
	if err != nil {
		t.Fatal(err)
	}
	checkNothingLost(t, final, paras, saved)
	if len(saved)+conflicts+busy != writers*rounds || len(saved) == 0 || conflicts == 0 || busy > writers*rounds/4 {
		t.Fatalf("%d saved, %d conflicts and %d refused as busy of %d edits", len(saved), conflicts, busy, writers*rounds)
	}
	t.Logf("%d edits: %d saved (merged or not), %d returned as conflicts, %d refused as busy", writers*rounds, len(saved), conflicts, busy)
}

// checkConflict: a conflict names exactly the paragraph the writer changed,
// and someone else had changed it since the writer's version.
func checkConflict(t *testing.T, ec *app.EditConflict, k int, view *app.Statement) {
	t.Helper()
	if len(ec.Conflicts) != 1 || ec.Conflicts[0].Block != fmt.Sprint(k+1) || ec.Conflicts[0].Base == ec.Conflicts[0].Theirs {
		t.Errorf("conflict %+v for an edit of paragraph %d from version %d", ec.Conflicts, k+1, view.Version)
	}
}

// checkNothingLost: each paragraph holds its last saved change, and every
// save to a paragraph was based on a version that held the change saved to
// it before.
func checkNothingLost(t *testing.T, final *app.Statement, paras []string, saved []save) {
	t.Helper()
	slices.SortFunc(saved, func(a, b save) int { return a.result - b.result })
	last := map[int]save{}
	for _, s := range saved {
		if prev, ok := last[s.block]; ok && s.base < prev.result {
			t.Errorf("paragraph %d: the save of version %d, from version %d, overwrote the change of version %d unseen",
				s.block+1, s.result, s.base, prev.result)
		}
		last[s.block] = s
	}
	got := app.Blocks(final.Body)
	if len(got) != len(paras) {
		t.Fatalf("final text has %d paragraphs, want %d", len(got), len(paras))
	}
	for k, b := range got {
		want := paras[k]
		if s, ok := last[k]; ok {
			want = s.text
		}
		if b.Source != want {
			t.Errorf("paragraph %d is %q, want %q", k+1, b.Source, want)
		}
	}
}
