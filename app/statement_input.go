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
	Title   string
	Summary string
	Body    string
	Topics  []string
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
		p.Add("title", "Rubriken måste innehålla bokstäver eller siffror.")
	}
	checkSigText(p, "summary", *summary, MaxStatementSummaryLen, false)
	if len(*body) > MaxMarkdownLen {
		p.Add("body", "Texten är för lång.")
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
			p.Add("topics", "Ett ämne får vara högst 40 tecken.")
		}
		out = append(out, t)
	}
	if len(out) > MaxStatementTopics {
		p.Add("topics", "Högst tio ämnen.")
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
		p.Add("kind", "Välj positionspapper, gemensamt uttalande eller remissvar.")
	}
	switch {
	case in.Kind == KindConsultationResponse && in.ConsultationID == "":
		p.Add("consultation_id", "Ett remissvar måste höra till en remiss.")
	case in.Kind != KindConsultationResponse && in.ConsultationID != "":
		p.Add("consultation_id", "Bara remissvar hör till en remiss.")
	}
	return p.Err()
}

func (in *StatementEdit) validate() error {
	p := Problems{}
	in.Topics = checkStatementText(p, &in.Title, &in.Summary, &in.Body, in.Topics)
	if in.Version < 1 {
		p.Add("version", "Ange versionen du utgick från.")
	}
	return p.Err()
}

// changes reports whether applying in would change s's text.
func (in *StatementEdit) changes(s *Statement) bool {
	return in.Title != s.Title || in.Summary != s.Summary || in.Body != s.Body ||
		strings.Join(in.Topics, "\x00") != strings.Join(s.Topics, "\x00")
}
