package mongodb

import "go.mongodb.org/mongo-driver/v2/mongo"

// Col gives the package's external tests a collection, to write data in
// the shapes of older versions and to read what is stored.
func (db *DB) Col(name string) *mongo.Collection { return db.col(name) }

// Ferret reports whether db talks to FerretDB.
func (db *DB) Ferret() bool {
	_, ok := db.dialect.(ferretDialect)
	return ok
}
