package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

func (s *Server) apiListRevisions(c *fiber.Ctx) error {
	revs, err := s.deps.Statements.Revisions(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	return c.JSON(listJSON(revs, len(revs), revisionJSON))
}

// revisionPair reads the revisions to compare from two query parameters;
// by default the latest revision against the one before it.
func (s *Server) revisionPair(c *fiber.Ctx, fromKey, toKey string) (app.RevisionDiff, error) {
	ctx, id := c.UserContext(), c.Params("id")
	st, err := s.deps.Statements.Get(ctx, id)
	if err != nil {
		return app.RevisionDiff{}, err
	}
	to, err1 := revisionParam(c.Query(toKey), st.Revision, toKey)
	from, err2 := revisionParam(c.Query(fromKey), max(to-1, 1), fromKey)
	if err := firstErr(err1, err2); err != nil {
		return app.RevisionDiff{}, err
	}
	a, err := s.deps.Statements.Revision(ctx, id, from)
	if err != nil {
		return app.RevisionDiff{}, app.FieldError(fromKey, "Versionen finns inte.")
	}
	b, err := s.deps.Statements.Revision(ctx, id, to)
	if err != nil {
		return app.RevisionDiff{}, app.FieldError(toKey, "Versionen finns inte.")
	}
	return app.DiffRevisions(a, b), nil
}

func revisionParam(v string, def int, key string) (int, error) {
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, app.FieldError(key, "Ange ett versionsnummer.")
	}
	return n, nil
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func (s *Server) apiDiff(c *fiber.Ctx) error {
	d, err := s.revisionPair(c, "from", "to")
	if err != nil {
		return err
	}
	return c.JSON(diffJSON(d))
}

// apiStatementAudit lists the audit log of one statement, or of all
// statements when there is no id.
func (s *Server) apiStatementAudit(c *fiber.Ctx) error {
	page, err := pageParams(c)
	if err != nil {
		return err
	}
	f := app.AuditFilter{EntityType: "statement", Page: page}
	if id := c.Params("id"); id != "" {
		st, err := s.deps.Statements.Get(c.UserContext(), id)
		if err != nil {
			return err
		}
		f.EntityID = st.ID
	}
	events, total, err := s.deps.Audit.List(c.UserContext(), f)
	if err != nil {
		return err
	}
	return c.JSON(listJSON(events, total, auditJSON))
}
