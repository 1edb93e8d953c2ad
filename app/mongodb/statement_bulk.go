package mongodb

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/samsyn/samsyn/app"
)

// InsertStatements stores fully formed statements in bulk — an archive
// import or a benchmark corpus: their slugs, the statement documents, then
// their current revisions and their signature records, one InsertMany
// each. It sets each statement's ID and version 1.
//
// With index nil every statement is marked (and queued) for search and the
// sync indexes it like any write. Otherwise index is called with the
// statements (IDs set) before anything is stored, and they are stored
// unmarked: a bulk load indexes in big batches. An index error stores
// nothing. A crash after index leaves index entries the store lacks (a
// rebuild drops them), never a stored statement that is not indexed.
//
// Not atomic (FerretDB v1 has no transactions): a taken slug is ECONFLICT
// and the statements before it stay stored; a crash part-way leaves slugs
// whose statements do not exist (taken over by the next to claim them),
// or statements whose revision ListRevisions fills in.
func (s *StatementStore) InsertStatements(ctx context.Context, sts []*app.Statement,
	index func(context.Context, []*app.Statement) error) error {
	if len(sts) == 0 {
		return nil
	}
	docs, slugs, queue := make([]any, len(sts)), make([]any, len(sts)), []any{}
	var revs, sigs []any
	for i, st := range sts {
		d := newStatementDoc(st)
		d.SearchDirty = index == nil
		if d.SearchDirty {
			queue = append(queue, bson.D{{Key: "_id", Value: d.ID}, {Key: "v", Value: 1}})
		}
		docs[i], slugs[i] = d, slugDoc{Slug: d.Slug, StatementID: d.ID}
		st.ID, st.Version = d.ID.Hex(), 1
		revs = append(revs, newRevisionDoc(app.RevisionOf(st)))
		for _, g := range d.Signatures {
			sigs = append(sigs, g)
		}
	}
	if index != nil {
		if err := index(ctx, sts); err != nil {
			return fmt.Errorf("index before insert: %w", err)
		}
	}
	ordered := options.InsertMany().SetOrdered(true)
	if _, err := s.db.col(colStatementSlugs).InsertMany(ctx, slugs, ordered); err != nil {
		return conflictOn(translate(err, statementWhat), "title", "Det finns redan ett ställningstagande med samma adress.")
	}
	if len(queue) > 0 {
		if _, err := s.db.col(colStatementQueue).InsertMany(ctx, queue, ordered); err != nil {
			return fmt.Errorf("queue for search: %w", translate(err, statementWhat))
		}
	}
	if _, err := s.db.col(colStatements).InsertMany(ctx, docs, ordered); err != nil {
		return conflictOn(translate(err, statementWhat), "title", "Det finns redan ett ställningstagande med samma adress.")
	}
	if _, err := s.db.col(colRevisions).InsertMany(ctx, revs, ordered); err != nil {
		return fmt.Errorf("insert revisions: %w", translate(err, revisionWhat))
	}
	if len(sigs) == 0 {
		return nil
	}
	if _, err := s.db.col(colSignatures).InsertMany(ctx, sigs, ordered); err != nil {
		return fmt.Errorf("insert signatures: %w", translate(err, "Underskrifterna"))
	}
	return nil
}

// newStatementDoc is the document of a new statement, marked for search,
// with the signatures it carries in its round (st's are given the round).
// firstTextVersions notes version 1 for a new statement's current
// revision; earlier ones (imported history) are not known.
func firstTextVersions(revision int) []int {
	out := make([]int, revision)
	out[revision-1] = 1
	return out
}

func newStatementDoc(st *app.Statement) statementDoc {
	st.Round, st.Revision = max(st.Round, 1), max(st.Revision, 1)
	if st.EditedAt.IsZero() {
		st.EditedBy, st.EditedAt = st.AuthorID, st.CreatedAt
	}
	d := statementDoc{ID: bson.NewObjectID(), Kind: string(st.Kind), Title: st.Title, Slug: st.Slug,
		Summary: st.Summary, Body: st.Body, Topics: st.Topics, ConsultationID: st.ConsultationID,
		Status: string(st.Status), ContentHash: st.ContentHash, SignBy: dateValue(st.SignBy),
		PublishedAt: utc(st.PublishedAt), WithdrawnAt: utc(st.WithdrawnAt), AuthorID: st.AuthorID,
		Round: st.Round, Quorum: st.Quorum, Reference: st.Reference, Revision: st.Revision, EditedBy: st.EditedBy, EditedByName: st.EditedByName,
		EditedAt: utc(st.EditedAt), TextVersions: firstTextVersions(st.Revision), SearchDirty: true, Version: 1, CreatedAt: utc(st.CreatedAt), UpdatedAt: utc(st.UpdatedAt)}
	for k := range st.Signatures {
		g := &st.Signatures[k]
		g.Round = st.Round
		d.Signatures = append(d.Signatures, newSignatureDoc(d.ID.Hex(), st.Round, g))
	}
	return d
}
