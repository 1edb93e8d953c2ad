package app_test

import (
	"context"
	"strings"
	"sync"

	"github.com/samsyn/samsyn/app"
)

// fakeHarvest serves remiss pages and documents from memory, each with an
// ETag it honours, for tests that need no PDFs (the event table).
type fakeHarvest struct {
	mu    sync.Mutex
	pages map[string]app.RemissPageAnswer
	docs  map[string]app.DocumentAnswer
}

func newFakeHarvest() *fakeHarvest {
	return &fakeHarvest{pages: map[string]app.RemissPageAnswer{}, docs: map[string]app.DocumentAnswer{}}
}

func (f *fakeHarvest) page(url, etag, invitees string, answers ...app.AnswerLink) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.pages[url] = app.RemissPageAnswer{Answers: answers, InviteesURL: invitees, ETag: etag}
}

func (f *fakeHarvest) doc(url, etag, text string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.docs[url] = app.DocumentAnswer{Body: []byte(text), ETag: etag}
}

func (f *fakeHarvest) FetchRemissPage(_ context.Context, url, etag, _ string) (*app.RemissPageAnswer, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	p, ok := f.pages[url]
	switch {
	case !ok:
		return nil, app.Errorf(app.EINVALID, "error.harvest.not_pdf")
	case etag != "" && p.ETag == etag:
		return &app.RemissPageAnswer{NotModified: true, ETag: etag}, nil
	}
	return &p, nil
}

func (f *fakeHarvest) FetchDocument(_ context.Context, url, etag, _ string) (*app.DocumentAnswer, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	d, ok := f.docs[url]
	switch {
	case !ok:
		return nil, &app.WatchFailure{Err: app.Errorf(app.EINVALID, "error.harvest.retry")}
	case etag != "" && d.ETag == etag:
		return &app.DocumentAnswer{NotModified: true, ETag: etag}, nil
	}
	return &d, nil
}

// fakeText reads a "PDF" that is plain text, paragraphs apart by blank
// lines.
type fakeText struct{}

func (fakeText) ExtractText(_ context.Context, pdf []byte) ([]string, error) {
	return strings.Split(string(pdf), "\n\n"), nil
}

// harvestedID is the id of the one answer a harvest stored or changed.
func harvestedID(rep *app.HarvestReport, err error) (string, error) {
	if err != nil {
		return "", err
	}
	for _, r := range rep.Results {
		if r.Outcome == app.HarvestAdded || r.Outcome == app.HarvestUpdated {
			return r.ResponseID, nil
		}
	}
	return "", nil
}
