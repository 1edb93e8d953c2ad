package app

import (
	"context"
	"strings"
	"time"
)

// Comment is a remark on a statement. It is anchored to text, not to a
// number: it records the revision it was made on (Version), its block in
// that revision (Block, from 1; 0 for the whole text) and the words it is
// about (Quote: a phrase the writer selected, or the block's text). Where
// it belongs now — Anchor, or Outdated when its words are gone — is worked
// out on reading (Reanchor, comment_anchor.go), so it follows the text
// through every later edit. A reply names its thread's first comment as
// ParentID and shares its thread's place; a thread is resolved as a whole.
//
// An author may edit or delete their own comment; the earlier bodies stay
// in History and a deleted comment keeps its body, both for the
// secretariat only (ForViewer).
type Comment struct {
	ID          string
	StatementID string
	ParentID    string
	Version     int    // the revision the comment was made on; 0: made before comments recorded it
	Block       int    // its block in that revision, from 1; 0 for the whole text
	Quote       string // the words it is about; "" for the whole text
	Whole       bool   // Quote is its whole block (cut for showing if long)
	Anchor      int    // its block now (0: the whole text, or Outdated); set on reading
	Outdated    bool   // its words are no longer in the text; set on reading
	AuthorID    string
	AuthorName  string
	Body        string
	Mentions    []string // ids of the users @mentioned in Body
	Resolved    bool
	ResolvedBy  string
	ResolvedAt  time.Time
	EditedAt    time.Time     // last edit by its author; zero if never edited
	History     []CommentEdit // earlier bodies, oldest first
	Deleted     bool
	DeletedAt   time.Time
	CreatedAt   time.Time
}

// CommentEdit is a body a comment had before its author changed it.
type CommentEdit struct {
	Body string
	At   time.Time // when it was replaced
}

// Limits of a comment.
const (
	MaxCommentLen = 5000
	MaxQuoteLen   = 1000 // a longer whole-block quote is cut for showing; anchoring uses the revision
)

// CommentStore keeps comments. CommentByID returns ENOTFOUND; comments of
// a statement are listed oldest first. The writes return ENOTFOUND when
// id is not a comment of statementID (a thread, for SetThreadResolved)
// and ECONFLICT when it no longer is as the caller read it.
type CommentStore interface {
	CreateComment(ctx context.Context, c *Comment) error
	CommentByID(ctx context.Context, id string) (*Comment, error)
	ListComments(ctx context.Context, statementID string) ([]*Comment, error)
	// SetThreadResolved resolves thread id (resolved) or opens it again;
	// ECONFLICT when it already is so.
	SetThreadResolved(ctx context.Context, statementID, id string, resolved bool, by string, at time.Time) error
	// ReplaceCommentBody replaces the body prev of authorID's comment id by
	// body and keeps prev in its history; ECONFLICT when it is deleted or
	// its body is no longer prev.
	ReplaceCommentBody(ctx context.Context, statementID, id, authorID, prev, body string, at time.Time) error
	// MarkCommentDeleted marks authorID's comment id deleted, keeping its body;
	// ECONFLICT when it already is.
	MarkCommentDeleted(ctx context.Context, statementID, id, authorID string, at time.Time) error
}

// CommentInput is what it takes to write a comment: Anchor is a block of
// revision Version (0: the current one), Quote words of that block (""
// for the whole block).
type CommentInput struct {
	Body     string
	Anchor   int
	Quote    string
	Version  int
	ParentID string
}

// validate checks the shape of a comment's input.
func (in *CommentInput) validate() error {
	in.Body, in.Quote = strings.TrimSpace(in.Body), strings.Join(strings.Fields(in.Quote), " ")
	p := Problems{}
	p.checkBody(in.Body)
	switch {
	case in.Anchor < 0:
		p.Add("anchor", "error.comment.no_such_paragraph")
	case in.Anchor == 0 && in.Quote != "" && in.ParentID == "":
		p.Add("quote", "error.comment.quote_needs_paragraph")
	case len([]rune(in.Quote)) > MaxQuoteLen:
		p.Add("quote", "error.comment.quote_too_long")
	}
	if in.Version < 0 {
		p.Add("version", "error.comment.no_such_version")
	}
	return p.Err()
}

// checkBody checks a comment's (trimmed) body.
func (p Problems) checkBody(body string) {
	switch {
	case body == "":
		p.Add("body", "error.comment.body_required")
	case len([]rune(body)) > MaxCommentLen:
		p.Add("body", "error.comment.body_too_long")
	}
}

// ForViewer returns c as viewer may see it: only the secretariat sees a
// deleted comment's body and the earlier bodies of an edited one.
func (c *Comment) ForViewer(viewer *User) *Comment {
	if viewer != nil && viewer.IsStaff() {
		return c
	}
	out := *c
	out.History = nil
	if out.Deleted {
		out.Body = ""
	}
	return &out
}

// MayResolve reports whether actor may resolve thread c of st, or open it
// again: the thread's author, the draft's responsible person (its
// author) and the secretariat may.
func MayResolve(actor *User, st *Statement, c *Comment) bool {
	return actor != nil && (actor.ID == c.AuthorID || actor.ID == st.AuthorID || actor.IsStaff())
}

// MayChange reports whether actor may edit or delete c: only its author,
// and only while it is not deleted.
func (c *Comment) MayChange(actor *User) bool {
	return actor != nil && actor.ID == c.AuthorID && !c.Deleted
}

// CommentThread is a first comment with its replies.
type CommentThread struct {
	*Comment
	Replies []*Comment
}

// Threads groups comments, oldest first, into threads.
func Threads(comments []*Comment) []*CommentThread {
	var out []*CommentThread
	byID := map[string]*CommentThread{}
	for _, c := range comments {
		if c.ParentID == "" {
			t := &CommentThread{Comment: c}
			byID[c.ID] = t
			out = append(out, t)
		}
	}
	for _, c := range comments {
		if t := byID[c.ParentID]; c.ParentID != "" && t != nil {
			t.Replies = append(t.Replies, c)
		}
	}
	return out
}
