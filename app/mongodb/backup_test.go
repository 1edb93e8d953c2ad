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

// TestImportIsAllOrNothing (security review finding 4): a backup that
// breaks a key the store enforces — a duplicate _id, or two users with one
// e-mail address — leaves the database as it was, migrations record
// included, and a retry with a good backup then works.
func TestImportIsAllOrNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := mongotest.MustOpenDB(t)
	migrations := func() int {
		n, err := db.Col("schema_migrations").CountDocuments(ctx, bson.D{})
		if err != nil {
			t.Fatal(err)
		}
		return int(n)
	}
	before := migrations()
	member := func(id, slug string) string {
		return `{"collection":"members","doc":{"_id":{"$oid":"` + id + `"},"slug":"` + slug + `","municipality_code":"` + id[20:] + `"}}` + "\n"
	}
	user := func(id, email string) string {
		return `{"collection":"users","doc":{"_id":{"$oid":"` + id + `"},"email":"` + email + `","email_key":"` + email + `"}}` + "\n"
	}
	good := member("000000000000000000000001", "a") + member("000000000000000000000002", "b") +
		user("000000000000000000000011", "a@example.se")
	for name, backup := range map[string]string{
		"duplicate _id":       good + member("000000000000000000000002", "c"),
		"duplicate email_key": good + user("000000000000000000000012", "a@example.se"),
		"unknown collection":  good + `{"collection":"nonsense","doc":{"_id":1}}` + "\n",
		"no _id":              good + `{"collection":"members","doc":{"slug":"x"}}` + "\n",
	} {
		if _, err := db.Import(ctx, strings.NewReader(backup)); err == nil {
			t.Fatalf("%s: import succeeded", name)
		}
		var out strings.Builder
		if err := db.Export(ctx, &out); err != nil {
			t.Fatal(err)
		}
		if out.String() != "" {
			t.Fatalf("%s: a refused import left data:\n%s", name, out.String())
		}
		if got := migrations(); got != before {
			t.Fatalf("%s: migrations record %d → %d", name, before, got)
		}
	}
	n, err := db.Import(ctx, strings.NewReader(good))
	if err != nil || n != 3 {
		t.Fatalf("retry with a good backup: %d, %v", n, err)
	}
}

// TestImportAfterAnInterruptedOne: an import that stopped half-way (a
// crash: its marker and some documents left) does not block the next,
// which clears what was left and restores.
func TestImportAfterAnInterruptedOne(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := mongotest.MustOpenDB(t)
	if _, err := db.Col("schema_migrations").InsertOne(ctx, bson.D{{Key: "_id", Value: "!import-under-way"}}); err != nil {
		t.Fatal(err)
	}
	if err := db.InsertRaw(ctx, "members", []bson.D{{{Key: "_id", Value: "half"}, {Key: "slug", Value: "half"}}}); err != nil {
		t.Fatal(err)
	}
	in := `{"collection":"members","doc":{"_id":{"$oid":"000000000000000000000001"},"slug":"a","municipality_code":"0001"}}` + "\n"
	if n, err := db.Import(ctx, strings.NewReader(in)); err != nil || n != 1 {
		t.Fatalf("import after an interrupted one: %d, %v", n, err)
	}
	var out strings.Builder
	if err := db.Export(ctx, &out); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "half") || !strings.Contains(out.String(), `"slug":"a"`) {
		t.Fatalf("after the import:\n%s", out.String())
	}
	if n, _ := db.Col("schema_migrations").CountDocuments(ctx, bson.D{{Key: "_id", Value: "!import-under-way"}}); n != 0 {
		t.Fatal("the marker is still there")
	}
}
