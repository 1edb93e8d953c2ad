package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/regeringen"
	"github.com/samsyn/samsyn/app/web"
)

// harvestCheck is how often a replica looks whether some remiss page's
// harvest is due; each page is harvested SAMSYN_HARVEST_EVERY apart.
const harvestCheck = 15 * time.Minute

// harvestFetcher fetches remiss pages and PDFs, saying who asks.
func (e *env) harvestFetcher() regeringen.HarvestFetcher {
	return regeringen.HarvestFetcher{UserAgent: "Samsyn (remissvar; +" + e.cfg.BaseURL + ")"}
}

// startHarvest harvests the answers to the remisser in the register on a
// schedule when SAMSYN_HARVEST_EVERY is set.
func (e *env) startHarvest(ctx context.Context, s *stack) {
	h := e.services(s).Harvester
	if e.cfg.HarvestEvery == "" || h == nil {
		return
	}
	h.Every, _ = time.ParseDuration(e.cfg.HarvestEvery) // Validate checked it
	h.Pause = e.harvestPause()
	e.log.Info("harvesting remissvar", "every", e.cfg.HarvestEvery)
	go h.Run(ctx, harvestCheck, func(err error) { e.log.Error("remissvar harvest", "err", err) })
}

func (e *env) harvestRemissvarCommand() *cobra.Command {
	var base, pdfDir string
	cmd := &cobra.Command{
		Use:   "harvest-remissvar PAGE|URL",
		Short: "Fetch and read the answers (remissvar) a regeringen.se remiss page lists",
		Long: "Reads a remiss page, saved (PAGE) or fetched (URL), and each answer it lists: the organisation,\n" +
			"its kind, the stance the answer takes (tillstyrker, avstyrker, delvis, inga_synpunkter, oklart)\n" +
			"and the sentence that says so; a PDF without text is shown as \"ingen text (skannad?)\".\n" +
			"The PDFs are fetched from the page's links, one at a time. A saved page's links point where the\n" +
			"page says it lives (its canonical address on regeringen.se); --base fetches them from another\n" +
			"site instead (the links' paths resolved against it), and --pdf-dir reads each PDF from that\n" +
			"folder, by the link's file name, when it is there.\n" +
			"When the remiss is in the register (same diarienummer or address) the answers are stored with\n" +
			"it, and a second run changes only what changed; otherwise nothing is stored.",
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			page, err := regeringen.Open(cmd.Context(), args[0])
			if app.ErrorCode(err) == app.EINTERNAL {
				return err
			}
			if err != nil {
				return cliError(err)
			}
			if page.Kind != regeringen.KindRemiss {
				return fmt.Errorf("%s is the listing of remisser: give the page of one remiss", args[0])
			}
			answers, err := rebase(page.Remisser[0].AnswerLinks(), base)
			if err != nil {
				return err
			}
			return e.withStore(cmd.Context(), func(s *stack) error {
				return e.harvestRemissvar(cmd.Context(), s, page.Remisser[0], answers, pdfDir)
			})
		},
	}
	cmd.Flags().StringVar(&base, "base", "", "fetch the PDFs from this site: each link's path resolved against it")
	cmd.Flags().StringVar(&pdfDir, "pdf-dir", "", "read each PDF from this folder, by the link's file name, when it is there")
	return cmd
}

// rebase resolves each answer's path against base, when given.
func rebase(answers []app.AnswerLink, base string) ([]app.AnswerLink, error) {
	if base == "" {
		return answers, nil
	}
	b, err := url.Parse(base)
	if err != nil || (b.Scheme != "http" && b.Scheme != "https") || b.Host == "" {
		return nil, fmt.Errorf("--base %q: want an http(s) address", base)
	}
	out := make([]app.AnswerLink, len(answers))
	for i, a := range answers {
		u, err := url.Parse(a.URL)
		if err != nil {
			return nil, fmt.Errorf("answer link %q: %w", a.URL, err)
		}
		out[i] = app.AnswerLink{Organisation: a.Organisation, URL: b.ResolveReference(&url.URL{Path: u.Path, RawQuery: u.RawQuery}).String()}
	}
	return out, nil
}

