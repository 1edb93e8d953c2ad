package mongodb

import (
	"context"
	"slices"
	"strings"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/samsyn/samsyn/app"
)

// UpdateStatement stores the changed fields of st if the stored version is
// still st.Version (else ECONFLICT, nothing changed), marks it for search
// in the same update and bumps st.Version. When st.Revision moved on, the
// revision it replaces is made sure of first, the version the new one is
// saved at is noted in st.TextVersions, and the new one stored after;
// a crash in between loses nothing, because the statement document holds
// its current revision and ListRevisions fills it in.
func (s *StatementStore) UpdateStatement(ctx context.Context, st *app.Statement) error {
	o, err := oid(st.ID, statementWhat)
	if err != nil {
		return err
	}
	var old statementDoc
	if err := s.db.findByID(ctx, colStatements, o, &old, statementWhat); err != nil {
		return err
	}
	newRevision := old.Revision != st.Revision
	if newRevision {
		if err := s.ensureRevision(ctx, old.statement()); err != nil {
			return err
		}
		st.TextVersions = withTextVersion(st.TextVersions, st.Revision, st.Version+1)
	}
	st.UpdatedAt, st.EditedAt = utc(st.UpdatedAt), utc(st.EditedAt)
	set := statementChanges(&old, st)
	set = append(set, bson.E{Key: "search_dirty", Value: true}, bson.E{Key: "updated_at", Value: st.UpdatedAt})
	cond, check := versionGuard(st.Version, statementWhat)
	if err := s.db.guardedUpdate(ctx, colStatements, o, cond, check, versionedSet(set), statementWhat, s.marker); err != nil {
		return err
	}
	st.Version++
	if newRevision {
		// The change is stored and the document holds the new revision;
		// storing it apart too may outlive the caller's deadline. Should
		// it fail, the next save or ListRevisions stores it.
		ctx, cancel := app.AfterStore(ctx)
		defer cancel()
		_ = s.ensureRevision(ctx, st)
	}
	return nil
}

// withTextVersion returns versions with revision n's noted as v; the
// revisions between the last noted and n are 0, not known.
func withTextVersion(versions []int, n, v int) []int {
	out := make([]int, n)
	copy(out, versions)
	out[n-1] = v
	return out
}

// statementChanges lists the fields of st that differ from the stored d.
func statementChanges(d *statementDoc, st *app.Statement) bson.D {
	set := bson.D{}
	set = setIf(set, "title", d.Title, st.Title)
	set = setIf(set, "summary", d.Summary, st.Summary)
	set = setIf(set, "body", d.Body, st.Body)
	if strings.Join(d.Topics, "\x00") != strings.Join(st.Topics, "\x00") {
		set = append(set, bson.E{Key: "topics", Value: st.Topics})
	}
	set = setIf(set, "status", d.Status, string(st.Status))
	set = setIf(set, "content_hash", d.ContentHash, st.ContentHash)
	set = setIf(set, "sign_by", d.SignBy, dateValue(st.SignBy))
	set = setIf(set, "published_at", d.PublishedAt, utc(st.PublishedAt))
	set = setIf(set, "withdrawn_at", d.WithdrawnAt, utc(st.WithdrawnAt))
	set = setIf(set, "round", d.Round, st.Round)
	set = setIf(set, "quorum", d.Quorum, st.Quorum)
	set = setIf(set, "reference", d.Reference, st.Reference)
	set = setIf(set, "revision", d.Revision, st.Revision)
	set = setIf(set, "edited_by", d.EditedBy, st.EditedBy)
	set = setIf(set, "edited_by_name", d.EditedByName, st.EditedByName)
	set = setIf(set, "edited_at", d.EditedAt, st.EditedAt)
	if !slices.Equal(d.TextVersions, st.TextVersions) {
		set = append(set, bson.E{Key: "text_versions", Value: st.TextVersions})
	}
	return set
}
