package app

import "strings"

// StatementInput is what it takes to start a statement.
type StatementInput struct {
	Kind           StatementKind
	Title          string
	Summary        string
	Body           string
	Topics         []string
	ConsultationID string
}

// StatementEdit is one save of the text, based on Version.
type StatementEdit struct {
	Version int
	// Against and Resolved carry a person's choices for the blocks of an
	// EditConflict met at version Against: by BlockConflict.Block, the text
	// that takes the block's place. They count only while the statement
	// is still at Against; else the conflict is shown again.
	Against  int
	Resolved map[string]string
	Title    string
	Summary  string
	Body     string
	Topics   []string
}

// Limits on a statement's fields.
const (
	MaxStatementTitleLen   = 200
	MaxStatementSummaryLen = 2000
	MaxStatementTopics     = 10
	MaxStatementTopicLen   = 40
)

// checkStatementText validates title, summary, body and topics, trimming them.
func checkStatementText(p Problems, title, summary, body *string, topics []string) []string {
	*title, *summary = strings.TrimSpace(*title), strings.TrimSpace(*summary)
	*body = strings.ReplaceAll(*body, "\r\n", "\n")
	checkSigText(p, "title", *title, MaxStatementTitleLen, true)
	if *title != "" && Slugify(*title) == "" {
		p.Add("title", "error.field.title_letters")
	}
	checkSigText(p, "summary", *summary, MaxStatementSummaryLen, false)
	if len(*body) > MaxMarkdownLen {
		p.Add("body", "error.field.too_long")
	}
	return cleanStatementTopics(p, topics)
}

// cleanStatementTopics trims topics, drops empty and repeated ones and checks the
// limits.
func cleanStatementTopics(p Problems, topics []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range topics {
		t = strings.ToLower(strings.TrimSpace(t))
		if t == "" || seen[t] {
			continue
		}
		seen[t] = true
		if len([]rune(t)) > MaxStatementTopicLen {
			p.Add("topics", "error.statement.topic_too_long")
		}
		out = append(out, t)
	}
	if len(out) > MaxStatementTopics {
		p.Add("topics", "error.statement.too_many_topics")
	}
	return out
}

// SplitStatementTopics reads a comma-separated list of topics, as a form sends it.
func SplitStatementTopics(s string) []string {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func (in *StatementInput) validate() error {
	p := Problems{}
	in.Topics = checkStatementText(p, &in.Title, &in.Summary, &in.Body, in.Topics)
	in.ConsultationID = strings.TrimSpace(in.ConsultationID)
	if !in.Kind.Valid() {
		p.Add("kind", "error.statement.kind")
	}
	switch {
	case in.Kind == KindConsultationResponse && in.ConsultationID == "":
		p.Add("consultation_id", "error.statement.consultation_required")
	case in.Kind != KindConsultationResponse && in.ConsultationID != "":
		p.Add("consultation_id", "error.statement.consultation_not_allowed")
	}
	return p.Err()
}

func (in *StatementEdit) validate() error {
	p := Problems{}
	in.Topics = checkStatementText(p, &in.Title, &in.Summary, &in.Body, in.Topics)
	if in.Version < 1 {
		p.Add("version", "error.statement.version_required")
	}
	return p.Err()
}

// changes reports whether applying in would change s's text.
func (in *StatementEdit) changes(s *Statement) bool {
	return in.Title != s.Title || in.Summary != s.Summary || in.Body != s.Body ||
		strings.Join(in.Topics, "\x00") != strings.Join(s.Topics, "\x00")
}
