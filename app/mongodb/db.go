// Package mongodb keeps Samsyn's domain objects in MongoDB through the
// official driver — a real server in deployment, or FerretDB embedded
// in-process (see embedded.go) with no configuration. It owns the BSON
// shapes, error translation and index creation; ObjectIDs never leave it.
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
	"go.mongodb.org/mongo-driver/v2/mongo/readpref"

	"github.com/samsyn/samsyn/app"
)

// Collection names.
const (
	colMembers       = "members"
	colUsers         = "users"
	colSessions      = "sessions"
	colTokens        = "tokens"
	colAudit         = "audit"
	colConsultations = "consultations"
	colIssues        = "issues"
	colStatements    = "statements"
)

// DB is a connection to one database.
type DB struct {
	client *mongo.Client
	db     *mongo.Database
	// dialect is MongoDB's or FerretDB's, as the server answered (see
	// dialect.go).
	dialect dialect
	// lockNS prefixes this handle's in-process lock keys (doclock.go):
	// empty, so that every handle in the process shares them, except in
	// tests where two handles stand for two processes.
	lockNS string
}

// Connect connects to uri, checks the server answers and creates the
// indexes every store relies on.
func Connect(ctx context.Context, uri, name string) (*DB, error) {
	return connect(ctx, uri, name, "")
}

// connect is Connect; files is where an embedded FerretDB keeps its SQLite
// files, or "".
func connect(ctx context.Context, uri, name, files string) (*DB, error) {
	opts := options.Client().ApplyURI(uri).SetServerSelectionTimeout(10 * time.Second).
		SetAppName("samsyn")
	client, err := mongo.Connect(opts)
	if err != nil {
		return nil, fmt.Errorf("connect to MongoDB: %w", err)
	}
	db := &DB{client: client, db: client.Database(name)}
	if err := db.Ping(ctx); err != nil {
		_ = client.Disconnect(context.Background())
		return nil, fmt.Errorf("reach MongoDB: %w", err)
	}
	if db.dialect, err = dialectOf(ctx, db.db, files); err != nil {
		_ = client.Disconnect(context.Background())
		return nil, err
	}
	if err := db.ensureIndexes(ctx); err != nil {
		_ = client.Disconnect(context.Background())
		return nil, err
	}
	if err := db.dialect.prepare(ctx, db); err != nil {
		_ = client.Disconnect(context.Background())
		return nil, err
	}
	if err := db.Migrate(ctx); err != nil {
		_ = client.Disconnect(context.Background())
		return nil, err
	}
	return db, nil
}

// Ping checks that the server answers.
func (db *DB) Ping(ctx context.Context) error {
	return db.client.Ping(ctx, readpref.Primary())
}

// Close disconnects.
func (db *DB) Close(ctx context.Context) error {
	return db.client.Disconnect(ctx)
}

// Drop deletes the whole database; tests use it to clean up.
func (db *DB) Drop(ctx context.Context) error {
	return db.db.Drop(ctx)
}

func (db *DB) col(name string) *mongo.Collection { return db.db.Collection(name) }

// index describes one index to create at start-up.
type index struct {
	col    string
	keys   bson.D
	unique bool
}

// indexes lists every index; store files add theirs in init. FerretDB v1 supports neither partial nor TTL
// indexes, so uniqueness rules use plain unique indexes on derived keys and
// expired sessions are purged by a job.
var indexes = []index{
	{colMembers, bson.D{{Key: "slug", Value: 1}}, true},
	{colMembers, bson.D{{Key: "municipality_code", Value: 1}}, true},
	{colUsers, bson.D{{Key: "email_key", Value: 1}}, true},
	{colUsers, bson.D{{Key: "member_id", Value: 1}}, false},
	{colSessions, bson.D{{Key: "user_id", Value: 1}}, false},
	{colSessions, bson.D{{Key: "last_seen_at", Value: 1}}, false},
	{colTokens, bson.D{{Key: "user_id", Value: 1}}, false},
	{colAudit, bson.D{{Key: "entity_type", Value: 1}, {Key: "entity_id", Value: 1}, {Key: "at", Value: -1}}, false},
	{colAudit, bson.D{{Key: "at", Value: -1}}, false},
	{colConsultations, bson.D{{Key: "reference_key", Value: 1}}, true},
	{colConsultations, bson.D{{Key: "deadline", Value: 1}}, false},
	{colIssues, bson.D{{Key: "slug", Value: 1}}, true},
	{colStatements, bson.D{{Key: "slug", Value: 1}}, true},
	{colStatements, bson.D{{Key: "status", Value: 1}, {Key: "published_at", Value: -1}}, false},
}

