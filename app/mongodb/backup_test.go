package mongodb_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/samsyn/samsyn/app/mongodb/mongotest"
)

func TestBackupPrimitives(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := mongotest.MustOpenDB(t)

	// Connect created collections for the indexes, but they hold nothing.
	if empty, err := db.IsEmpty(ctx); err != nil || !empty {
		t.Fatalf("IsEmpty on a new database = %v, %v; want true", empty, err)
	}
	names, err := db.CollectionNames(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.IsSorted(names) || !slices.Contains(names, "members") {
		t.Fatalf("CollectionNames = %v, want sorted names including members", names)
	}

	docs := []bson.D{
		{{Key: "_id", Value: "c"}, {Key: "n", Value: int32(3)}},
		{{Key: "_id", Value: "a"}, {Key: "n", Value: int64(1)}, {Key: "z", Value: bson.D{{Key: "b", Value: 2.5}, {Key: "a", Value: true}}}},
		{{Key: "_id", Value: "b"}, {Key: "n", Value: "two"}},
	}
	if err := db.InsertRaw(ctx, "zz_backup", docs); err != nil {
		t.Fatal(err)
	}
	if empty, err := db.IsEmpty(ctx); err != nil || empty {
		t.Fatalf("IsEmpty after an insert = %v, %v; want false", empty, err)
	}
	var got []string
	err = db.DumpCollection(ctx, "zz_backup", func(r bson.Raw) error {
		ext, err := bson.MarshalExtJSON(r, true, false)
		got = append(got, string(ext))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`{"_id":"a","n":{"$numberLong":"1"},"z":{"b":{"$numberDouble":"2.5"},"a":true}}`,
		`{"_id":"b","n":"two"}`,
		`{"_id":"c","n":{"$numberInt":"3"}}`,
	}
	if !slices.Equal(got, want) {
		t.Fatalf("DumpCollection:\n got %q\nwant %q", got, want)
	}
}

// TestImportRejectsBadInputWithoutWriting checks that a malformed backup
// is refused before anything is written.
func TestImportRejectsBadInputWithoutWriting(t *testing.T) {
	ctx := context.Background()
	db := mongotest.MustOpenDB(t)
	in := `{"collection":"members","doc":{"_id":{"$oid":"000000000000000000000001"},"name":"A"}}` + "\n" +
		`{"collection":"members","doc":{"_id":{"$oid":"zz"}}}` + "\n"
	if _, err := db.Import(ctx, strings.NewReader(in)); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("err = %v, want an error naming line 2", err)
	}
	var out strings.Builder
	if err := db.Export(ctx, &out); err != nil {
		t.Fatal(err)
	}
	if out.String() != "" {
		t.Fatalf("a refused import wrote data:\n%s", out.String())
	}
}
