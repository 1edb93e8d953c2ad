package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strings"
	"time"
)

// External responses are the remissvar other bodies sent in to a remiss
// in the register — agencies, regions, municipalities, organisations — as
// Regeringskansliet publishes them on the remiss page. Samsyn harvests
// them (see Harvester) so that members see what others said beside their
// own draft. They are internal: nothing of them reaches a public page, the
// public index or the public API (DESIGN rule 1).

// OrgKind is the kind of body that answered.
type OrgKind string

// The kinds of organisation, for filters.
const (
	OrgMunicipality OrgKind = "kommun"
	OrgRegion       OrgKind = "region"
	OrgAuthority    OrgKind = "myndighet"
	OrgOther        OrgKind = "organisation"
)

// OrgKinds lists every kind, for forms and filters.
var OrgKinds = []OrgKind{OrgMunicipality, OrgRegion, OrgAuthority, OrgOther}

// ExternalResponse is one body's published answer to a consultation, as
// harvested from its PDF.
type ExternalResponse struct {
	ID             string
	ConsultationID string
	Organisation   string  // as the remiss page names it
	OrgKind        OrgKind // see ClassifyOrganisation
	SourceURL      string  // the PDF; unique within a consultation
	Paragraphs     []string
	Checksum       string // hex SHA-256 of the text (ResponseChecksum)
	NoText         bool   // the PDF had no text layer (a scan): listed as such, never as an empty answer
	Stance         Stance // as ClassifyStance read it at harvest
	Quote          string // the sentence that decided Stance, verbatim
	StanceOverride *StanceOverride
	// ETag and LastModified are the PDF's validators, for the next
	// conditional request.
	ETag         string
	LastModified string
	FetchedAt    time.Time
	Version      int
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// StanceOverride is a person's correction of a harvested stance; it wins
// over the classified one.
type StanceOverride struct {
	Stance Stance
	Reason string
	By     string // the user's id
	At     time.Time
}

// EffectiveStance is the stance to show: the override when there is one.
func (r *ExternalResponse) EffectiveStance() Stance {
	if r.StanceOverride != nil {
		return r.StanceOverride.Stance
	}
	return r.Stance
}

// Text is the answer's paragraphs joined by blank lines: what the
// checksum covers.
func (r *ExternalResponse) Text() string { return strings.Join(r.Paragraphs, "\n\n") }

// ResponseChecksum is the hex SHA-256 of paragraphs joined by blank lines.
func ResponseChecksum(paragraphs []string) string {
	sum := sha256.Sum256([]byte(strings.Join(paragraphs, "\n\n")))
	return hex.EncodeToString(sum[:])
}

// ExternalResponseStore keeps the harvested answers. A consultation has
// at most one answer per source URL: a second create is ECONFLICT.
// Lookups of what is not there are ENOTFOUND.
type ExternalResponseStore interface {
	// CreateExternalResponse inserts r, setting its ID and Version 1.
	CreateExternalResponse(ctx context.Context, r *ExternalResponse) error
	ExternalResponseByID(ctx context.Context, id string) (*ExternalResponse, error)
	// ExternalResponseBySource finds a consultation's answer from url.
	ExternalResponseBySource(ctx context.Context, consultationID, url string) (*ExternalResponse, error)
	// ListExternalResponses lists a consultation's answers by
	// organisation, without their text (Paragraphs) and validators: what
	// a list shows, in one read however many there are.
	ListExternalResponses(ctx context.Context, consultationID string) ([]*ExternalResponse, error)
	// EachExternalResponse calls fn with every stored answer, with its
	// text, in no particular order (a rebuild of the search index).
	EachExternalResponse(ctx context.Context, fn func(*ExternalResponse) error) error
	// UpdateExternalResponse stores r if the stored version is still
	// r.Version (else ECONFLICT, nothing changed) and bumps r.Version.
	UpdateExternalResponse(ctx context.Context, r *ExternalResponse) error
}

// orgKindRules classify a body by its name, tried in order: the first
// match decides. Case does not matter.
var orgKindRules = []struct {
	kind OrgKind
	re   *regexp.Regexp
}{
	// "Luleå kommun", "Stockholms stad", "Kommunstyrelsen i Kiruna".
	{OrgMunicipality, regexp.MustCompile(`(?i)(\s(kommun|stad)$|^kommun(styrelsen|fullmäktige)\b)`)},
	// "Region Norrbotten", "Västra Götalandsregionen".
	{OrgRegion, regexp.MustCompile(`(?i)(^region\s|regionen$)`)},
	// Authorities named by what they are ("Länsstyrelsen i …", "Statens …")
	// or by a word ending that only authorities use (Trafikverket,
	// Polismyndigheten, Kammarkollegiet, Förvaltningsrätten i Jönköping,
	// Regelrådet, Luleå tekniska universitet).
	{OrgAuthority, regexp.MustCompile(`(?i)(^(länsstyrelsen|statens|svenska kraftnät|riksarkivet|riksbanken|riksrevisionen|justitiekanslern|statskontoret|skatteverket|tullverket|kronofogden|lantmäteriet|försäkringskassan|sveriges geologiska undersökning|riksdagens ombudsmän)\b|\pL*(verket|myndigheten|styrelsen|kollegiet|rätten|domstolen|inspektionen|nämnden|ombudsmannen|institutet|rådet|universitet)\b)`)},
}

// ClassifyOrganisation tells the kind of body from its name: "Luleå
// kommun" and "Stockholms stad" are municipalities, "Region Norrbotten"
// and "Västra Götalandsregionen" regions, names of authorities
// (Länsstyrelsen …, …verket, …myndigheten, …styrelsen, …kollegiet,
// …rätten i …) authorities; anything else an organisation.
func ClassifyOrganisation(name string) OrgKind {
	n := strings.Join(strings.Fields(name), " ")
	if n == "" {
		return OrgOther
	}
	for _, r := range orgKindRules {
		if r.re.MatchString(n) {
			return r.kind
		}
	}
	return OrgOther
}

// ExternalResponses reads the harvested answers, for signed-in pages only.
type ExternalResponses struct {
	Store ExternalResponseStore
	Pages RemissPageStateStore
	// For Allies and Override (external_response_service.go).
	Consultations ConsultationStore
	Statements    StatementStore
	Issues        IssueStore
	Events        *Events
	Clock         Clock
}

// List lists a consultation's harvested answers by organisation.
func (s *ExternalResponses) List(ctx context.Context, consultationID string) ([]*ExternalResponse, error) {
	return s.Store.ListExternalResponses(ctx, consultationID)
}

// Get returns one harvested answer.
func (s *ExternalResponses) Get(ctx context.Context, id string) (*ExternalResponse, error) {
	return s.Store.ExternalResponseByID(ctx, id)
}

// Invitees returns what the harvest read of the invitee list of the remiss
// page at url: nil when it has not read one.
func (s *ExternalResponses) Invitees(ctx context.Context, url string) (*InviteeList, error) {
	if url == "" || s.Pages == nil {
		return nil, nil
	}
	st, err := s.Pages.RemissPageState(ctx, url)
	if ErrorCode(err) == ENOTFOUND || err == nil && st.Invitees.ReadAt.IsZero() {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &st.Invitees, nil
}