// collections lists every collection the stores use; Connect creates them
// all, so that the embedded store can index each one's table (see
// ferretDialect.prepare) before the first document arrives.
var collections = []string{colMembers, colUsers, colSessions, colTokens, colAudit, colConsultations,
	colIssues, colStatements, colCalendarFeeds, colSettings, colAccountLinks, colComments, colFeedback,
	colLeases, colMeetings, colMigrations, colOutcomes, colPositions, colReminders, colRemissImports,
	colRevisions, colSignatures, colStatementQueue, colStatementSlugs, colSuggestions, colPresence}

// ensureCollections creates the collections that do not exist yet.
func (db *DB) ensureCollections(ctx context.Context) error {
	have, err := db.db.ListCollectionNames(ctx, bson.D{})
	if err != nil {
		return fmt.Errorf("list collections: %w", err)
	}
	for _, name := range collections {
		if slices.Contains(have, name) {
			continue
		}
		if err := db.db.CreateCollection(ctx, name); err != nil {
			var ce mongo.CommandError
			if errors.As(err, &ce) && ce.Code == 48 { // NamespaceExists: made meanwhile
				continue
			}
			return fmt.Errorf("create collection %s: %w", name, err)
		}
	}
	return nil
}

func (db *DB) ensureIndexes(ctx context.Context) error {
	if err := db.ensureCollections(ctx); err != nil {
		return err
	}
	for _, ix := range indexes {
		model := mongo.IndexModel{Keys: ix.keys}
		if ix.unique {
			model.Options = options.Index().SetUnique(true)
		}
		if _, err := db.col(ix.col).Indexes().CreateOne(ctx, model); err != nil {
			return fmt.Errorf("create index on %s: %w", ix.col, err)
		}
	}
	return nil
}

// translate maps driver errors to app errors: no documents → ENOTFOUND,
// duplicate key → ECONFLICT; anything else is wrapped.
func translate(err error, what string) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, mongo.ErrNoDocuments):
		return app.Errorf(app.ENOTFOUND, "%s finns inte.", what)
	case isDuplicate(err):
		return app.Errorf(app.ECONFLICT, "%s finns redan.", what)
	}
	return fmt.Errorf("%s: %w", what, err)
}

// isDuplicate reports a unique index violation. MongoDB answers E11000;
// FerretDB v1 does so on insert, but not on update (ferretDuplicate).
func isDuplicate(err error) bool {
	return mongo.IsDuplicateKeyError(err) || ferretDuplicate(err)
}

// oid parses a hex id; a malformed one is simply not found.
func oid(id, what string) (bson.ObjectID, error) {
	o, err := bson.ObjectIDFromHex(id)
	if err != nil {
		return o, app.Errorf(app.ENOTFOUND, "%s finns inte.", what)
	}
	return o, nil
}

// utc stores instants in UTC truncated to milliseconds, as BSON keeps them.
func utc(t time.Time) time.Time { return t.UTC().Truncate(time.Millisecond) }

// findPage runs a counted, sorted, paged query and decodes into T. A
// query without a page size reads everything and counts what it read: a
// count of its own would read the collection once more (FerretDB counts by
// reading every document; see dialect.go). So does a page that comes back
// shorter than its size, which is the last: its total is the documents
// before it and on it.
func findPage[T any](ctx context.Context, c *mongo.Collection, filter any, sort bson.D, p app.Page) ([]T, int, error) {
	opts := options.Find().SetSort(sort)
	if p.Size > 0 {
		opts.SetSkip(p.Skip()).SetLimit(int64(p.Size))
	}
	cur, err := c.Find(ctx, filter, opts)
	if err != nil {
		return nil, 0, fmt.Errorf("find %s: %w", c.Name(), err)
	}
	var docs []T
	if err := cur.All(ctx, &docs); err != nil {
		return nil, 0, fmt.Errorf("read %s: %w", c.Name(), err)
	}
	total := int64(len(docs))
	switch {
	case p.Size <= 0: // all of them
	case len(docs) > 0 && len(docs) < p.Size: // the last page: no count needed (a round trip, a second scan)
		total += p.Skip()
	default:
		if total, err = c.CountDocuments(ctx, filter); err != nil {
			return nil, 0, fmt.Errorf("count %s: %w", c.Name(), err)
		}
	}
	return docs, int(total), nil
}
