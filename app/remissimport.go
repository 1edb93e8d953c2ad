package app

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// RemissIntake is one remiss as read from a page at regeringen.se (see
// package regeringen): only what the page showed; Missing names the rest.
type RemissIntake struct {
	SourceURL    string
	Title        string
	Reference    string // diarienummer as written
	ReportNumber string // SOU/Ds number, e.g. "SOU 2026:14"
	Issuer       string // the department
	Published    Date
	Deadline     Date
	Documents    []Link
	Missing      []string
	// Listing is set for a remiss read from a listing page (or the watch
	// of one): it goes to triage, not straight into the register.
	Listing        bool
	InviteesURL    string   // the list of invited bodies (remissinstanser), if linked
	InvitedMembers []string // member organisations named in that list
}

// RemissImport is the import bookkeeping of one consultation: where it
// came from, when it was last seen, and whether its deadline moved.
type RemissImport struct {
	ConsultationID    string
	SourceURL         string
	ReferenceKey      string
	LastSeen          time.Time
	LastDeadline      Date
	PreviousDeadline  Date      // the deadline before the last change
	DeadlineChangedAt time.Time // zero when it never changed
	MissingFields     []string
}

// ImportLog keeps the import bookkeeping, one record per consultation.
type ImportLog interface {
	// SaveImport creates or replaces the record of r.ConsultationID.
	SaveImport(ctx context.Context, r *RemissImport) error
	// ImportOf returns a consultation's record, or ENOTFOUND.
	ImportOf(ctx context.Context, consultationID string) (*RemissImport, error)
	// ListDeadlineChanges lists the records whose deadline changed at or
	// after since, latest change first.
	ListDeadlineChanges(ctx context.Context, since time.Time) ([]*RemissImport, error)
}

// Import outcomes.
const (
	ImportAdded     = "added"
	ImportUpdated   = "updated"
	ImportUnchanged = "unchanged"
	ImportRefused   = "refused"
)

// ImportResult says what importing one remiss did.
type ImportResult struct {
	Outcome          string
	Title            string
	Reference        string
	SourceURL        string
	ConsultationID   string
	TriageID         string // the remiss in triage, for a listed one
	Deadline         Date
	DeadlineChanged  bool
	PreviousDeadline Date
	Missing          []string
	Reason           string // why it was refused: a message (see Msg)
}

// RemissImporter adds and updates consultations from remiss pages.
type RemissImporter struct {
	Consultations ConsultationStore
	Imports       ImportLog
	Events        *Events
	Clock         Clock
	Actor         *User  // nil for the CLI: the audit then names "import"
	Responsible   string // responsible officer of a consultation added
}

// Import adds in as a new consultation (status incoming, default
// milestones) or updates the one with the same reference or source URL.
// Only what the page showed is written; a moved deadline is flagged in the
// import log. Importing the same page again changes nothing. A remiss that
// cannot be imported is "refused" with a reason, not an error; errors are
// the store's.
func (im *RemissImporter) Import(ctx context.Context, in *RemissIntake, now time.Time) (*ImportResult, error) {
	res := &ImportResult{Title: in.Title, Reference: in.Reference, SourceURL: in.SourceURL,
		Deadline: in.Deadline, Missing: in.Missing}
	key, ok := NormalizeReference(in.Reference)
	if in.Reference != "" && !ok {
		return res.refuse(Msg("error.import.bad_reference", "reference", in.Reference)), nil
	}
	if in.Title == "" || in.SourceURL == "" {
		return res.refuse("error.import.no_title_or_url"), nil
	}
	c, err := im.known(ctx, key, in.SourceURL)
	if err != nil {
		if ErrorCode(err) == ECONFLICT {
			return res.refuse(ErrorMessage(err)), nil
		}
		return nil, err
	}
	if c == nil {
		return im.add(ctx, in, key, res, now)
	}
	return im.update(ctx, c, in, key, res, now)
}

func (r *ImportResult) refuse(reason string) *ImportResult {
	r.Outcome, r.Reason = ImportRefused, reason
	return r
}

