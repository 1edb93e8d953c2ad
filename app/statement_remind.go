package app

import (
	"context"
	"fmt"
	"strings"
)

// mailSignatories mails a reminder to every active user of m who may sign
// for it, when a mailer is wired, and returns how many were sent. A failed
// mail goes to Warn: the reminder is recorded either way.
func (s *Statements) mailSignatories(ctx context.Context, st *Statement, m *Member) int {
	if s.Mailer == nil || s.Users == nil {
		return 0
	}
	users, _, err := s.Users.ListUsers(ctx, UserFilter{MemberID: m.ID, Page: Page{Number: 1, Size: 100}})
	if err != nil {
		s.warn("remind: list signatories", err)
		return 0
	}
	sent := 0
	for _, u := range users {
		if !u.Active || !u.MaySign {
			continue
		}
		if err := s.Mailer.Send(ctx, s.reminderMail(st, m, u)); err != nil {
			s.warn("remind: send", err)
			continue
		}
		sent++
	}
	return sent
}

func (s *Statements) reminderMail(st *Statement, m *Member, u *User) *Mail {
	link := strings.TrimRight(s.BaseURL, "/") + "/internt/stallningstaganden/" + st.ID + "/signering"
	body := fmt.Sprintf("Hej %s,\n\n%s har ännu inte lämnat sitt beslut om ”%s”.\n"+
		"Sista dag för underskrift är %s.\n\nLäs texten och registrera beslutet här:\n%s\n",
		u.Name, m.Name, st.Title, st.SignBy, link)
	return &Mail{To: u.Email, ToName: u.Name, Subject: "Påminnelse: underskrift av " + st.Title, Body: body}
}
