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
	Signatures     []Signature
	PublishedAt    time.Time
	WithdrawnAt    time.Time
	AuthorID       string
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
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
	RegisteredBy    string // user id of whoever registered it
}

// ContentHash returns the SHA-256 of a statement's canonical text: title,
// summary and body with line endings normalised, separated by NUL bytes.
func ContentHash(title, summary, body string) string {
	norm := func(s string) string {
		return strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"))
	}
	sum := sha256.Sum256([]byte(norm(title) + "\x00" + norm(summary) + "\x00" + norm(body)))
	return hex.EncodeToString(sum[:])
}

// StatementFilter narrows a statement listing.
type StatementFilter struct {
	Status StatementStatus
	Page   Page
}

// StatementStore keeps statements. Create returns ECONFLICT for a taken
// slug; lookups return ENOTFOUND.
type StatementStore interface {
	CreateStatement(ctx context.Context, s *Statement) error
	StatementByID(ctx context.Context, id string) (*Statement, error)
	StatementBySlug(ctx context.Context, slug string) (*Statement, error)
	ListStatements(ctx context.Context, f StatementFilter) ([]*Statement, int, error)
}
