package app_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/corpus"
)

// BenchmarkCommentsOn measures listing the comments of a draft of about
// 10,000 words with 20 revisions and 50 comments made on all of them:
// the worst case of re-anchoring, where every revision is read and
// aligned with the current text.
func BenchmarkCommentsOn(b *testing.B) {
	ctx := context.Background()
	f := newDesk(b)
	g := &corpus.Generator{Seed: 7}
	var paras []string
	for i := 0; len(strings.Fields(strings.Join(paras, " "))) < 10000; i++ {
		paras = append(paras, strings.Split(g.Statement(i).Body, "\n\n")...)
	}
	st, err := f.desk.Create(ctx, f.signer, app.StatementInput{Kind: app.KindPositionPaper, Title: "Lång", Body: strings.Join(paras, "\n\n")})
	if err != nil {
		b.Fatal(err)
	}
	for rev := 1; rev <= 20; rev++ {
		for i := 0; i < 3; i++ {
			n := len(app.Blocks(st.Body))
			if _, err := f.desk.Comment(ctx, f.signer, st.ID, app.CommentInput{Body: "Hm.", Anchor: 1 + (rev*7+i*13)%n}); err != nil {
				b.Fatal(err)
			}
		}
		if rev == 20 {
			break
		}
		paras = append([]string{fmt.Sprintf("Nytt stycke %d om elnätet.", rev)}, paras...)
		paras[len(paras)/2] += " Ändrat."
		if st, err = f.desk.Edit(ctx, f.signer, st.ID, app.StatementEdit{Version: st.Version, Title: st.Title, Body: strings.Join(paras, "\n\n")}); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		list, err := f.desk.CommentsOn(ctx, f.signer, st)
		if err != nil || len(list) != 60 {
			b.Fatalf("%v %d", err, len(list))
		}
	}
}
