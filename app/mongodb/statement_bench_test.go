package mongodb_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
)

// BenchmarkStatementByID, BenchmarkStatementBySlug and
// BenchmarkSaveRevision run beside collections of 100 and 2,000 statements
// of ~6 KB: on FerretDB only _id lookups stay flat as the collection
// grows, and these are the paths that must.
func BenchmarkStatementByID(b *testing.B)   { benchStatements(b, byID) }
func BenchmarkStatementBySlug(b *testing.B) { benchStatements(b, bySlug) }
func BenchmarkSaveRevision(b *testing.B)    { benchStatements(b, saveRevision) }

type statementOp func(ctx context.Context, s *mongodb.StatementStore, st *app.Statement, i int) error

func byID(ctx context.Context, s *mongodb.StatementStore, st *app.Statement, _ int) error {
	_, err := s.StatementByID(ctx, st.ID)
	return err
}

func bySlug(ctx context.Context, s *mongodb.StatementStore, st *app.Statement, _ int) error {
	_, err := s.StatementBySlug(ctx, st.Slug)
	return err
}

func saveRevision(ctx context.Context, s *mongodb.StatementStore, st *app.Statement, i int) error {
	st.Body = fmt.Sprintf("%s\n\nTillägg %d om elnätet.", st.Body, i)
	st.Revision++
	return s.UpdateStatement(ctx, st)
}

func benchStatements(b *testing.B, op statementOp) {
	for _, n := range []int{100, 2000} {
		b.Run(fmt.Sprintf("docs=%d", n), func(b *testing.B) {
			ctx := context.Background()
			s := mongodb.NewStatementStore(mongotest.MustOpenDB(b))
			body := strings.Repeat("Industrins behov av el och kompetens växer i hela Norrbotten. ", 100)
			sts := make([]*app.Statement, n)
			for i := range sts {
				sts[i] = &app.Statement{Kind: app.KindPositionPaper, Title: fmt.Sprintf("Ståndpunkt %d", i),
					Slug: fmt.Sprintf("standpunkt-%d", i), Body: body, Status: app.StatementDraft,
					CreatedAt: stmtT0, UpdatedAt: stmtT0}
			}
			if err := s.InsertStatements(ctx, sts, func(context.Context, []*app.Statement) error { return nil }); err != nil {
				b.Fatal(err)
			}
			st := sts[n/2]
			for i := 0; b.Loop(); i++ {
				if err := op(ctx, s, st, i); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
