package app

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// Suggestion is a proposed replacement of one block of a draft (track
// changes): instead of editing, a member suggests; the draft's responsible
// person or the secretariat accepts it (a new revision, attributed to the
// suggester) or rejects it with a reason. A suggestion whose block has
// changed since it was made is outdated and is never applied.
type Suggestion struct {
	ID          string
	StatementID string
	Block       string // "title", "summary" or the body block's number in the base version
	Text        string // the proposed block
	BaseVersion int
	BaseText    string // the block as the suggester saw it
	AuthorID    string
	AuthorName  string
	State       string // SuggestionOpen, …; SuggestionOutdated is derived on read (SuggestionsOf)
	Reason      string // why it was rejected
	DecidedBy   string
	DecidedAt   time.Time
	CreatedAt   time.Time
}

// Suggestion states.
const (
	SuggestionOpen     = "open"
	SuggestionAccepted = "accepted"
	SuggestionRejected = "rejected"
	SuggestionOutdated = "outdated"
)

// MaxSuggestionLen bounds a suggested block; MaxReasonLen a reason.
const (
	MaxSuggestionLen = 20000
	MaxReasonLen     = 2000
)

// SuggestionStore keeps suggestions. Decide moves an open suggestion to
// state; one already decided is ECONFLICT. Lookups return ENOTFOUND.
type SuggestionStore interface {
	CreateSuggestion(ctx context.Context, s *Suggestion) error
	SuggestionByID(ctx context.Context, id string) (*Suggestion, error)
	ListSuggestions(ctx context.Context, statementID string) ([]*Suggestion, error)
	DecideSuggestion(ctx context.Context, id, state, by, reason string, at time.Time) error
}

// SuggestionInput is what it takes to suggest.
type SuggestionInput struct {
	Block       string
	Text        string
	BaseVersion int
}

// blockOf returns block b of t ("title", "summary" or a body block number)
// and whether it exists.
func blockOf(t Text, b string) (string, bool) {
	switch b {
	case "title":
		return t.Title, true
	case "summary":
		return t.Summary, true
	}
	n, err := strconv.Atoi(b)
	blocks := Blocks(t.Body)
	if err != nil || n < 1 || n > len(blocks) {
		return "", false
	}
	return blocks[n-1].Source, true
}

// withBlock returns t with the block whose text is old replaced by text;
// ok is false when t no longer has such a block.
func withBlock(t Text, b, old, text string) (Text, bool) {
	switch b {
	case "title":
		t.Title = text
		return t, t.Title != "" && old != ""
	case "summary":
		t.Summary = text
		return t, true
	}
	lead, blocks := SplitBlocks(t.Body)
	for i := range blocks {
		if blocks[i].Source == old {
			blocks[i].Source = strings.TrimSpace(text)
			t.Body = JoinBlocks(lead, blocks)
			return t, true
		}
	}
	return t, false
}

// Outdated reports whether the block sg replaces has changed in st since
// sg was made: its text is no longer where it was (title, summary) or no
// longer in the body at all.
func (sg *Suggestion) Outdated(st *Statement) bool { return sg.outdated(st, blockSet(st.Body)) }

// outdated is Outdated with the body's blocks given, so that judging a
// list of suggestions parses the body once.
func (sg *Suggestion) outdated(st *Statement, body map[string]bool) bool {
	switch sg.Block {
	case "title":
		return st.Title != sg.BaseText
	case "summary":
		return st.Summary != sg.BaseText
	}
	return !body[sg.BaseText]
}

// blockSet is the set of the blocks of a Markdown body.
func blockSet(body string) map[string]bool {
	out := map[string]bool{}
	for _, b := range Blocks(body) {
		out[b.Source] = true
	}
	return out
}
