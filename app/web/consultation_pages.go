package web

import (
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

type consultationListPage struct {
	Layout
	Filter        *Form
	StatusOptions []Option
	Rows          []consultationRow
	Total         int
	CanEdit       bool
	Prev, Next    string
}

const consultationsPerPage = 50

// consultationListPage: the register, filtered by the query.
func (s *Server) consultationListPage(c *fiber.Ctx) error {
	p := consultationListPage{Layout: s.layout(c, "consultations.title"), CanEdit: currentUser(c).IsStaff()}
	p.Filter = s.newForm(p.Layout)
	p.Filter.Values = formQuery(c, "status", "issuer", "topic", "ref", "deadline_from", "deadline_to")
	p.StatusOptions = statusOptions(p.Layout, "consultations.any_status",
		append(app.StoredStatuses, app.ConsultationMissed)...)
	today := s.today()
	f, err := consultationFilterParams(c, today)
	if err != nil {
		p.Filter.setError(err)
		return s.render(c, fiber.StatusUnprocessableEntity, "consultation_list", p)
	}
	num, _ := strconv.Atoi(c.Query("page"))
	f.Page = app.Page{Number: max(num, 1), Size: consultationsPerPage}
	items, total, err := s.deps.Consultations.List(c.UserContext(), f)
	if err != nil {
		return err
	}
	for _, x := range items {
		p.Rows = append(p.Rows, consultationRowOf(p.Layout, x, today))
	}
	p.Total = total
	p.Prev, p.Next = pageLinks(c, f.Page, total)
	return s.render(c, fiber.StatusOK, "consultation_list", p)
}

// formQuery reads the named query parameters.
func formQuery(c *fiber.Ctx, names ...string) map[string]string {
	out := map[string]string{}
	for _, n := range names {
		out[n] = c.Query(n)
	}
	return out
}

// pageLinks returns the URLs of the previous and next pages, "" for none.
func pageLinks(c *fiber.Ctx, p app.Page, total int) (prev, next string) {
	q, _ := url.ParseQuery(string(c.Request().URI().QueryString()))
	link := func(n int) string {
		q.Set("page", strconv.Itoa(n))
		return c.Path() + "?" + q.Encode()
	}
	if p.Number > 1 {
		prev = link(p.Number - 1)
	}
	if p.Number*p.Size < total {
		next = link(p.Number + 1)
	}
	return prev, next
}