// harvestRemissvar harvests answers into the consultation r is in the
// register, or into nothing, and prints one line per answer.
func (e *env) harvestRemissvar(ctx context.Context, s *stack, r *regeringen.Remiss, answers []app.AnswerLink, pdfDir string) error {
	svc := e.services(s)
	if svc.Harvester == nil {
		return fmt.Errorf("no harvester: the PDF reader is not configured")
	}
	h := *svc.Harvester
	h.Pause = e.harvestPause()
	if pdfDir != "" {
		h.Fetcher = dirFetcher{HarvestFetcher: h.Fetcher, dir: pdfDir}
	}
	c := registered(ctx, svc, r)
	id := ""
	if c != nil {
		id = c.ID
	}
	results, err := h.HarvestAnswers(ctx, cliActor, id, answers)
	if err != nil {
		return cliError(err)
	}
	writeHarvestReport(e, results, c)
	return nil
}

// registered finds the consultation r is in the register, or nil.
func registered(ctx context.Context, svc *app.Services, r *regeringen.Remiss) *app.Consultation {
	if r.ReferenceKey != "" {
		if c, err := svc.Consultations.Store.ConsultationByReference(ctx, r.ReferenceKey); err == nil {
			return c
		}
	}
	if c, err := svc.Consultations.Store.ConsultationBySourceURL(ctx, r.URL); err == nil {
		return c
	}
	return nil
}

// writeHarvestReport prints one line per answer and a summary.
func writeHarvestReport(e *env, results []app.HarvestResult, c *app.Consultation) {
	count := map[string]int{}
	for _, r := range results {
		count[r.Outcome]++
		what := string(r.Stance)
		switch {
		case r.Outcome == app.HarvestFailed:
			what = "kunde inte läsas: " + web.Translate("sv", r.Reason)
		case r.NoText:
			what = "ingen text (skannad?)"
		}
		fmt.Fprintf(e.stdout, "%-9s  %-50s  %-12s  %s\n", r.Outcome, r.Organisation, r.OrgKind, what)
		if r.Quote != "" && r.Outcome != app.HarvestFailed {
			fmt.Fprintf(e.stdout, "           »%s«\n", r.Quote)
		}
	}
	fmt.Fprintf(e.stdout, "%d answers: %d added, %d updated, %d unchanged, %d failed", len(results), count[app.HarvestAdded],
		count[app.HarvestUpdated], count[app.HarvestUnchanged], count[app.HarvestFailed])
	if c == nil {
		fmt.Fprintln(e.stdout, "; the remiss is not in the register: nothing stored")
		return
	}
	fmt.Fprintf(e.stdout, "; stored with %s\n", strings.TrimSpace(c.Reference+" "+c.Title))
}

// dirFetcher reads PDFs from a folder, by the link's file name, and
// fetches those it does not have.
type dirFetcher struct {
	app.HarvestFetcher
	dir string
}

func (f dirFetcher) FetchDocument(ctx context.Context, rawURL, etag, lastModified string) (*app.DocumentAnswer, error) {
	if u, err := url.Parse(rawURL); err == nil {
		if b, err := os.ReadFile(filepath.Join(f.dir, path.Base(u.Path))); err == nil {
			return &app.DocumentAnswer{Body: b}, nil
		}
	}
	return f.HarvestFetcher.FetchDocument(ctx, rawURL, etag, lastModified)
}

// harvestPause is the wait between two requests of a harvest, so that a
// remiss with 60 answers does not come as 60 requests at once.
func (e *env) harvestPause() time.Duration {
	d, _ := time.ParseDuration(e.cfg.HarvestPause) // Validate checked it
	return d
}
