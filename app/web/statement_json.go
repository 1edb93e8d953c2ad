package web

import (
	"time"

	"github.com/samsyn/samsyn/app"
)

// statementOut is the JSON shape of a statement (DESIGN.md).
type statementOut struct {
	ID             string         `json:"id"`
	Kind           string         `json:"kind"`
	Title          string         `json:"title"`
	Slug           string         `json:"slug"`
	Summary        string         `json:"summary"`
	Body           string         `json:"body"`
	Topics         []string       `json:"topics"`
	ConsultationID *string        `json:"consultation_id"`
	Status         string         `json:"status"`
	Version        int            `json:"version"`
	Revision       int            `json:"revision"`
	Round          int            `json:"round"`
	Quorum         int            `json:"quorum"`
	Reference      string         `json:"reference"` // the network's diarienummer ("Vår referens"); "" until registered
	ContentHash    *string        `json:"content_hash"`
	SignBy         *string        `json:"sign_by"`
	Signatures     []signatureOut `json:"signatures"`
	PublishedAt    *time.Time     `json:"published_at"`
	WithdrawnAt    *time.Time     `json:"withdrawn_at"`
	CreatedAt      time.Time      `json:"created_at"`
	UpdatedAt      time.Time      `json:"updated_at"`
}

// signatureOut is the JSON shape of a signature (DESIGN.md).
type signatureOut struct {
	MemberID        string    `json:"member_id"`
	MemberName      string    `json:"member_name"`
	Decision        string    `json:"decision"`
	SignatoryName   string    `json:"signatory_name"`
	SignatoryTitle  string    `json:"signatory_title"`
	DecidedBy       string    `json:"decided_by"`
	DecidedOn       string    `json:"decided_on"`
	Paragraph       string    `json:"paragraph"`
	MemberReference string    `json:"member_reference"`
	Reservation     string    `json:"reservation"`
	ContentHash     string    `json:"content_hash"`
	SignedAt        time.Time `json:"signed_at"`
	RegisteredBy    *string   `json:"registered_by"`
	Round           int       `json:"round"`
}

func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func optTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func statementJSON(st *app.Statement) statementOut {
	out := statementOut{ID: st.ID, Kind: string(st.Kind), Title: st.Title, Slug: st.Slug, Summary: st.Summary,
		Body: st.Body, Topics: st.Topics, ConsultationID: optString(st.ConsultationID), Status: string(st.Status),
		Version: st.Version, Revision: st.Revision, Round: st.Round, Quorum: st.Quorum, Reference: st.Reference, ContentHash: optString(st.ContentHash),
		SignBy: optString(st.SignBy.String()), Signatures: []signatureOut{}, PublishedAt: optTime(st.PublishedAt),
		WithdrawnAt: optTime(st.WithdrawnAt), CreatedAt: st.CreatedAt, UpdatedAt: st.UpdatedAt}
	if out.Topics == nil {
		out.Topics = []string{}
	}
	for _, g := range st.Signatures {
		out.Signatures = append(out.Signatures, signatureJSON(g))
	}
	return out
}

// publicStatementJSON is what anonymous callers see: a published text with
// the members' decisions on it, or only the note that it was withdrawn. A
// decision to decline is a public act of a municipality once the text is
// published, so it is shown as the public page and /deltagande show it;
// who registered a decision is not.
func publicStatementJSON(st *app.Statement) statementOut {
	out := statementJSON(st)
	out.Version, out.Revision, out.Round, out.Quorum, out.Signatures = 0, 0, 0, 0, []signatureOut{}
	if st.Status == app.StatementWithdrawn {
		out.Summary, out.Body, out.Topics, out.ContentHash, out.SignBy = "", "", []string{}, nil, nil
		return out
	}
	for _, g := range st.Signatures {
		if g.Decision == app.DecisionSigned || g.Decision == app.DecisionDeclined {
			o := signatureJSON(g)
			o.RegisteredBy = nil
			out.Signatures = append(out.Signatures, o)
		}
	}
	return out
}

func signatureJSON(g app.Signature) signatureOut {
	return signatureOut{MemberID: g.MemberID, MemberName: g.MemberName, Decision: g.Decision,
		SignatoryName: g.SignatoryName, SignatoryTitle: g.SignatoryTitle, DecidedBy: g.DecidedBy,
		DecidedOn: g.DecidedOn.String(), Paragraph: g.Paragraph, MemberReference: g.MemberReference,
		Reservation: g.Reservation, ContentHash: g.ContentHash, SignedAt: g.SignedAt,
		RegisteredBy: optString(g.RegisteredBy), Round: g.Round}
}

type revisionOut struct {
	Number     int       `json:"number"`
	Title      string    `json:"title"`
	Summary    string    `json:"summary"`
	Body       string    `json:"body"`
	AuthorID   string    `json:"author_id"`
	AuthorName string    `json:"author_name"`
	At         time.Time `json:"at"`
}

func revisionJSON(r *app.Revision) revisionOut {
	return revisionOut{Number: r.Number, Title: r.Title, Summary: r.Summary, Body: r.Body,
		AuthorID: r.AuthorID, AuthorName: r.AuthorName, At: r.At}
}

type diffChunkOut struct {
	Op   string `json:"op"`
	Text string `json:"text"`
}

type diffOut struct {
	From    int            `json:"from"`
	To      int            `json:"to"`
	Changed bool           `json:"changed"`
	Title   []diffChunkOut `json:"title"`
	Summary []diffChunkOut `json:"summary"`
	Body    []diffChunkOut `json:"body"`
}

func chunksJSON(cs []app.DiffChunk) []diffChunkOut {
	out := make([]diffChunkOut, len(cs))
	for i, c := range cs {
		out[i] = diffChunkOut{Op: string(c.Op), Text: c.Text}
	}
	return out
}

func diffJSON(d app.RevisionDiff) diffOut {
	return diffOut{From: d.From.Number, To: d.To.Number, Changed: d.Changed(), Title: chunksJSON(d.Title),
		Summary: chunksJSON(d.Summary), Body: chunksJSON(d.Body)}
}

type auditOut struct {
	ID        string    `json:"id"`
	At        time.Time `json:"at"`
	ActorID   string    `json:"actor_id"`
	ActorName string    `json:"actor_name"`
	Action    string    `json:"action"`
	EntityID  string    `json:"entity_id"`
	Before    string    `json:"before"`
	After     string    `json:"after"`
	Note      string    `json:"note"`
}

func auditJSON(e *app.AuditEvent) auditOut {
	return auditOut{ID: e.ID, At: e.At, ActorID: e.ActorID, ActorName: e.ActorName, Action: e.Action,
		EntityID: e.EntityID, Before: e.Before, After: e.After, Note: e.Note}
}
