package mongodb

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/samsyn/samsyn/app"
)

// colStatementSlugs maps each statement's slug (its _id) to the
// statement's id, so that a page found by its address is two _id lookups.
// Slugs never change once given.
const colStatementSlugs = "statement_slugs"

type slugDoc struct {
	Slug        string        `bson:"_id"`
	StatementID bson.ObjectID `bson:"statement_id"`
}

var errSlugTaken = &app.Error{Code: app.ECONFLICT, Message: "Det finns redan ett ställningstagande med samma adress.",
	Fields: map[string]string{"title": "Det finns redan ett ställningstagande med samma adress."}}

// slugTarget returns the id of the statement with slug.
func (s *StatementStore) slugTarget(ctx context.Context, slug string) (bson.ObjectID, error) {
	var d slugDoc
	if err := s.db.findByID(ctx, colStatementSlugs, slug, &d, statementWhat); err != nil {
		return bson.ObjectID{}, err
	}
	return d.StatementID, nil
}

// reserveSlug maps slug to id. A slug that is taken is ECONFLICT — unless
// the statement it names does not exist (a crash after the reservation),
// in which case id takes it over.
func (s *StatementStore) reserveSlug(ctx context.Context, slug string, id bson.ObjectID) error {
	_, err := s.db.col(colStatementSlugs).InsertOne(ctx, slugDoc{Slug: slug, StatementID: id})
	if err = translate(err, statementWhat); app.ErrorCode(err) != app.ECONFLICT {
		return err
	}
	unlock, err := s.db.lock(ctx, colStatementSlugs, slug)
	if err != nil {
		return err
	}
	defer unlock()
	var held slugDoc
	if err := s.db.findByID(ctx, colStatementSlugs, slug, &held, statementWhat); err != nil {
		return err
	}
	var owner statementDoc
	switch err := s.db.findByID(ctx, colStatements, held.StatementID, &owner, statementWhat); {
	case err == nil:
		return errSlugTaken
	case app.ErrorCode(err) != app.ENOTFOUND:
		return err
	}
	// Only from the dead statement: another replica taking it over at the
	// same moment (on MongoDB, where this process's lock keeps no one else
	// out) changed statement_id, and this one then finds it taken.
	res, err := s.db.col(colStatementSlugs).UpdateOne(ctx,
		bson.D{{Key: "_id", Value: slug}, {Key: "statement_id", Value: held.StatementID}},
		bson.D{{Key: "$set", Value: bson.D{{Key: "statement_id", Value: id}}}})
	if err != nil {
		return translate(err, statementWhat)
	}
	if res.MatchedCount == 0 {
		return errSlugTaken
	}
	return nil
}
