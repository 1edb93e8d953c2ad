package mongodb

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/samsyn/samsyn/app"
)

// setIf appends key=after to set when after differs from before.
func setIf[T comparable](set bson.D, key string, before, after T) bson.D {
	if before == after {
		return set
	}
	return append(set, bson.E{Key: key, Value: after})
}

// updateVersioned sets fields on the document with id at version and bumps
// the version. It returns ECONFLICT when the document has moved on (or
// ENOTFOUND when it is gone), and changes nothing then.
func (db *DB) updateVersioned(ctx context.Context, col string, id bson.ObjectID, version int, set bson.D, what string) error {
	cond, check := versionGuard(version, what)
	return db.guardedUpdate(ctx, col, id, cond, check, versionedSet(set), what, nil)
}

// versionGuard is the condition and check of a write at version.
func versionGuard(version int, what string) (bson.D, func(bson.Raw) error) {
	return bson.D{{Key: "version", Value: version}}, func(raw bson.Raw) error {
		if v, _ := raw.Lookup("version").AsInt64OK(); int(v) != version {
			return app.Errorf(app.ECONFLICT, "%s har ändrats av någon annan. Läs in den igen och försök på nytt.", what)
		}
		return nil
	}
}

// versionedSet is the update that sets fields and bumps the version.
func versionedSet(set bson.D) bson.D {
	return bson.D{{Key: "$set", Value: set}, {Key: "$inc", Value: bson.D{{Key: "version", Value: 1}}}}
}

// guardedUpdate applies update to the document col/id if check passes on
// its current state, all under the document's lock (doclock.go). check
// answers the refusal (ECONFLICT, …); a missing document is ENOTFOUND.
//
// cond states check as a filter, which the dialect puts in the update's
// filter or leaves to the lock (dialect.updateFilter): on MongoDB it joins
// the _id, so the condition holds atomically even across processes; on
// FerretDB the update is filtered on _id alone, and the lock, in the one
// process the embedded store serves, keeps anyone from changing the
// document between check and write. before, unless nil, runs under the lock once check has passed
// and before the write, with the document as read (a statement's search
// mark is queued so).
func (db *DB) guardedUpdate(ctx context.Context, col string, id any, cond bson.D, check func(bson.Raw) error,
	update bson.D, what string, before func(context.Context, bson.Raw) error) error {
	unlock, err := db.lock(ctx, col, idKey(id))
	if err != nil {
		return err
	}
	defer unlock()
	raw, err := db.col(col).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Raw()
	if err != nil {
		return translate(err, what)
	}
	if err := check(raw); err != nil {
		return err
	}
	if before != nil {
		if err := before(ctx, raw); err != nil {
			return err
		}
	}
	res, err := db.col(col).UpdateOne(ctx, db.dialect.updateFilter(id, cond), update)
	if err != nil {
		return translate(err, what)
	}
	if res.MatchedCount == 0 { // cond in the filter only: changed between read and write
		return app.Errorf(app.ECONFLICT, "%s har ändrats av någon annan. Läs in den igen och försök på nytt.", what)
	}
	return nil
}

// idKey is the lock key of a document id: the hex of an ObjectID, else
// the string itself.
func idKey(id any) string {
	switch v := id.(type) {
	case bson.ObjectID:
		return v.Hex()
	case string:
		return v
	}
	return ""
}

// findByID decodes the document col/id into out.
func (db *DB) findByID(ctx context.Context, col string, id any, out any, what string) error {
	return translate(db.col(col).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(out), what)
}
