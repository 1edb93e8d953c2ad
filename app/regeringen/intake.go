package regeringen

import (
	"context"
	"slices"

	"github.com/samsyn/samsyn/app"
)

// Import imports every remiss of p with im, each at the clock's time,
// and returns what each import did; it stops at the first error.
func (p *Page) Import(ctx context.Context, im *app.RemissImporter, clock app.Clock) ([]*app.ImportResult, error) {
	var results []*app.ImportResult
	for _, r := range p.Remisser {
		res, err := im.Import(ctx, r.Intake(), clock.Now())
		if err != nil {
			return nil, err
		}
		results = append(results, res)
	}
	return results, nil
}

// Intake returns what the import needs from r: the remiss's documents,
// then the answers already received (titled "Remissvar: …").
func (r *Remiss) Intake() *app.RemissIntake {
	in := &app.RemissIntake{SourceURL: r.URL, Title: r.Title, Reference: r.Reference, ReportNumber: r.Series,
		Issuer: r.Department, Published: r.Published, Deadline: r.Deadline,
		Documents: slices.Clone(r.Documents), Missing: slices.Clone(r.Missing)}
	for _, a := range r.Answers {
		in.Documents = append(in.Documents, app.Link{Title: "Remissvar: " + a.Title, URL: a.URL})
	}
	return in
}
