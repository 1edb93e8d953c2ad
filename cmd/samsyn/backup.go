package main

import (
	"bufio"
	"fmt"

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
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withStore(cmd.Context(), func(s *stack) error {
				n, err := s.db.Import(cmd.Context(), e.stdin)
				if err == nil {
					fmt.Fprintf(e.stdout, "Imported %d documents.\n", n)
				}
				return err
			})
		},
	}
}
