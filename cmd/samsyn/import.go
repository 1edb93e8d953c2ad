package main

import (
	"github.com/spf13/cobra"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/regeringen"
	"github.com/samsyn/samsyn/app/web"
)

func (e *env) importRemisserCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "import-remisser FILE|URL",
		Short: "Import remisser from a regeringen.se remiss page or the listing of remisser",
		Long: "Reads a saved page (FILE) or fetches one (URL, http or https) from regeringen.se. A remiss page\n" +
			"adds the remiss as an incoming consultation; the remisser of a listing page go to the triage\n" +
			"inbox instead, for the secretariat to accept or dismiss. Known ones (same diarienummer or\n" +
			"address) are updated in the register.\n" +
			"Prints what was added, updated or unchanged and the fields the page did not show.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			page, err := regeringen.Open(cmd.Context(), args[0])
			if app.ErrorCode(err) == app.EINTERNAL {
				return err // a file that cannot be read: the OS says why
			}
			if err != nil {
				return cliError(err)
			}
			return e.withStore(cmd.Context(), func(s *stack) error {
				results, err := e.services(s).Imports.Import(cmd.Context(), nil, page.Intakes())
				if err == nil {
					for _, r := range results {
						r.Reason = web.Translate("sv", r.Reason) // a message key
					}
					app.WriteImportReport(e.stdout, results)
				}
				return err
			})
		},
	}
}
