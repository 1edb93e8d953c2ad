package web

import (
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// memberOut is the JSON shape of a member.
type memberOut struct {
	ID               string    `json:"id"`
	Slug             string    `json:"slug"`
	Name             string    `json:"name"`
	MunicipalityCode string    `json:"municipality_code"`
	County           string    `json:"county"`
	Active           bool      `json:"active"`
	Version          int       `json:"version"`
	CreatedAt        time.Time `json:"created_at"`
	UpdatedAt        time.Time `json:"updated_at"`
}

func memberJSON(m *app.Member) memberOut {
	return memberOut{ID: m.ID, Slug: m.Slug, Name: m.Name, MunicipalityCode: m.MunicipalityCode,
		County: m.County, Active: m.Active, Version: m.Version, CreatedAt: m.CreatedAt, UpdatedAt: m.UpdatedAt}
}

// userOut is the JSON shape of a user: never a password hash or token.
type userOut struct {
	ID        string    `json:"id"`
	Email     string    `json:"email"`
	Name      string    `json:"name"`
	Title     string    `json:"title"`
	Role      app.Role  `json:"role"`
	MemberID  *string   `json:"member_id"`
	MaySign   bool      `json:"may_sign"`
	Active    bool      `json:"active"`
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

func userJSON(u *app.User) userOut {
	out := userOut{ID: u.ID, Email: u.Email, Name: u.Name, Title: u.Title, Role: u.Role, MaySign: u.MaySign,
		Active: u.Active, Version: u.Version, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt}
	if u.MemberID != "" {
		out.MemberID = &u.MemberID
	}
	return out
}

// list is the JSON shape of every listing.
type list[T any] struct {
	Items []T `json:"items"`
	Total int `json:"total"`
}

func listJSON[S any, T any](items []S, total int, conv func(S) T) list[T] {
	out := list[T]{Items: make([]T, len(items)), Total: total}
	for i, it := range items {
		out.Items[i] = conv(it)
	}
	return out
}

// pageParams reads ?page= and ?per_page= (defaults 1 and 20, at most 100).
func pageParams(c *fiber.Ctx) (app.Page, error) {
	num, err1 := atoiParam(c.Query("page"))
	size, err2 := atoiParam(c.Query("per_page"))
	p := app.Problems{}
	if err1 != nil {
		p.Add("page", "Ska vara ett heltal.")
	}
	if err2 != nil {
		p.Add("per_page", "Ska vara ett heltal.")
	}
	if err := p.Err(); err != nil {
		return app.Page{}, err
	}
	return app.NormalPage(num, size)
}

func atoiParam(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(s)
	if err == nil && n == 0 {
		n = -1 // an explicit 0 is out of range, not "default"
	}
	return n, err
}

func (s *Server) apiNotFound(c *fiber.Ctx) error {
	return app.Errorf(app.ENOTFOUND, "Resursen finns inte.")
}
