package demo

import (
	"context"
	"embed"
	"fmt"
	"strings"
	"time"

	"github.com/samsyn/samsyn/app"
)

// texts holds the Markdown bodies: stallningstaganden/<slug>.md for
// statements and fragor/<slug>.md for issues.
//
//go:embed texts
var texts embed.FS

func text(dir, slug string) (string, error) {
	b, err := texts.ReadFile("texts/" + dir + "/" + slug + ".md")
	if err != nil {
		return "", fmt.Errorf("demo text %s/%s: %w", dir, slug, err)
	}
	return string(b), nil
}

// signerSpec is one member's decision on a statement: municipality code,
// decision, deciding body, paragraph in the minutes, the serial of the
// member's own diarienummer and any reservation.
type signerSpec struct {
	code, decision, decidedBy, paragraph string
	serial                               int
	reservation                          string
}

// statementSpec describes one demo statement. Days count back from now:
// signing opened signingDaysAgo, then one signature a day.
type statementSpec struct {
	slug             string
	kind             app.StatementKind
	status           app.StatementStatus
	title, summary   string
	topics           []string
	remiss           string // key of the consultation answered, if any
	createdDaysAgo   int
	signingDaysAgo   int // 0: never opened for signing
	signByIn         int // days from today, for a statement still in signing
	publishedDaysAgo int
	withdrawnDaysAgo int
	signers          []signerSpec
}

func (l *loader) loadStatements(ctx context.Context) error {
	for _, spec := range statementSpecs {
		st, err := l.statement(spec)
		if err != nil {
			return err
		}
		if err := l.s.Statements.CreateStatement(ctx, st); err != nil {
			return err
		}
		note := fmt.Sprintf("Ställningstagande i demodata med %d underskrifter.", len(st.Signatures))
		if err := l.audit(ctx, "statement", st.ID, string(st.Status), note); err != nil {
			return err
		}
		if err := l.draftHistory(ctx, st); err != nil {
			return err
		}
		l.statements[st.Slug] = st
		l.res.Statements++
	}
	return nil
}

func (l *loader) statement(spec statementSpec) (*app.Statement, error) {
	body, err := text("stallningstaganden", spec.slug)
	if err != nil {
		return nil, err
	}
	st := &app.Statement{Kind: spec.kind, Title: spec.title, Slug: spec.slug, Summary: spec.summary, Body: body,
		Topics: spec.topics, Status: spec.status, AuthorID: l.author.ID, Version: 1, Round: 1, Revision: 1,
		EditedBy: l.author.ID, EditedByName: l.author.Name, EditedAt: l.daysAgo(spec.createdDaysAgo),
		CreatedAt: l.daysAgo(spec.createdDaysAgo), UpdatedAt: l.daysAgo(1)}
	if c := l.consultations[spec.remiss]; c != nil {
		st.ConsultationID = c.ID
	}
	if spec.signingDaysAgo == 0 {
		return st, nil
	}
	st.ContentHash = app.ContentHash(st.Title, st.Summary, st.Body)
	st.UpdatedAt = l.daysAgo(spec.signingDaysAgo)
	st.SignBy = l.day(spec.signByIn)
	for i, g := range spec.signers {
		st.Signatures = append(st.Signatures, l.signature(g, st.ContentHash, l.daysAgo(spec.signingDaysAgo-1-i)))
	}
	if spec.publishedDaysAgo > 0 {
		st.PublishedAt = l.daysAgo(spec.publishedDaysAgo)
		st.SignBy = app.DateOf(st.PublishedAt.AddDate(0, 0, -1))
		st.UpdatedAt = st.PublishedAt
	}
	if spec.withdrawnDaysAgo > 0 {
		st.WithdrawnAt = l.daysAgo(spec.withdrawnDaysAgo)
		st.UpdatedAt = st.WithdrawnAt
	}
	return st, nil
}

// signature is a member's decision on the text with hash, registered by
// the secretariat from the member's minutes.
func (l *loader) signature(g signerSpec, hash string, at time.Time) app.Signature {
	m, kso := l.members[g.code], l.signatories[g.code]
	decided := app.DateOf(at.AddDate(0, 0, -2))
	return app.Signature{MemberID: m.ID, MemberName: m.Name, Decision: g.decision,
		SignatoryName: kso.Name, SignatoryTitle: kso.Title, DecidedBy: g.decidedBy, DecidedOn: decided,
		Paragraph: g.paragraph, MemberReference: fmt.Sprintf("KS %d/%d", decided.Year(), g.serial),
		Reservation: g.reservation, ContentHash: hash, SignedAt: at, RegisteredBy: l.registrar.ID}
}

// draftHistory gives a demo draft a second revision by the registrar and
// a short comment thread, so that revisions, diffs and comments have
// something to show.
func (l *loader) draftHistory(ctx context.Context, st *app.Statement) error {
	if st.Status != app.StatementDraft {
		return nil
	}
	st.Summary = strings.Replace(st.Summary, "Nätverket", "Nätverkets medlemskommuner", 1)
	st.Body += "\n\nTexten stäms av med medlemmarna innan den öppnas för underskrift.\n"
	st.Revision, st.EditedBy, st.EditedByName, st.EditedAt = 2, l.registrar.ID, l.registrar.Name, l.daysAgo(2)
	st.UpdatedAt = st.EditedAt
	if err := l.s.Statements.UpdateStatement(ctx, st); err != nil {
		return err
	}
	blocks := app.Blocks(st.Body) // at least the one just added
	on := blocks[min(1, len(blocks)-1)]
	c := &app.Comment{StatementID: st.ID, Version: st.Revision, Block: on.N, Quote: app.QuoteOf(on), Whole: true,
		AuthorID: l.author.ID, AuthorName: l.author.Name,
		Body: "Kan vi ge ett konkret exempel från en medlemskommun här?", CreatedAt: l.daysAgo(2)}
	if err := l.s.Statements.CreateComment(ctx, c); err != nil {
		return err
	}
	reply := &app.Comment{StatementID: st.ID, ParentID: c.ID, Version: c.Version, Block: c.Block, Quote: c.Quote,
		Whole: c.Whole, AuthorID: l.registrar.ID,
		AuthorName: l.registrar.Name, Body: "Jag frågar Skellefteå om siffrorna från batterietableringen.", CreatedAt: l.daysAgo(1)}
	return l.s.Statements.CreateComment(ctx, reply)
}
