package mongodb

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/samsyn/samsyn/app"
)

// markIndexedQueued is markIndexed; queue, unless nil, runs under the
// document's lock before a mark is set again, with the document as read
// (a statement's queue entry is written so).
func (db *DB) markIndexedQueued(ctx context.Context, col, id string, version int, what string,
	queue func(context.Context, bson.Raw) error) error {
	o, err := oid(id, what)
	if err != nil {
		return err
	}
	cond, check := versionGuard(version, what)
	err = db.guardedUpdate(ctx, col, o, cond, check,
		bson.D{{Key: "$set", Value: bson.D{{Key: "search_dirty", Value: false}}}}, what, nil)
	switch app.ErrorCode(err) {
	case app.ECONFLICT:
		return db.remark(ctx, col, o, version, what, queue)
	case app.ENOTFOUND:
		return nil
	}
	return err
}

// remark is the fence of the search sync. Meilisearch has no conditional
// write, so a sync that indexed version v of a document cannot stop its
// write from landing after another replica's sync indexed a newer version
// (a lease that ran out under a stalled process, a rebuild beside the
// sync). Every sync therefore asks the store after its write: a document
// now past v and not marked had its newer version indexed by someone else,
// perhaps before this write replaced it, so it is marked again and its
// newest version is indexed next round. The index may be behind for a
// round; it never stays behind.
func (db *DB) remark(ctx context.Context, col string, o bson.ObjectID, indexed int, what string,
	queue func(context.Context, bson.Raw) error) error {
	check := func(raw bson.Raw) error {
		v, _ := raw.Lookup("version").AsInt64OK()
		dirty, _ := raw.Lookup("search_dirty").BooleanOK()
		if dirty || int(v) <= indexed {
			return errNoRemark // marked already (a write to come), or not moved on
		}
		return nil
	}
	cond := bson.D{{Key: "search_dirty", Value: false}}
	err := db.guardedUpdate(ctx, col, o, cond, check,
		bson.D{{Key: "$set", Value: bson.D{{Key: "search_dirty", Value: true}}}}, what, queue)
	if code := app.ErrorCode(err); code == app.ECONFLICT || code == app.ENOTFOUND {
		return nil // errNoRemark, or changed meanwhile: its writer marked it
	}
	return err
}

// errNoRemark is remark's check declining: nothing to mark.
var errNoRemark = &app.Error{Code: app.ECONFLICT, Message: "no remark"}
