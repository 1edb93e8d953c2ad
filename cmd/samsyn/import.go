package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/regeringen"
	"github.com/samsyn/samsyn/app/web"
)

func (e *env) importRemisserCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "import-remisser FILE|URL",
		Short: "Import remisser from a regeringen.se remiss page or the listing of remisser",
		Long: "Reads a saved page (FILE) or fetches one (URL, http or https) from regeringen.se, adds new\n" +
			"remisser as incoming consultations and updates known ones (same diarienummer or address).\n" +
			"Prints what was added, updated or unchanged and the fields the page did not show.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			page, err := readRemissPage(cmd.Context(), args[0])
			if app.ErrorCode(err) == app.EINTERNAL {
				return err // a file that cannot be read: the OS says why
			}
			if err != nil {
				return cliError(err)
			}
			return e.withStore(cmd.Context(), func(s *stack) error {
				return e.importRemisser(cmd.Context(), s, page)
			})
		},
	}
}

// readRemissPage fetches a URL or reads a file.
func readRemissPage(ctx context.Context, src string) (*regeringen.Page, error) {
	if strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") {
		return regeringen.Fetch(ctx, nil, src)
	}
	f, err := os.Open(src)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", src, err)
	}
	defer f.Close()
	return regeringen.Parse(f, nil)
}

func (e *env) importRemisser(ctx context.Context, s *stack, page *regeringen.Page) error {
	im := &app.RemissImporter{Consultations: s.consults, Imports: s.consults, Audit: s.audit}
	var results []*app.ImportResult
	for _, r := range page.Remisser {
		res, err := im.Import(ctx, r.Intake(), s.clock.Now())
		if err != nil {
			return err
		}
		results = append(results, res)
	}
	printImport(e.stdout, results)
	return nil
}

// printImport writes one line per remiss, the fields its page lacked, and
// a summary.
func printImport(w io.Writer, results []*app.ImportResult) {
	count := map[string]int{}
	for _, r := range results {
		count[r.Outcome]++
		ref := r.Reference
		if ref == "" {
			ref = "-"
		}
		line := fmt.Sprintf("%-9s  %-14s  %s", r.Outcome, ref, r.Title)
		if !r.Deadline.IsZero() {
			line += fmt.Sprintf(" (deadline %s)", r.Deadline)
		}
		fmt.Fprintln(w, line)
		if r.DeadlineChanged {
			fmt.Fprintf(w, "           deadline changed: %s -> %s\n", r.PreviousDeadline, r.Deadline)
		}
		if r.Reason != "" {
			fmt.Fprintf(w, "           reason: %s\n", web.Translate("sv", r.Reason))
		}
		if len(r.Missing) > 0 {
			fmt.Fprintf(w, "           missing: %s\n", strings.Join(r.Missing, ", "))
		}
	}
	fmt.Fprintf(w, "%d added, %d updated, %d unchanged, %d refused\n", count[app.ImportAdded],
		count[app.ImportUpdated], count[app.ImportUnchanged], count[app.ImportRefused])
}
