package app

import (
	"context"
	"time"
)

// ConsultationStatus is where a consultation (remiss) stands. "missed" is
// never stored: it is derived when the deadline passes without submission.
type ConsultationStatus string

// The stored statuses, in their usual order, and the derived one.
const (
	ConsultationIncoming  ConsultationStatus = "incoming"
	ConsultationAssessing ConsultationStatus = "assessing"
	ConsultationDrafting  ConsultationStatus = "drafting"
	ConsultationSigning   ConsultationStatus = "signing"
	ConsultationSubmitted ConsultationStatus = "submitted"
	ConsultationDeclined  ConsultationStatus = "declined"
	ConsultationMissed    ConsultationStatus = "missed"
)

// Date is a calendar date in Europe/Stockholm, held as midnight UTC of that
// day so that it compares and stores without a zone shift.
type Date struct{ time.Time }

// NewDate returns the date y-m-d.
func NewDate(y int, m time.Month, d int) Date { return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)} }

// DateOf returns the Stockholm calendar date of an instant.
func DateOf(t time.Time) Date {
	y, m, d := t.In(Stockholm).Date()
	return NewDate(y, m, d)
}

// ParseDate reads YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, err
	}
	return Date{t}, nil
}

// String formats the date as YYYY-MM-DD, "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}

// Consultation is a government consultation (remiss) the network may answer
// before its deadline (sista svarsdag).
type Consultation struct {
	ID            string
	Title         string
	Reference     string // diarienummer as written, e.g. "Fi2024/01234"
	ReferenceKey  string // normalised for uniqueness
	ReportNumber  string // the report sent out, as written, e.g. "SOU 2026:14" or "Ds 2026:15"
	ReportKey     string // ReportNumber normalised (see NormalizeReference), for lookups
	Issuer        string // ministry or agency
	SourceURL     string
	ReceivedOn    Date
	Deadline      Date
	Status        ConsultationStatus
	DeclineReason string
	Documents     []Link
	IssueIDs      []string
	StatementID   string
	DraftDue      Date
	SignaturesDue Date
	Topics        []string
	ResponsibleID string // the secretariat user who answers for the case
	AnswerURL     string // the answer, when it was given outside Samsyn
	Version       int
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Link is a titled URL.
type Link struct {
	Title string
	URL   string
}

// ConsultationFilter narrows a consultation listing. Status may be the
// derived "missed", and a stored open status then leaves out the missed
// ones: both need Today. Reference matches the normalised diarienummer or
// report number. Zero fields do not narrow.
type ConsultationFilter struct {
	Status       string
	Issuer       string // case-insensitive substring
	Topic        string
	Reference    string // a key from NormalizeReference
	DeadlineFrom Date
	DeadlineTo   Date
	Today        Date
	Page         Page
}

// ConsultationStore keeps consultations. Create returns ECONFLICT for a
// reference already registered; lookups return ENOTFOUND.
type ConsultationStore interface {
	CreateConsultation(ctx context.Context, c *Consultation) error
	ConsultationByID(ctx context.Context, id string) (*Consultation, error)
	// ConsultationByReference finds the case with a normalised reference
	// key (see NormalizeReference).
	ConsultationByReference(ctx context.Context, key string) (*Consultation, error)
	ConsultationBySourceURL(ctx context.Context, url string) (*Consultation, error)
	ListConsultations(ctx context.Context, f ConsultationFilter) ([]*Consultation, int, error)
	// UpdateConsultation stores c if the stored version is still c.Version
	// (else ECONFLICT, nothing changed) and bumps c.Version.
	UpdateConsultation(ctx context.Context, c *Consultation) error
	// The members' board meeting dates are kept with the consultations:
	// they exist to plan who can decide on a response in time.
	MeetingStore
}
