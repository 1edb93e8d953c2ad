package regeringen

import (
	"slices"

	"github.com/samsyn/samsyn/app"
)

// Intakes returns what the import needs of every remiss on the page.
func (p *Page) Intakes() []*app.RemissIntake {
	out := make([]*app.RemissIntake, 0, len(p.Remisser))
	for _, r := range p.Remisser {
		in := r.Intake()
		in.Listing = p.Kind == KindListing
		out = append(out, in)
	}
	return out
}

// Intake returns what the import needs from r: the remiss's documents,
// then the answers already received (titled "Remissvar: …").
func (r *Remiss) Intake() *app.RemissIntake {
	in := &app.RemissIntake{SourceURL: r.URL, Title: r.Title, Reference: r.Reference, ReportNumber: r.Series,
		Issuer: r.Department, Published: r.Published, Deadline: r.Deadline, InviteesURL: r.InviteesURL,
		Documents: slices.Clone(r.Documents), Missing: slices.Clone(r.Missing)}
	for _, a := range r.Answers {
		in.Documents = append(in.Documents, app.Link{Title: "Remissvar: " + a.Title, URL: a.URL})
	}
	return in
}
