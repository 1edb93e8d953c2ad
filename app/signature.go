package app

import (
	"context"
	"strings"
)

// The decisions a member may make on a statement.
const (
	DecisionSigned   = "signed"
	DecisionDeclined = "declined"
)

// DecidingBodies are the bodies whose decision gives a signatory the
// mandate: the municipal board (KS), its executive committee (KSAU), a
// delegation decision, or another body.
var DecidingBodies = []string{"KS", "KSAU", "delegation", "other"}

// SignatureStore keeps signatures, one per member and signing round —
// enforced by a unique index, so parallel requests cannot both succeed.
type SignatureStore interface {
	// AddSignature stores g in round of the statement. It returns
	// ECONFLICT when the member has already decided in that round, or when
	// the statement is no longer in signing in that round (then nothing is
	// kept). It marks the statement for search and bumps its version.
	AddSignature(ctx context.Context, statementID string, round int, g *Signature) error
	// ListSignatures lists the decisions of round in the order made;
	// round 0 lists every round, voided ones included.
	ListSignatures(ctx context.Context, statementID string, round int) ([]Signature, error)
}

// SignatureInput is a decision as entered by a signatory or registered by
// the secretariat.
type SignatureInput struct {
	MemberID        string
	Decision        string
	ContentHash     string
	SignatoryName   string
	SignatoryTitle  string
	DecidedBy       string
	DecidedOn       Date
	Paragraph       string
	MemberReference string
	Reservation     string
}

func (in *SignatureInput) trim() {
	for _, p := range []*string{&in.MemberID, &in.Decision, &in.ContentHash, &in.SignatoryName,
		&in.SignatoryTitle, &in.DecidedBy, &in.Paragraph, &in.MemberReference, &in.Reservation} {
		*p = strings.TrimSpace(*p)
	}
}

// validate checks the fields of a decision made by today.
func (in *SignatureInput) validate(today Date) error {
	in.trim()
	p := Problems{}
	if in.Decision != DecisionSigned && in.Decision != DecisionDeclined {
		p.Add("decision", "error.signature.decision")
	}
	if in.ContentHash == "" {
		p.Add("content_hash", "error.signature.content_hash_required")
	}
	checkSigText(p, "signatory_name", in.SignatoryName, 120, true)
	checkSigText(p, "signatory_title", in.SignatoryTitle, 120, true)
	if !sigOneOf(in.DecidedBy, DecidingBodies) {
		p.Add("decided_by", "error.signature.decided_by")
	}
	switch {
	case in.DecidedOn.IsZero():
		p.Add("decided_on", "error.signature.decided_on_required")
	case in.DecidedOn.Time.After(today.Time):
		p.Add("decided_on", "error.signature.decided_on_future")
	}
	checkSigText(p, "paragraph", in.Paragraph, 40, false)
	checkSigText(p, "member_reference", in.MemberReference, 60, false)
	checkSigText(p, "reservation", in.Reservation, 2000, false)
	return p.Err()
}

func checkSigText(p Problems, field, v string, max int, required bool) {
	switch {
	case required && v == "":
		p.Add(field, "error.field.required")
	case len([]rune(v)) > max:
		p.Add(field, "error.field.too_long")
	}
}

func sigOneOf(v string, set []string) bool {
	for _, s := range set {
		if v == s {
			return true
		}
	}
	return false
}