// known finds the consultation with the same reference or source URL;
// nil when there is none. Two different ones are ECONFLICT.
func (im *RemissImporter) known(ctx context.Context, key, url string) (*Consultation, error) {
	var byRef, byURL *Consultation
	var err error
	if key != "" {
		if byRef, err = im.Consultations.ConsultationByReference(ctx, key); err != nil && ErrorCode(err) != ENOTFOUND {
			return nil, err
		}
	}
	if byURL, err = im.Consultations.ConsultationBySourceURL(ctx, url); err != nil && ErrorCode(err) != ENOTFOUND {
		return nil, err
	}
	switch {
	case byRef != nil && byURL != nil && byRef.ID != byURL.ID:
		return nil, Errorf(ECONFLICT, "error.import.reference_and_url_differ")
	case byRef != nil:
		return byRef, nil
	}
	return byURL, nil
}

func (im *RemissImporter) add(ctx context.Context, in *RemissIntake, key string, res *ImportResult, now time.Time) (*ImportResult, error) {
	c := &Consultation{Title: in.Title, Reference: in.Reference, ReferenceKey: key, Issuer: in.Issuer,
		SourceURL: in.SourceURL, ReceivedOn: in.Published, Deadline: in.Deadline, Status: ConsultationIncoming,
		Documents: slices.Clone(in.Documents), ResponsibleID: im.Responsible, Version: 1, CreatedAt: now, UpdatedAt: now}
	c.ReportNumber, c.ReportKey = in.ReportNumber, reportKey(in.ReportNumber)
	if c.ReceivedOn.IsZero() {
		c.ReceivedOn = DateOf(now) // received today, through this import
	}
	c.DraftDue, c.SignaturesDue = DefaultMilestones(c.Deadline)
	if err := im.Consultations.CreateConsultation(ctx, c); err != nil {
		if ErrorCode(err) == ECONFLICT { // registered meanwhile by someone else
			return res.refuse(ErrorMessage(err)), nil
		}
		return nil, err
	}
	res.Outcome, res.ConsultationID = ImportAdded, c.ID
	im.announce(ctx, c.ID, "", "1", "Ny remiss från "+in.SourceURL)
	rec := &RemissImport{ConsultationID: c.ID, SourceURL: in.SourceURL, ReferenceKey: key, LastSeen: now,
		LastDeadline: in.Deadline, MissingFields: in.Missing}
	return res, im.Imports.SaveImport(ctx, rec)
}

func reportKey(number string) string {
	k, _ := NormalizeReference(number)
	return k
}

func (im *RemissImporter) update(ctx context.Context, c *Consultation, in *RemissIntake, key string, res *ImportResult, now time.Time) (*ImportResult, error) {
	res.ConsultationID = c.ID
	rec, err := im.Imports.ImportOf(ctx, c.ID)
	switch {
	case ErrorCode(err) == ENOTFOUND:
		rec = &RemissImport{ConsultationID: c.ID}
	case err != nil:
		return nil, err
	}
	next, moved := applyIntake(*c, in, key)
	if moved {
		res.DeadlineChanged, res.PreviousDeadline = true, c.Deadline
		rec.PreviousDeadline, rec.DeadlineChangedAt = c.Deadline, now
	}
	res.Outcome = ImportUnchanged
	if !sameImported(c, next) {
		next.UpdatedAt = now
		if err := im.Consultations.UpdateConsultation(ctx, next); err != nil {
			return nil, err
		}
		res.Outcome = ImportUpdated
		note := "Uppdaterad från " + in.SourceURL
		if moved {
			note += fmt.Sprintf("; sista svarsdag ändrad %s → %s", c.Deadline, next.Deadline)
		}
		im.announce(ctx, c.ID, fmt.Sprint(c.Version), fmt.Sprint(next.Version), note)
	}
	rec.SourceURL, rec.ReferenceKey, rec.LastSeen = next.SourceURL, next.ReferenceKey, now
	rec.LastDeadline, rec.MissingFields = next.Deadline, in.Missing
	return res, im.Imports.SaveImport(ctx, rec)
}

