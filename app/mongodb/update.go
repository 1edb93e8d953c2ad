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
	defer lockDoc(col, id.Hex())()
	res, err := db.col(col).UpdateOne(ctx,
		bson.D{{Key: "_id", Value: id}, {Key: "version", Value: version}},
		bson.D{{Key: "$set", Value: set}, {Key: "$inc", Value: bson.D{{Key: "version", Value: 1}}}})
	if err != nil {
		return translate(err, what)
	}
	if res.MatchedCount == 1 {
		return nil
	}
	n, err := db.col(col).CountDocuments(ctx, bson.D{{Key: "_id", Value: id}})
	if err != nil {
		return translate(err, what)
	}
	if n == 0 {
		return app.Errorf(app.ENOTFOUND, "%s finns inte.", what)
	}
	return app.Errorf(app.ECONFLICT, "%s har ändrats av någon annan. Läs in den igen och försök på nytt.", what)
}
