package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
)

// StatementKind is the kind of text the network puts its name to.
type StatementKind string

// The statement kinds.
const (
	KindPositionPaper        StatementKind = "position_paper"
	KindJointStatement       StatementKind = "joint_statement"
	KindConsultationResponse StatementKind = "consultation_response"
)

// Valid reports whether k is a known kind.
func (k StatementKind) Valid() bool {
	return k == KindPositionPaper || k == KindJointStatement || k == KindConsultationResponse
}

// StatementStatus is where a statement stands.
type StatementStatus string

// The statement statuses.
const (
	StatementDraft     StatementStatus = "draft"
	StatementSigning   StatementStatus = "signing"
	StatementPublished StatementStatus = "published"
	StatementWithdrawn StatementStatus = "withdrawn"
)

// Statement is a text members draft together, sign and publish.
type Statement struct {
	ID             string
	Kind           StatementKind
	Title          string
	Slug           string
	Summary        string
	Body           string // Markdown
	Topics         []string
	ConsultationID string
	Status         StatementStatus
	ContentHash    string // SHA-256 of the frozen text, set when signing opens
	SignBy         Date
	// Signatures are the decisions of the current signing round.
	Signatures  []Signature
	PublishedAt time.Time
	WithdrawnAt time.Time
	AuthorID    string
	// Reference is the network's own diarienummer for the statement ("Vår
	// referens" in a consultation response), which the secretariat
	// registers; empty until it does. It is not part of the signed text.
	Reference string
	// Quorum is the least number of members that must have signed before
	// the text may be published; 0 sets none. The secretariat sets it.
	Quorum int
	// Round is the signing round: reopening the text starts a new one, and
	// signatures of earlier rounds are void (kept as history).
	Round int
	// Revision is the number of the revision the current text is; EditedBy
	// and EditedAt say who saved it and when.
	Revision     int
	EditedBy     string
	EditedByName string
	EditedAt     time.Time
	// TextVersions holds, by revision number - 1, the Version each
	// revision's text was saved at (0 where not recorded), so that a save
	// based on an older version is merged against that version's text,
	// one read away (Save). The store notes it whenever it stores a new
	// revision, whoever makes one.
	TextVersions []int
	Version      int
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Signature is one member's decision on a frozen text.
type Signature struct {
	MemberID        string
	MemberName      string
	Decision        string // "signed" or "declined"
	SignatoryName   string
	SignatoryTitle  string
	DecidedBy       string // "KS", "KSAU", "delegation", "other"
	DecidedOn       Date
	Paragraph       string // § in the minutes
	MemberReference string // the member's own diarienummer
	Reservation     string
	ContentHash     string
	SignedAt        time.Time
	RegisteredBy    string // user id of the secretariat user who registered it, if one did
	// SignedBy is the user who entered the decision; RegisteredByName names
	// the registering user for display.
	SignedBy         string
	RegisteredByName string
	Round            int // the signing round it belongs to
}

// CanonicalText is a statement's canonical text, the bytes its content
// hash is the SHA-256 of, and what /stallningstaganden/{slug}.txt serves:
// UTF-8, the title, a NUL byte (0x00), the summary, a NUL byte, the body
// (Markdown), each with line endings as LF and no leading or trailing
// white space, and nothing after the body (no final newline). The layout
// is the one signatures have been bound to from the start, so every hash
// ever recorded stays valid.
func CanonicalText(title, summary, body string) []byte {
	norm := func(s string) string {
		return strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"))
	}
	return []byte(norm(title) + "\x00" + norm(summary) + "\x00" + norm(body))
}

// ContentHash returns the SHA-256, in hex, of a statement's canonical text
// (CanonicalText).
func ContentHash(title, summary, body string) string {
	sum := sha256.Sum256(CanonicalText(title, summary, body))
	return hex.EncodeToString(sum[:])
}

// StatementFilter narrows a statement listing.
type StatementFilter struct {
	Status StatementStatus
	// Statuses, when set, matches any of them (Status is then ignored).
	Statuses []StatementStatus
	Page     Page
}

// StatementStore keeps statements with their revisions, signatures and
// comments. Create returns ECONFLICT for a taken slug; lookups return
// ENOTFOUND; UpdateStatement returns ECONFLICT when the stored version is
// no longer s.Version, and then changes nothing.
type StatementStore interface {
	CreateStatement(ctx context.Context, s *Statement) error
	StatementByID(ctx context.Context, id string) (*Statement, error)
	StatementBySlug(ctx context.Context, slug string) (*Statement, error)
	ListStatements(ctx context.Context, f StatementFilter) ([]*Statement, int, error)
	// UpdateStatement stores the changed fields of s (and, when s.Revision
	// moved on, the new revision, noting in TextVersions the version it
	// is saved at), marks it for search and bumps s.Version.
	UpdateStatement(ctx context.Context, s *Statement) error
	RevisionStore
	SignatureStore
	CommentStore
}
