package app

import (
	"context"
	"strings"
	"time"
)

// Comment is a remark on a statement, optionally anchored to one paragraph
// of its text (Anchor, from 1; 0 for the whole text). A reply names its
// thread's first comment as ParentID; a thread is resolved as a whole.
type Comment struct {
	ID          string
	StatementID string
	ParentID    string
	Anchor      int
	AuthorID    string
	AuthorName  string
	Body        string
	Resolved    bool
	ResolvedBy  string
	ResolvedAt  time.Time
	CreatedAt   time.Time
}

// MaxCommentLen bounds a comment.
const MaxCommentLen = 5000

// CommentStore keeps comments. CommentByID returns ENOTFOUND; comments of
// a statement are listed oldest first.
type CommentStore interface {
	CreateComment(ctx context.Context, c *Comment) error
	CommentByID(ctx context.Context, id string) (*Comment, error)
	ListComments(ctx context.Context, statementID string) ([]*Comment, error)
	// ResolveComment marks the thread id resolved; ENOTFOUND when it is
	// not a thread of statementID.
	ResolveComment(ctx context.Context, statementID, id, by string, at time.Time) error
}

// CommentInput is what it takes to write a comment.
type CommentInput struct {
	Body     string
	Anchor   int
	ParentID string
}

// validate checks a comment against the statement's paragraphs.
func (in *CommentInput) validate(paragraphs int) error {
	in.Body = strings.TrimSpace(in.Body)
	p := Problems{}
	switch {
	case in.Body == "":
		p.Add("body", "error.comment.body_required")
	case len([]rune(in.Body)) > MaxCommentLen:
		p.Add("body", "error.comment.body_too_long")
	}
	if in.Anchor < 0 || in.Anchor > paragraphs {
		p.Add("anchor", "error.comment.no_such_paragraph")
	}
	return p.Err()
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
