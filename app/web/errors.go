package web

import (
	"context"
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// statusOf maps error codes to HTTP statuses.
var statusOf = map[string]int{
	app.EBADREQUEST:   fiber.StatusBadRequest,
	app.EUNAUTHORIZED: fiber.StatusUnauthorized,
	app.EFORBIDDEN:    fiber.StatusForbidden,
	app.ENOTFOUND:     fiber.StatusNotFound,
	app.ECONFLICT:     fiber.StatusConflict,
	app.ETOOLARGE:     fiber.StatusRequestEntityTooLarge,
	app.EINVALID:      fiber.StatusUnprocessableEntity,
	app.ERATELIMITED:  fiber.StatusTooManyRequests,
	app.EINTERNAL:     fiber.StatusInternalServerError,
	codeUnavailable:   fiber.StatusServiceUnavailable,
}

const codeUnavailable = "unavailable"

// errorBody is the JSON shape of every error answer.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// handleError is the one place errors become answers: JSON or HTML by
// Accept. Internal errors are logged once and shown as a generic message.
func (s *Server) handleError(c *fiber.Ctx, err error) error {
	d := s.errorDetail(c, err)
	status := statusOf[d.Code]
	var fe *fiber.Error
	if errors.As(err, &fe) && fe.Code == fiber.StatusRequestHeaderFieldsTooLarge {
		status = fe.Code // headers, not the body, are too large
	}
	c.Status(status)
	if status == fiber.StatusUnauthorized && wantsJSON(c) {
		c.Set(fiber.HeaderWWWAuthenticate, `Bearer realm="samsyn"`)
	}
	if wantsJSON(c) || c.Method() == fiber.MethodHead {
		return c.JSON(errorBody{Error: d})
	}
	return s.renderError(c, status, d)
}

func (s *Server) errorDetail(c *fiber.Ctx, err error) errorDetail {
	var fe *fiber.Error
	switch {
	case errors.As(err, &fe):
		return fiberErrorDetail(fe)
	case errors.Is(err, context.DeadlineExceeded):
		s.log.Warn("request deadline exceeded", "route", c.Route().Path, "request_id", c.GetRespHeader(fiber.HeaderXRequestID))
		return errorDetail{Code: codeUnavailable, Message: "Tjänsten hann inte svara. Försök igen om en stund."}
	}
	code := app.ErrorCode(err)
	if _, known := statusOf[code]; !known || code == app.EINTERNAL {
		s.log.Error("internal error", "err", err, "route", c.Route().Path,
			"request_id", c.GetRespHeader(fiber.HeaderXRequestID))
		return errorDetail{Code: app.EINTERNAL, Message: "Ett internt fel inträffade. Försök igen om en stund."}
	}
	return errorDetail{Code: code, Message: app.ErrorMessage(err), Fields: app.ErrorFields(err)}
}

// fiberErrorDetail translates Fiber's own errors (unknown route, body too
// large, header too large, …).
func fiberErrorDetail(fe *fiber.Error) errorDetail {
	switch fe.Code {
	case fiber.StatusNotFound:
		return errorDetail{Code: app.ENOTFOUND, Message: "Sidan eller resursen finns inte."}
	case fiber.StatusMethodNotAllowed:
		return errorDetail{Code: app.ENOTFOUND, Message: "Metoden stöds inte för den här adressen."}
	case fiber.StatusRequestEntityTooLarge, fiber.StatusRequestHeaderFieldsTooLarge:
		return errorDetail{Code: app.ETOOLARGE, Message: "Förfrågan är för stor."}
	case fiber.StatusTooManyRequests:
		return errorDetail{Code: app.ERATELIMITED, Message: "För många försök. Vänta en stund och försök igen."}
	case fiber.StatusRequestTimeout:
		return errorDetail{Code: codeUnavailable, Message: "Förfrågan tog för lång tid."}
	case fiber.StatusUnprocessableEntity:
		return errorDetail{Code: app.EINVALID, Message: "Kontrollera fälten."}
	}
	if fe.Code >= 500 {
		return errorDetail{Code: app.EINTERNAL, Message: "Ett internt fel inträffade. Försök igen om en stund."}
	}
	return errorDetail{Code: app.EBADREQUEST, Message: "Förfrågan kunde inte läsas."}
}
