package main

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
)

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
				if err := s.db.Export(cmd.Context(), w); err != nil {
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
		Long: "Restore a backup made by export from standard input into an empty database, all or nothing:\n" +
			"every line is checked first (JSON, collections, _id and unique keys), then the documents are\n" +
			"inserted; any failure leaves the database empty, and a retry works. A backup piped in is\n" +
			"kept in a temporary file (mode 0600) in the data dir while it is read twice.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			in, done, err := e.rereadableStdin()
			if err != nil {
				return err
			}
			defer done()
			return e.withStore(cmd.Context(), func(s *stack) error {
				n, err := s.db.Import(cmd.Context(), in)
				if err == nil {
					fmt.Fprintf(e.stdout, "Imported %d documents.\n", n)
				}
				return err
			})
		},
	}
}

// rereadableStdin is standard input as something an import can read twice:
// itself when it is a file, else a copy in a temporary file in the data dir
// (a backup holds password hashes and drafts: mode 0600, removed by done).
func (e *env) rereadableStdin() (in io.ReadSeeker, done func(), err error) {
	if f, ok := e.stdin.(*os.File); ok {
		if _, err := f.Seek(0, io.SeekCurrent); err == nil {
			return f, func() {}, nil
		}
	}
	if err := os.MkdirAll(e.cfg.DataDir, 0o700); err != nil {
		return nil, nil, err
	}
	tmp, err := os.CreateTemp(e.cfg.DataDir, "import-*.jsonl")
	if err != nil {
		return nil, nil, err
	}
	done = func() {
		tmp.Close()
		os.Remove(tmp.Name())
	}
	if _, err := io.Copy(tmp, e.stdin); err != nil {
		done()
		return nil, nil, fmt.Errorf("read standard input: %w", err)
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		done()
		return nil, nil, err
	}
	return tmp, done, nil
}
