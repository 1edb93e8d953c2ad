package mongodb

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// colMigrations records, by name, the data migrations applied.
const colMigrations = "schema_migrations"

// migrations change stored data from one shape to the next, in order. Each
// is idempotent: a crash part-way runs it again at the next start.
var migrations = []struct {
	name string
	run  func(context.Context, *DB) error
}{
	{"2026-11-statement-keys", migrateStatementKeys},
}

// Migrate applies the migrations not yet recorded. Connect runs it; an
// import of an older export runs it again.
func (db *DB) Migrate(ctx context.Context) error {
	for _, m := range migrations {
		err := db.col(colMigrations).FindOne(ctx, bson.D{{Key: "_id", Value: m.name}}).Err()
		if err == nil {
			continue
		}
		if !errors.Is(err, mongo.ErrNoDocuments) {
			return fmt.Errorf("read migrations: %w", err)
		}
		if err := m.run(ctx, db); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if _, err := db.col(colMigrations).InsertOne(ctx, bson.D{{Key: "_id", Value: m.name},
			{Key: "at", Value: utc(time.Now())}}); err != nil && !isDuplicate(err) {
			return fmt.Errorf("record migration %s: %w", m.name, err)
		}
	}
	return nil
}

// migrateStatementKeys moves statements to _id-keyed lookups: revisions
// and signature records get composite ids, every statement's slug is
// mapped, its signatures copied into it, and its search mark queued.
func migrateStatementKeys(ctx context.Context, db *DB) error {
	// The ids now say what these unique indexes said; a copy under its new
	// id could not be stored beside the original while they stand.
	for col, name := range map[string]string{colRevisions: "statement_id_1_number_1",
		colSignatures: "statement_id_1_round_1_member_id_1"} {
		if err := dropIndex(ctx, db, col, name); err != nil {
			return err
		}
	}
	if err := rekey(ctx, db, colRevisions, func(d bson.Raw) string {
		n, _ := d.Lookup("number").AsInt64OK()
		return revisionID(d.Lookup("statement_id").StringValue(), int(n))
	}); err != nil {
		return err
	}
	if err := rekey(ctx, db, colSignatures, func(d bson.Raw) string {
		r, _ := d.Lookup("round").AsInt64OK()
		return signatureID(d.Lookup("statement_id").StringValue(), int(r), d.Lookup("member_id").StringValue())
	}); err != nil {
		return err
	}
	sigs := map[string][]signatureDoc{}
	if err := eachDoc(ctx, db, colSignatures, func(raw bson.Raw) error {
		var d signatureDoc
		if err := bson.Unmarshal(raw, &d); err != nil {
			return err
		}
		sigs[d.StatementID] = append(sigs[d.StatementID], d)
		return nil
	}); err != nil {
		return err
	}
	s := &StatementStore{db: db}
	return eachDoc(ctx, db, colStatements, func(raw bson.Raw) error {
		var d statementDoc
		if err := bson.Unmarshal(raw, &d); err != nil {
			return err
		}
		if _, err := db.col(colStatementSlugs).InsertOne(ctx, slugDoc{Slug: d.Slug, StatementID: d.ID}); err != nil && !isDuplicate(err) {
			return err
		}
		if d.SearchDirty {
			if err := s.markSearch(ctx, d.ID, d.Version); err != nil {
				return err
			}
		}
		if own := sigs[d.ID.Hex()]; len(d.Signatures) == 0 && len(own) > 0 {
			slices.SortStableFunc(own, func(a, b signatureDoc) int { return a.SignedAt.Compare(b.SignedAt) })
			unlock, err := db.lock(ctx, colStatements, d.ID.Hex())
			if err != nil {
				return err
			}
			_, err = db.col(colStatements).UpdateOne(ctx, bson.D{{Key: "_id", Value: d.ID}},
				bson.D{{Key: "$set", Value: bson.D{{Key: "signatures", Value: own}}}})
			unlock()
			return translate(err, statementWhat)
		}
		return nil
	})
}

// dropIndex drops index name of col if it is there.
func dropIndex(ctx context.Context, db *DB, col, name string) error {
	specs, err := db.col(col).Indexes().ListSpecifications(ctx)
	if err != nil {
		return fmt.Errorf("list indexes of %s: %w", col, err)
	}
	for _, sp := range specs {
		if sp.Name == name {
			if err := db.col(col).Indexes().DropOne(ctx, name); err != nil {
				return fmt.Errorf("drop index %s of %s: %w", name, col, err)
			}
		}
	}
	return nil
}

// rekey gives every document of col whose _id is an ObjectID the string
// id key(doc): the document under its new id is stored before the old
// one is deleted.
func rekey(ctx context.Context, db *DB, col string, key func(bson.Raw) string) error {
	var old []bson.ObjectID
	if err := eachDoc(ctx, db, col, func(raw bson.Raw) error {
		if id, ok := raw.Lookup("_id").ObjectIDOK(); ok {
			old = append(old, id)
		}
		return nil
	}, "_id"); err != nil {
		return err
	}
	for _, id := range old {
		var doc bson.D
		if err := db.findByID(ctx, col, id, &doc, col); err != nil {
			return err
		}
		raw, err := bson.Marshal(doc)
		if err != nil {
			return err
		}
		doc[0] = bson.E{Key: "_id", Value: key(raw)} // _id comes first
		if _, err := db.col(col).InsertOne(ctx, doc); err != nil && !isDuplicate(err) {
			return fmt.Errorf("rekey %s: %w", col, err)
		}
		if _, err := db.col(col).DeleteOne(ctx, bson.D{{Key: "_id", Value: id}}); err != nil {
			return fmt.Errorf("rekey %s: %w", col, err)
		}
	}
	return nil
}

// eachDoc calls f with every document of col (only fields, when given).
func eachDoc(ctx context.Context, db *DB, col string, f func(bson.Raw) error, fields ...string) error {
	opts := options.Find()
	if len(fields) > 0 {
		proj := bson.D{}
		for _, k := range fields {
			proj = append(proj, bson.E{Key: k, Value: 1})
		}
		opts.SetProjection(proj)
	}
	cur, err := db.col(col).Find(ctx, bson.D{}, opts)
	if err != nil {
		return fmt.Errorf("read %s: %w", col, err)
	}
	defer cur.Close(ctx)
	for cur.Next(ctx) {
		if err := f(cur.Current); err != nil {
			return fmt.Errorf("migrate %s: %w", col, err)
		}
	}
	return cur.Err()
}