// applyIntake returns c with what the page showed written over it, and
// whether the deadline moved. Fields the page lacked are kept; documents
// are added, never removed; milestones still at their defaults follow a
// moved deadline, edited ones stay.
func applyIntake(c Consultation, in *RemissIntake, key string) (*Consultation, bool) {
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&c.Title, in.Title)
	set(&c.Issuer, in.Issuer)
	if key != "" {
		c.Reference, c.ReferenceKey = in.Reference, key
	}
	if in.ReportNumber != "" {
		c.ReportNumber, c.ReportKey = in.ReportNumber, reportKey(in.ReportNumber)
	}
	if c.SourceURL == "" {
		c.SourceURL = in.SourceURL
	}
	c.Documents = slices.Clone(c.Documents)
	for _, d := range in.Documents {
		if !slices.ContainsFunc(c.Documents, func(l Link) bool { return l.URL == d.URL }) {
			c.Documents = append(c.Documents, d)
		}
	}
	moved := !in.Deadline.IsZero() && in.Deadline != c.Deadline
	if moved {
		old := c.Deadline
		oldDraft, oldSigs := DefaultMilestones(old)
		newDraft, newSigs := DefaultMilestones(in.Deadline)
		c.DraftDue = followDeadline(c.DraftDue, oldDraft, newDraft)
		c.SignaturesDue = followDeadline(c.SignaturesDue, oldSigs, newSigs)
		c.Deadline = in.Deadline
		moved = !old.IsZero() // a first deadline is news, not a change
	}
	return &c, moved
}

// sameImported reports whether b holds nothing new over a in the fields an
// import writes.
func sameImported(a, b *Consultation) bool {
	return a.Title == b.Title && a.Issuer == b.Issuer && a.Reference == b.Reference &&
		a.ReferenceKey == b.ReferenceKey && a.ReportNumber == b.ReportNumber && a.SourceURL == b.SourceURL &&
		a.Deadline == b.Deadline && a.DraftDue == b.DraftDue && a.SignaturesDue == b.SignaturesDue &&
		slices.Equal(a.Documents, b.Documents)
}

// importActor stands for the command line in the audit of an import.
var importActor = &User{Name: "import"}

// announce publishes the import of consultation id.
func (im *RemissImporter) announce(ctx context.Context, id, before, after, note string) {
	publish(ctx, im.Events, im.Clock, orImport(im.Actor), "consultation.import", Subject{"consultation", id}, before, after, note)
}

// DeadlineChange is a consultation whose deadline an import moved.
type DeadlineChange struct {
	Consultation *Consultation
	Previous     Date
	ChangedAt    time.Time
}

// ChangedDeadlines lists the consultations whose deadline an import moved
// at or after since, latest change first; the dashboard flags them.
func ChangedDeadlines(ctx context.Context, imports ImportLog, consultations ConsultationStore, since time.Time) ([]DeadlineChange, error) {
	recs, err := imports.ListDeadlineChanges(ctx, since)
	if err != nil {
		return nil, err
	}
	var out []DeadlineChange
	for _, r := range recs {
		c, err := consultations.ConsultationByID(ctx, r.ConsultationID)
		if ErrorCode(err) == ENOTFOUND {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, DeadlineChange{Consultation: c, Previous: r.PreviousDeadline, ChangedAt: r.DeadlineChangedAt})
	}
	return out, nil
}

// WriteImportReport writes, for a terminal, one line per import result,
// the fields its page lacked, and a summary of the outcomes.
func WriteImportReport(w io.Writer, results []*ImportResult) {
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
			fmt.Fprintf(w, "           reason: %s\n", r.Reason)
		}
		if len(r.Missing) > 0 {
			fmt.Fprintf(w, "           missing: %s\n", strings.Join(r.Missing, ", "))
		}
	}
	fmt.Fprintf(w, "%d added, %d updated, %d unchanged, %d refused", count[ImportAdded],
		count[ImportUpdated], count[ImportUnchanged], count[ImportRefused])
	if count[ImportTriaged] > 0 {
		fmt.Fprintf(w, ", %d to triage", count[ImportTriaged])
	}
	fmt.Fprintln(w)
}
