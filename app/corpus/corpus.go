// Package corpus generates realistic Swedish statements for benchmarks:
// titles, summaries and 300–1,500-word Markdown bodies written from a
// vocabulary of industry, energy, the electricity grid, permits, skills
// and logistics, with topics, signing members and dates. Everything is
// deterministic: statement i of a seed is always the same text, whatever
// order statements are asked for in, so runs of different sizes share
// their first documents.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/samsyn/samsyn/app"
)

// Generator writes statements. Members sign them (at least one member is
// needed for signatures); ConsultationIDs, when given, are what
// consultation responses answer. The zero Seed is a valid seed.
type Generator struct {
	Seed            uint64
	Members         []*app.Member
	ConsultationIDs []string
	AuthorID        string
	AuthorName      string
}

// Span of publication dates: years enough for a year facet, all in the past.
var (
	firstDay = time.Date(2019, 1, 7, 9, 0, 0, 0, time.UTC)
	spanDays = 7*365 + 200
)

// rng is the random source of statement i: independent of any other.
func (g *Generator) rng(i int, salt uint64) *rand.Rand {
	return rand.New(rand.NewPCG(g.Seed^0x5a6d73796e, uint64(i)<<8|salt))
}

// Statement returns statement i, published and signed, fully formed for a
// bulk insert (no ID, version 0). Its slug ends in i+1, so slugs are unique.
func (g *Generator) Statement(i int) *app.Statement {
	r := g.rng(i, 1)
	t := newText(r)
	title, summary, body := t.title(), t.summary(), t.body(300+r.IntN(1201))
	kind, consultation := g.kind(r)
	published := firstDay.Add(time.Duration(r.IntN(spanDays*24*60)) * time.Minute)
	created := published.AddDate(0, 0, -(14 + r.IntN(120)))
	st := &app.Statement{Kind: kind, Title: title, Slug: app.Slugify(title) + "-" + strconv.Itoa(i+1),
		Summary: summary, Body: body, Topics: t.topics(), ConsultationID: consultation,
		Status: app.StatementPublished, ContentHash: app.ContentHash(title, summary, body),
		SignBy: app.DateOf(published.AddDate(0, 0, -2)), PublishedAt: published, AuthorID: g.AuthorID,
		Round: 1, Revision: 1 + r.IntN(6), EditedBy: g.AuthorID, EditedByName: g.AuthorName,
		EditedAt: created.AddDate(0, 0, 7), CreatedAt: created, UpdatedAt: published}
	st.Signatures = g.signatures(r, st)
	return st
}

// Draft returns the input of a new draft position paper i (a different
// text from Statement(i)), carrying marker in its title so that a search
// for marker finds it.
func (g *Generator) Draft(i int, marker string) app.StatementInput {
	t := newText(g.rng(i, 2))
	title := t.title()
	if marker != "" {
		title = marker + ": " + title
	}
	return app.StatementInput{Kind: app.KindPositionPaper, Title: title, Summary: t.summary(),
		Body: t.body(300 + t.r.IntN(500)), Topics: t.topics()}
}

// Marker is a made-up word of eleven letters that no generated text
// holds, for Draft: a search for it finds that draft alone.
func Marker(r *rand.Rand) string {
	b := make([]byte, 10)
	for i := range b {
		b[i] = byte('a' + r.IntN(26))
	}
	return "x" + string(b)
}

// Edit returns save n of st: the same text with one paragraph added, as a
// member's edit in the editor.
func (g *Generator) Edit(st *app.Statement, n int) app.StatementEdit {
	t := newText(g.rng(n, 3))
	return app.StatementEdit{Version: st.Version, Title: st.Title, Summary: st.Summary,
		Body: st.Body + "\n\n" + t.paragraph(), Topics: st.Topics}
}

func (g *Generator) kind(r *rand.Rand) (app.StatementKind, string) {
	switch n := r.IntN(10); {
	case n < 3 && len(g.ConsultationIDs) > 0:
		return app.KindConsultationResponse, g.ConsultationIDs[r.IntN(len(g.ConsultationIDs))]
	case n < 6:
		return app.KindJointStatement, ""
	}
	return app.KindPositionPaper, ""
}

// signatures are the decisions of 1–12 distinct members (most sign, a few
// decline), dated in the days before publication.
func (g *Generator) signatures(r *rand.Rand, st *app.Statement) []app.Signature {
	if len(g.Members) == 0 {
		return nil
	}
	n := min(1+r.IntN(12), len(g.Members))
	var out []app.Signature
	for k, idx := range r.Perm(len(g.Members))[:n] {
		m := g.Members[idx]
		decision := app.DecisionSigned
		if k > 0 && r.IntN(12) == 0 {
			decision = app.DecisionDeclined
		}
		on := st.PublishedAt.AddDate(0, 0, -(1 + r.IntN(10)))
		out = append(out, app.Signature{MemberID: m.ID, MemberName: m.Name, Decision: decision,
			SignatoryName: pick(r, firstNames) + " " + pick(r, lastNames), SignatoryTitle: "Kommunstyrelsens ordförande",
			DecidedBy: pick(r, []string{"KS", "KSAU", "delegation"}), DecidedOn: app.DateOf(on),
			Paragraph: fmt.Sprintf("§ %d", 1+r.IntN(250)), MemberReference: fmt.Sprintf("KS %d/%04d", on.Year(), 1+r.IntN(2000)),
			ContentHash: st.ContentHash, SignedAt: on.Add(time.Duration(r.IntN(480)) * time.Minute), Round: 1})
	}
	return out
}

func pick(r *rand.Rand, words []string) string { return words[r.IntN(len(words))] }
