package app

import (
	"context"
	"errors"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// The harvest reads, for each remiss in the register, the answers its page
// at regeringen.se lists (organisation and PDF), fetches each PDF, reads
// its text, classifies its stance and stores it as an ExternalResponse;
// and it reads the remiss's invitee list (remissinstanser) to tell which
// member municipalities are invited (invitees.go). It fetches as the remiss
// watch does: one request at a time, conditionally (ETag, Last-Modified
// remembered per address), with a User-Agent (the fetcher's), backing off
// after a server error, and under a lease so that one replica fetches.

// AnswerLink is one answer a remiss page lists: who sent it, and its PDF.
type AnswerLink struct {
	Organisation string
	URL          string
}

// RemissPageAnswer is what one conditional fetch of a remiss page gave.
type RemissPageAnswer struct {
	NotModified  bool // 304: nothing new since the validators
	Answers      []AnswerLink
	InviteesURL  string // the list of remissinstanser, "" when the page links none
	ETag         string
	LastModified string
}

// DocumentAnswer is what one conditional fetch of a document gave.
type DocumentAnswer struct {
	NotModified  bool
	Body         []byte
	ETag         string
	LastModified string
}

// HarvestFetcher fetches remiss pages and their documents for the
// harvest, conditionally. A server error (5xx, 429) or no answer at all is
// a *WatchFailure (retried later, with back-off); anything else that
// fails is an *Error whose message says why.
type HarvestFetcher interface {
	FetchRemissPage(ctx context.Context, url, etag, lastModified string) (*RemissPageAnswer, error)
	FetchDocument(ctx context.Context, url, etag, lastModified string) (*DocumentAnswer, error)
}

// ErrNoText is a PDF without a text layer (a scan); ErrNotPDF is a
// document that is no readable PDF. TextExtractor returns them.
var (
	ErrNoText = errors.New("the PDF has no text layer (a scan?)")
	ErrNotPDF = errors.New("not a readable PDF")
)

// TextExtractor reads the paragraphs of a PDF, line-end hyphenation undone
// (package pdftext implements it; cmd wires it in). A scan is ErrNoText.
type TextExtractor interface {
	ExtractText(ctx context.Context, pdf []byte) ([]string, error)
}

// RemissPageState is the harvest's memory of one remiss page, shared by
// replicas: its validators, the answers and invitee list it last listed,
// and when to look again.
type RemissPageState struct {
	URL          string
	ETag         string
	LastModified string
	Answers      []AnswerLink
	InviteesURL  string
	LastFetch    time.Time
	LastOK       time.Time
	NextFetch    time.Time
	Failures     int    // in a row
	LastError    string // a message; "" after a success
	Invitees     InviteeList
}

// RemissPageStateStore keeps the page states by address; an unknown
// address is ENOTFOUND.
type RemissPageStateStore interface {
	RemissPageState(ctx context.Context, url string) (*RemissPageState, error)
	SaveRemissPageState(ctx context.Context, s *RemissPageState) error
}

// Harvester harvests the answers to the remisser in the register.
type Harvester struct {
	Consultations ConsultationStore
	Responses     ExternalResponseStore
	States        RemissPageStateStore
	Members       MemberStore
	Triage        TriageStore
	Fetcher       HarvestFetcher
	Text          TextExtractor
	Leases        LeaseStore
	Clock         Clock
	Events        *Events
	Holder        string        // this replica (NewLeaseHolder)
	Every         time.Duration // between two harvests of one page; DefaultHarvestEvery when 0
	Pause         time.Duration // between two requests, to be gentle with the server
	Jitter        func(d time.Duration) time.Duration
}

// DefaultHarvestEvery is the time between two harvests of one remiss page.
const DefaultHarvestEvery = 24 * time.Hour

// HarvestWindowDays is how long after its deadline the schedule still
// harvests a remiss: Regeringskansliet publishes the answers within weeks
// of it, so a year covers late ones; an older remiss is harvested only
// when asked (Harvest).
const HarvestWindowDays = 365

// harvestLease is held by the replica that harvests; it is renewed before
// each request, so a long harvest keeps it and a dead replica's expires.
const (
	harvestLease    = "remiss-harvest"
	harvestLeaseTTL = 3 * time.Minute
)

// Harvest outcomes of one answer.
const (
	HarvestAdded     = "added"
	HarvestUpdated   = "updated"
	HarvestUnchanged = "unchanged"
	HarvestFailed    = "failed"
)

// HarvestResult says what harvesting one answer did.
type HarvestResult struct {
	Organisation string
	OrgKind      OrgKind
	SourceURL    string
	Outcome      string
	NoText       bool
	Stance       Stance
	Quote        string
	Reason       string // why it failed: a message
	ResponseID   string
}

// HarvestReport is what one harvest of a remiss page did.
type HarvestReport struct {
	PageURL     string
	NotModified bool // the page had not changed; its last list of answers was used
	Results     []HarvestResult
	Invitees    InviteeList
	Err         string // why the page could not be read: a message
}

// errLeaseLost stops a harvest whose lease another replica took.
var errLeaseLost = errors.New("the harvest's lease was lost to another replica")

// errHarvestBusy is a harvest asked for while another replica harvests.
func errHarvestBusy() error { return Errorf(ECONFLICT, "error.harvest.busy") }

// Harvest harvests the answers to consultation id now, whatever the
// schedule says, under the lease (ECONFLICT while another harvest runs).
func (h *Harvester) Harvest(ctx context.Context, actor *User, id string) (*HarvestReport, error) {
	c, err := h.Consultations.ConsultationByID(ctx, id)
	if err != nil {
		return nil, err
	}
	if c.SourceURL == "" {
		return nil, FieldError("source_url", Msg("error.harvest.no_source"))
	}
	if err := h.take(ctx); err != nil {
		return nil, err
	}
	defer h.release(ctx)
	return h.harvestPage(ctx, actor, c.SourceURL, c.ID, "")
}

// HarvestAnswers harvests answers listed on a page read elsewhere (the
// command line's saved page) into consultation id; with id "" nothing is
// stored and the results only say what each answer holds.
func (h *Harvester) HarvestAnswers(ctx context.Context, actor *User, id string, answers []AnswerLink) ([]HarvestResult, error) {
	if err := h.take(ctx); err != nil {
		return nil, err
	}
	defer h.release(ctx)
	out := make([]HarvestResult, 0, len(answers))
	for i, a := range answers {
		if i > 0 && !h.pause(ctx) {
			break
		}
		out = append(out, h.harvestOne(ctx, actor, id, a).HarvestResult)
	}
	return out, nil
}

// take takes the lease for a harvest asked for now: ECONFLICT while
// another replica harvests.
func (h *Harvester) take(ctx context.Context) error {
	ok, err := h.lease(ctx)
	switch {
	case err != nil:
		return err
	case !ok:
		return errHarvestBusy()
	}
	return nil
}

func (h *Harvester) lease(ctx context.Context) (bool, error) {
	now := h.Clock.Now()
	return h.Leases.AcquireLease(ctx, harvestLease, h.Holder, now, now.Add(harvestLeaseTTL))
}

func (h *Harvester) release(ctx context.Context) {
	_ = h.Leases.ReleaseLease(context.WithoutCancel(ctx), harvestLease, h.Holder)
}

// pause waits between two requests and renews the lease; false when
// the lease is lost (it expired and another replica took it) or ctx ended:
// the harvest then stops, so that no two replicas fetch at once.
func (h *Harvester) pause(ctx context.Context) bool {
	if h.Pause > 0 {
		t := time.NewTimer(h.Pause)
		defer t.Stop()
		select {
		case <-ctx.Done():
		case <-t.C:
		}
	}
	ok, err := h.lease(ctx)
	return ok && err == nil && ctx.Err() == nil
}

// harvestPage reads the page at url (conditionally), harvests its answers
// into consultation id (none when id is ""), reads its invitee list for
// consultation id or triage item triageID, and saves what it learnt. A
// failure to fetch is in the report and the state, not returned; the
// error is the store's.
func (h *Harvester) harvestPage(ctx context.Context, actor *User, url, id, triageID string) (*HarvestReport, error) {
	st, err := h.States.RemissPageState(ctx, url)
	switch {
	case ErrorCode(err) == ENOTFOUND:
		st = &RemissPageState{URL: url}
	case err != nil:
		return nil, err
	}
	now := h.Clock.Now()
	st.LastFetch = now
	rep := &HarvestReport{PageURL: url}
	page, err := h.Fetcher.FetchRemissPage(ctx, url, st.ETag, st.LastModified)
	if err != nil {
		h.failed(st, err, now)
		rep.Err = st.LastError
		return rep, h.States.SaveRemissPageState(ctx, st)
	}
	rep.NotModified = page.NotModified
	if !page.NotModified {
		st.Answers, st.InviteesURL = slices.Clone(page.Answers), page.InviteesURL
		st.ETag, st.LastModified = page.ETag, page.LastModified
	}
	retry := false
	if id != "" {
		for _, a := range st.Answers {
			if !h.pause(ctx) {
				retry = true // the rest on the next turn
				break
			}
			r := h.harvestOne(ctx, actor, id, a)
			retry = retry || r.Outcome == HarvestFailed && r.retry
			rep.Results = append(rep.Results, r.HarvestResult)
		}
	}
	invited := st.Invitees.Members
	if err := h.readInvitees(ctx, actor, st, triageID); err != nil {
		retry = retry || isRetry(err)
	}
	rep.Invitees = st.Invitees
	h.succeeded(st, now, retry)
	if err := h.States.SaveRemissPageState(ctx, st); err != nil {
		return nil, err
	}
	if id != "" && !slices.Equal(invited, st.Invitees.Members) {
		publish(ctx, h.Events, h.Clock, orHarvest(actor), "consultation.invitees", Subject{"consultation", id},
			strings.Join(invited, ", "), strings.Join(st.Invitees.Members, ", "), "")
	}
	return rep, nil
}

// failed records a fetch that failed: a server error backs off, anything
// else waits its ordinary turn.
func (h *Harvester) failed(st *RemissPageState, err error, now time.Time) {
	st.Failures++
	st.LastError = ErrorMessage(err)
	if ErrorCode(err) == EINTERNAL {
		st.LastError = "error.harvest.failed"
	}
	if isRetry(err) {
		st.NextFetch = now.Add(h.backoff(st.Failures))
		return
	}
	st.NextFetch = now.Add(h.next())
}

// succeeded records a page read; when some of its documents met a server
// error the page is looked at again after the back-off, not a full turn.
func (h *Harvester) succeeded(st *RemissPageState, now time.Time, retry bool) {
	st.LastOK, st.LastError = now, ""
	if retry {
		st.Failures++
		st.LastError = "error.harvest.retry"
		st.NextFetch = now.Add(h.backoff(st.Failures))
		return
	}
	st.Failures = 0
	st.NextFetch = now.Add(h.next())
}

func isRetry(err error) bool {
	var retry *WatchFailure
	return errors.As(err, &retry)
}

// backoff is 5 minutes after the first failure, doubling, at most Every.
func (h *Harvester) backoff(failures int) time.Duration {
	return min(h.every(), watchFirstBackoff<<min(max(failures-1, 0), 10))
}

func (h *Harvester) every() time.Duration {
	if h.Every <= 0 {
		return DefaultHarvestEvery
	}
	return h.Every
}

func (h *Harvester) next() time.Duration {
	d := h.every()
	if h.Jitter != nil {
		return d + h.Jitter(d)
	}
	return d + time.Duration(rand.Int64N(int64(d/10)+1))
}

// Turn harvests, under the lease, every remiss page whose time has come:
// those of the consultations in the register whose deadline is at most
// HarvestWindowDays past (answers and invitee list),
// then those of the remisser pending in triage (invitee list only). It
// returns how many pages it fetched; failures to fetch are in the page
// states, the error is the store's.
func (h *Harvester) Turn(ctx context.Context) (int, error) {
	ok, err := h.lease(ctx)
	if err != nil || !ok {
		return 0, err
	}
	defer h.release(ctx)
	cs, _, err := h.Consultations.ListConsultations(ctx, ConsultationFilter{})
	if err != nil {
		return 0, err
	}
	n := 0
	oldest := DateOf(h.Clock.Now()).AddDays(-HarvestWindowDays)
	for _, c := range cs {
		if !c.Deadline.IsZero() && c.Deadline.Before(oldest) {
			continue // its answers were published long since
		}
		did, err := h.due(ctx, c.SourceURL, c.ID, "")
		if err != nil {
			return n, err
		}
		n += did
	}
	if h.Triage == nil {
		return n, nil
	}
	pending, _, err := h.Triage.ListTriage(ctx, TriageFilter{State: TriagePending})
	for _, t := range pending {
		did, err := h.due(ctx, t.SourceURL, "", t.ID)
		if err != nil {
			return n, err
		}
		n += did
	}
	return n, err
}

// due harvests the page at url if its time has come (1), else not (0).
func (h *Harvester) due(ctx context.Context, url, id, triageID string) (int, error) {
	if url == "" || ctx.Err() != nil {
		return 0, ctx.Err()
	}
	st, err := h.States.RemissPageState(ctx, url)
	if err == nil && h.Clock.Now().Before(st.NextFetch) {
		return 0, nil
	}
	if err != nil && ErrorCode(err) != ENOTFOUND {
		return 0, err
	}
	if !h.pause(ctx) {
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		return 0, errLeaseLost
	}
	_, err = h.harvestPage(ctx, nil, url, id, triageID)
	return 1, err
}

// Run takes a turn every check until ctx ends.
func (h *Harvester) Run(ctx context.Context, check time.Duration, warn func(error)) {
	t := time.NewTicker(check)
	defer t.Stop()
	for {
		if _, err := h.Turn(ctx); err != nil && warn != nil && ctx.Err() == nil {
			warn(err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
