package app

import (
	"context"
	"errors"
	"io"
	"time"
)

// RemissReader reads remiss pages (package regeringen implements it; cmd
// wires it in): a saved page, or a page fetched from the issuer's site.
// A page that is not a remiss page, or too large, is EINVALID or ETOOLARGE;
// a page that cannot be fetched is EINVALID on "url".
type RemissReader interface {
	Parse(page io.Reader) ([]*RemissIntake, error)
	Fetch(ctx context.Context, url string) ([]*RemissIntake, error)
}

// RemissImports brings remisser read from regeringen.se into the register.
type RemissImports struct {
	Consultations ConsultationStore
	Imports       ImportLog
	Fetcher       RemissReader // nil: only Import works
	Clock         Clock
	Events        *Events
}

// errNoReader is an import asked to read a page without a RemissReader.
var errNoReader = errors.New("no remiss reader configured")

// ImportSince is how far back the import page and the dashboard look for
// deadlines that imports moved.
const ImportSince = 30 * 24 * time.Hour

// Parse reads a saved remiss page.
func (s *RemissImports) Parse(page io.Reader) ([]*RemissIntake, error) {
	if s.Fetcher == nil {
		return nil, errNoReader
	}
	return s.Fetcher.Parse(page)
}

// Fetch fetches the remiss page at url.
func (s *RemissImports) Fetch(ctx context.Context, url string) ([]*RemissIntake, error) {
	if s.Fetcher == nil {
		return nil, errNoReader
	}
	return s.Fetcher.Fetch(ctx, url)
}

// Import adds or updates a consultation for each intake (see
// RemissImporter.Import), one event per consultation added or updated.
func (s *RemissImports) Import(ctx context.Context, actor *User, intakes []*RemissIntake) ([]*ImportResult, error) {
	im := &RemissImporter{Consultations: s.Consultations, Imports: s.Imports, Events: s.Events, Clock: s.Clock, Actor: actor}
	out := make([]*ImportResult, 0, len(intakes))
	for _, in := range intakes {
		res, err := im.Import(ctx, in, s.Clock.Now())
		if err != nil {
			return out, err
		}
		out = append(out, res)
	}
	return out, nil
}

// ChangedDeadlines lists the consultations whose deadline an import moved
// within ImportSince.
func (s *RemissImports) ChangedDeadlines(ctx context.Context) ([]DeadlineChange, error) {
	return ChangedDeadlines(ctx, s.Imports, s.Consultations, s.Clock.Now().Add(-ImportSince))
}
