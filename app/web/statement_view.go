package web

import (
	"errors"
	"html/template"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// statementPage is the member view of one statement: the text split into
// paragraphs with their comment threads beside them, the editor while it
// is a draft, and the secretariat's actions.
type statementPage struct {
	Layout
	// Answers are other bodies' remissvar to the consultation the draft
	// answers, beside the editor (external_responses.go).
	Answers            *answersView
	Follow             followForm
	St                 *app.Statement
	KindKey, StatusKey string
	Paragraphs         []paragraphView
	General            []threadView // on the whole text
	Outdated           []threadView // whose words are gone from the text
	EditForm           stmtForm     // a comment being edited, when its edit was refused
	EditingID          string
	Editor             stmtForm
	CommentForm        stmtForm
	ActionForm         stmtForm
	Anchors            []Option
	CanEdit, IsStaff   bool
	CanComment         bool
	CanPublish         bool
	Conflict           *conflictView
	Rejected           *rejectedText
	Suggestions        suggestionsPart
	Presence           template.HTML // who else has the draft open
	Today              string
	Updated, Edited    string
	PublishedAt        string
}

type paragraphView struct {
	N       int
	HTML    template.HTML
	Threads []threadView
}

// conflictView shows the blocks that the visitor and others both changed
// since the version the editor was opened at (From); To is the version now.
type conflictView struct {
	Message  string
	From, To int
	Blocks   []conflictBlock
	IDs      []string
	List     string // IDs, space-separated, for the form
}

// conflictBlock is one block both changed, and the three texts of it.
type conflictBlock struct {
	ID, Label                 string
	Base, Theirs, Yours, Both string
	Changes                   template.HTML // what others changed, as a word diff of Base and Theirs
}

// rejectedText is what the visitor typed when the text could not be saved
// because it was frozen meanwhile: shown read-only, to copy.
type rejectedText struct {
	Message                      string
	Title, Summary, Body, Topics string
}

// statementView builds the page for st; the editor holds st's text.
func (s *Server) statementView(c *fiber.Ctx, st *app.Statement) (*statementPage, error) {
	u := currentUser(c)
	p := &statementPage{Layout: s.layout(c, "statements.title"), St: st, KindKey: "kind." + string(st.Kind),
		StatusKey: "statements.status_" + string(st.Status), IsStaff: u.IsStaff(),
		CanEdit: st.Status == app.StatementDraft, Today: app.DateOf(s.deps.Clock.Now()).String(),
		Updated: localTime(st.UpdatedAt), Edited: localTime(st.EditedAt), PublishedAt: localTime(st.PublishedAt)}
	p.Title = st.Title
	p.CanComment = st.Status == app.StatementDraft || st.Status == app.StatementSigning
	p.CanPublish = p.IsStaff && (st.Status == app.StatementSigning ||
		(st.Status == app.StatementDraft && st.Kind == app.KindPositionPaper))
	p.Editor, p.CommentForm, p.ActionForm = s.newStmtForm(p.Layout), s.newStmtForm(p.Layout), s.newStmtForm(p.Layout)
	p.EditForm = s.newStmtForm(p.Layout)
	p.CommentForm.SetID("body", "f-comment")
	p.ActionForm.Values["sign_by"] = app.DateOf(s.deps.Clock.Now()).AddDays(14).String()
	p.Editor.Values = map[string]string{"title": st.Title, "summary": st.Summary, "body": st.Body,
		"topics": strings.Join(st.Topics, ", "), "version": strconv.Itoa(st.Version), "revision": strconv.Itoa(st.Revision)}
	comments, err := s.deps.Statements.CommentsOn(c.UserContext(), u, st)
	if err != nil {
		return nil, err
	}
	following, err := s.deps.Notifications.Following(c.UserContext(), u, st)
	if err != nil {
		return nil, err
	}
	p.Follow = followOf(p.Layout, app.Subject{Type: "statement", ID: st.ID}, statementURL(st.ID), following)
	p.fillParagraphs(st, u, app.Threads(comments))
	if err := s.withSuggestions(c, p, st); err != nil {
		return nil, err
	}
	if p.CanEdit {
		others, err := s.deps.Statements.HereNow(c.UserContext(), u, st.ID)
		if err != nil {
			return nil, err
		}
		p.Presence = s.presenceHTML(c, others)
	}
	if p.CanEdit && st.ConsultationID != "" {
		if p.Answers, err = s.answersOf(c.UserContext(), p.Layout, answersFilter(c), st.ConsultationID, statementURL(st.ID), true); err != nil {
			return nil, err
		}
	}
	return p, nil
}

func (s *Server) statementPage(c *fiber.Ctx) error {
	st, err := s.deps.Statements.Get(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	if err := s.deps.Notifications.Seen(c.UserContext(), currentUser(c), app.Subject{Type: "statement", ID: st.ID}); err != nil {
		return err
	}
	p, err := s.statementView(c, st)
	if err != nil {
		return err
	}
	return s.render(c, fiber.StatusOK, "statement", p)
}

// statementSaveForm saves the editor, merging what others saved since the
// version it started from. A save that cannot be stored re-renders the page
// with the reason at the top and every character the visitor typed: in the
// editor while the text is a draft, read-only above it once it is frozen.
// Blocks that both changed come back side by side, each with a choice; the
// next save sends the choices and the version they were made against.
func (s *Server) statementSaveForm(c *fiber.Ctx) error {
	ctx := c.UserContext()
	in := editFromForm(c)
	saved, err := s.deps.Statements.Save(ctx, currentUser(c), c.Params("id"), in)
	if err == nil {
		flash := "statements.saved"
		switch {
		case saved.Unchanged:
			flash = "statements.unchanged"
		case saved.Merged:
			flash = "statements.saved_merged"
		}
		return s.redirectWithFlash(c, statementURL(saved.Statement.ID), flash)
	}
	st, rerr := s.deps.Statements.Get(ctx, c.Params("id"))
	if rerr != nil {
		return rerr
	}
	p, perr := s.statementView(c, st)
	if perr != nil {
		return perr
	}
	values := formValues(c, "title", "summary", "body", "topics", "version", "revision")
	var ec *app.EditConflict
	switch {
	case errors.As(err, &ec):
		p.Conflict = s.conflictView(c, ec, in)
		values["against"] = strconv.Itoa(ec.Current.Version)
	case st.Status != app.StatementDraft:
		p.Rejected = &rejectedText{Message: s.errorMessage(c, err), Title: in.Title, Summary: in.Summary,
			Body: in.Body, Topics: c.FormValue("topics")}
	}
	return s.rerender(c, err, "statement", p, p.Editor.Form, values)
}

// editFromForm reads the editor: the text, the version it started from,
// and the choices made for conflicting blocks (choice.<block> is mine,
// theirs or both; text.<block> the edited text for both).
func editFromForm(c *fiber.Ctx) app.StatementEdit {
	version, _ := strconv.Atoi(c.FormValue("version"))
	against, _ := strconv.Atoi(c.FormValue("against"))
	in := app.StatementEdit{Version: version, Against: against, Title: c.FormValue("title"), Summary: c.FormValue("summary"),
		Body: c.FormValue("body"), Topics: app.SplitStatementTopics(c.FormValue("topics"))}
	for _, block := range strings.Fields(c.FormValue("conflicts")) {
		switch c.FormValue("choice." + block) {
		case "mine":
			in.Resolved = withChoice(in.Resolved, block, c.FormValue("yours."+block))
		case "theirs":
			in.Resolved = withChoice(in.Resolved, block, c.FormValue("theirs."+block))
		case "both":
			in.Resolved = withChoice(in.Resolved, block, c.FormValue("text."+block))
		}
	}
	return in
}

func withChoice(m map[string]string, block, text string) map[string]string {
	if m == nil {
		m = map[string]string{}
	}
	m[block] = strings.ReplaceAll(text, "\r\n", "\n")
	return m
}

// conflictView lists the blocks both sides changed, each with what others
// changed (a word diff from the common version) and a choice.
func (s *Server) conflictView(c *fiber.Ctx, ec *app.EditConflict, in app.StatementEdit) *conflictView {
	v := &conflictView{Message: s.errorMessage(c, ec), From: in.Version, To: ec.Current.Version}
	labels := s.diffLabels(c)
	for _, k := range ec.Conflicts {
		b := conflictBlock{ID: k.Block, Label: s.blockLabel(c, k.Block), Base: k.Base, Theirs: k.Theirs, Yours: k.Yours,
			Both: strings.TrimSpace(k.Yours + "\n\n" + k.Theirs), Changes: diffHTML(app.WordDiff(k.Base, k.Theirs), labels)}
		v.Blocks = append(v.Blocks, b)
		v.IDs = append(v.IDs, k.Block)
	}
	v.List = strings.Join(v.IDs, " ")
	return v
}

// blockLabel names a block for people: the title, the summary, the
// topics, or "Stycke 3".
func (s *Server) blockLabel(c *fiber.Ctx, block string) string {
	m := s.views.messages[currentLang(c)]
	switch block {
	case "title", "summary", "topics":
		return m["stmtfield."+block]
	}
	return m["statements.block"] + " " + block
}

func (s *Server) diffLabels(c *fiber.Ctx) diffWords {
	m := s.views.messages[currentLang(c)]
	return diffWords{Inserted: m["diff.inserted"], Deleted: m["diff.deleted"], End: m["diff.end"]}
}
