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
	Triage        *Triage      // where listed remisser go; nil: straight to the register
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
	var scorer *RelevanceScorer
	out := make([]*ImportResult, 0, len(intakes))
	for _, in := range intakes {
		var res *ImportResult
		var err error
		if in.Listing && s.Triage != nil && !s.registered(ctx, in) {
			if scorer == nil {
				if scorer, err = s.Triage.scorer(ctx); err != nil {
					return out, err
				}
			}
			res, err = s.Triage.add(ctx, actor, in, scorer)
		} else {
			res, err = im.Import(ctx, in, s.Clock.Now())
		}
		if err != nil {
			return out, err
		}
		out = append(out, res)
	}
	return out, nil
}

// registered reports whether the register has the remiss already (by
// reference or address): a listed remiss that is then updates it there,
// as an import of its own page would.
func (s *RemissImports) registered(ctx context.Context, in *RemissIntake) bool {
	key, _ := NormalizeReference(in.Reference)
	if key != "" {
		if _, err := s.Consultations.ConsultationByReference(ctx, key); err == nil {
			return true
		}
	}
	_, err := s.Consultations.ConsultationBySourceURL(ctx, in.SourceURL)
	return err == nil
}

// ChangedDeadlines lists the consultations whose deadline an import moved
// within ImportSince.
func (s *RemissImports) ChangedDeadlines(ctx context.Context) ([]DeadlineChange, error) {
	return ChangedDeadlines(ctx, s.Imports, s.Consultations, s.Clock.Now().Add(-ImportSince))
}
