package app

import "context"

// maxResponseTitle keeps a response's title, made from the remiss's,
// within what a statement title may be.
const maxResponseTitle = 200

// WriteResponse is "Skriv svar" on a consultation: it returns the draft
// response linked to consultation id, creating it ("Remissvar: <title>",
// one "statement.create" event, which moves the consultation to drafting)
// when the consultation has none yet. created says which.
func (s *Statements) WriteResponse(ctx context.Context, actor *User, id string) (st *Statement, created bool, err error) {
	c, err := s.Consultations.ConsultationByID(ctx, id)
	if err != nil {
		return nil, false, err
	}
	if c.StatementID != "" {
		st, err := s.Store.StatementByID(ctx, c.StatementID)
		if err == nil {
			return st, false, nil
		}
		if ErrorCode(err) != ENOTFOUND {
			return nil, false, err
		}
	}
	title := []rune("Remissvar: " + c.Title)
	if len(title) > maxResponseTitle {
		title = append(title[:maxResponseTitle-1], '…')
	}
	st, err = s.Create(ctx, actor, StatementInput{Kind: KindConsultationResponse, Title: string(title),
		Topics: c.Topics, ConsultationID: c.ID})
	return st, err == nil, err
}
