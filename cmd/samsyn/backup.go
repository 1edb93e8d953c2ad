package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/samsyn/samsyn/app/mongodb"
)

// A backup is JSON Lines: one line per document, collections by name and
// documents by _id, each {"collection":…,"doc":…} with the document in
// canonical Extended JSON, so that types survive and the same data always
// gives the same bytes.
type backupLine struct {
	Collection string          `json:"collection"`
	Doc        json.RawMessage `json:"doc"`
}

// maxBackupLine bounds one line of a backup (MongoDB's document limit is
// 16 MiB; Extended JSON is larger than BSON).
const maxBackupLine = 64 << 20

// importBatch is how many documents go to the store in one insert.
const importBatch = 200

func (e *env) exportCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "export",
		Short: "Write every collection to standard output as JSON Lines (a backup)",
		Long: "Write every document of the database to standard output, one JSON line each:\n" +
			`{"collection":"…","doc":{…canonical Extended JSON…}}` + "\n" +
			"Collections come by name and documents by _id, so the same data gives the same bytes.\n" +
			"The output holds password hashes and unpublished drafts: keep it as safe as the data dir.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withStore(cmd.Context(), func(s *stack) error {
				w := bufio.NewWriter(e.stdout)
				if err := exportDB(cmd.Context(), s.db, w); err != nil {
					return err
				}
				return w.Flush()
			})
		},
	}
}

func (e *env) importCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "import",
		Short: "Restore a backup made by export from standard input into an empty database",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withStore(cmd.Context(), func(s *stack) error {
				n, err := importDB(cmd.Context(), s.db, e.stdin)
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "Imported %d documents.\n", n)
				return nil
			})
		},
	}
}

// exportDB writes the whole database to w.
func exportDB(ctx context.Context, db *mongodb.DB, w io.Writer) error {
	names, err := db.CollectionNames(ctx)
	if err != nil {
		return err
	}
	for _, name := range names {
		prefix, err := json.Marshal(name)
		if err != nil {
			return err
		}
		err = db.DumpCollection(ctx, name, func(doc bson.Raw) error {
			ext, err := bson.MarshalExtJSON(doc, true, false)
			if err != nil {
				return fmt.Errorf("export %s: %w", name, err)
			}
			_, err = fmt.Fprintf(w, "{\"collection\":%s,\"doc\":%s}\n", prefix, ext)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// importDB reads a backup from r into db, which must hold no document, and
// returns how many documents it inserted. It checks every line before it
// writes anything.
func importDB(ctx context.Context, db *mongodb.DB, r io.Reader) (int, error) {
	empty, err := db.IsEmpty(ctx)
	if err != nil {
		return 0, err
	}
	if !empty {
		return 0, errors.New("the database is not empty: import restores into an empty database only " +
			"(use a new data dir, or another SAMSYN_MONGODB_DB)")
	}
	type batch struct {
		col  string
		docs []bson.D
	}
	var batches []batch
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxBackupLine)
	line, n := 0, 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		var l backupLine
		if err := json.Unmarshal(b, &l); err != nil {
			return 0, fmt.Errorf("line %d: %w", line, err)
		}
		if l.Collection == "" || len(l.Doc) == 0 {
			return 0, fmt.Errorf(`line %d: want {"collection":…,"doc":…}`, line)
		}
		var doc bson.D
		if err := bson.UnmarshalExtJSON(l.Doc, true, &doc); err != nil {
			return 0, fmt.Errorf("line %d: document: %w", line, err)
		}
		if k := len(batches); k == 0 || batches[k-1].col != l.Collection || len(batches[k-1].docs) == importBatch {
			batches = append(batches, batch{col: l.Collection})
		}
		batches[len(batches)-1].docs = append(batches[len(batches)-1].docs, doc)
		n++
	}
	if err := sc.Err(); err != nil {
		return 0, fmt.Errorf("read backup after line %d: %w", line, err)
	}
	if err := db.ClearMigrations(ctx); err != nil { // what was brought is migrated below
		return 0, err
	}
	for _, b := range batches {
		if err := db.InsertRaw(ctx, b.col, b.docs); err != nil {
			return 0, err
		}
	}
	return n, db.Migrate(ctx) // brings an older backup's data to this version
}
