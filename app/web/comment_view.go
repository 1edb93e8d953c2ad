package web

import (
	"fmt"
	"strconv"

	"github.com/samsyn/samsyn/app"
)

// threadView is a comment thread as the statement page shows it: on its
// block, in the list about the whole text, or among the outdated threads
// with the words it was about.
type threadView struct {
	CommentView
	Quote      string
	Resolved   bool
	CanResolve bool // the viewer may resolve or reopen it
	Replies    []CommentView
}

// CommentView is one comment of a thread. A deleted comment has Deleted
// set and, unless the viewer is staff, no Body; History holds the earlier
// bodies, for staff.
type CommentView struct {
	ID, Author, At string
	Body           string
	Edited         string // when its author last changed it
	Deleted        bool
	CanEdit        bool // the viewer wrote it and the text is open to comments
	CanDelete      bool // the viewer wrote it
	History        []string
	P              *statementPage // for the forms
}

func (p *statementPage) fillParagraphs(st *app.Statement, viewer *app.User, threads []*app.CommentThread) {
	paras := renderBlocks(st.Body)
	p.Anchors = []Option{{Value: "0", Label: p.T("comments.whole_text")}}
	for _, para := range paras {
		p.Paragraphs = append(p.Paragraphs, paragraphView{N: para.N, HTML: para.HTML})
		p.Anchors = append(p.Anchors, Option{Value: strconv.Itoa(para.N),
			Label: fmt.Sprintf("%s %d: %s", p.T("comments.paragraph"), para.N, para.Excerpt), Content: true})
	}
	for _, t := range threads {
		v := threadView{CommentView: p.commentView(t.Comment, viewer), Quote: t.Quote, Resolved: t.Resolved,
			CanResolve: app.MayResolve(viewer, st, t.Comment)}
		for _, r := range t.Replies {
			v.Replies = append(v.Replies, p.commentView(r, viewer))
		}
		switch {
		case t.Outdated:
			p.Outdated = append(p.Outdated, v)
		case t.Anchor >= 1 && t.Anchor <= len(p.Paragraphs):
			p.Paragraphs[t.Anchor-1].Threads = append(p.Paragraphs[t.Anchor-1].Threads, v)
		default:
			p.General = append(p.General, v)
		}
	}
}

func (p *statementPage) commentView(c *app.Comment, viewer *app.User) CommentView {
	mine := c.MayChange(viewer)
	v := CommentView{ID: c.ID, Author: c.AuthorName, At: localTime(c.CreatedAt), Body: c.Body,
		Edited: localTime(c.EditedAt), Deleted: c.Deleted, CanEdit: mine && p.CanComment, CanDelete: mine, P: p}
	for _, e := range c.History {
		v.History = append(v.History, e.Body)
	}
	return v
}
