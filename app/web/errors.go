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
	app.EEDITCONFLICT: fiber.StatusConflict,
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
// Accept, with the message and field messages in the request's language
// (error_messages.go). Internal errors are logged once and shown as a
// generic message.
func (s *Server) handleError(c *fiber.Ctx, err error) error {
	d := s.errorDetail(c, err)
	d.Message, d.Fields = translate(s.messages(c), d.Message), translateFields(s.messages(c), d.Fields)
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
		return errorDetail{Code: codeUnavailable, Message: "error.unavailable"}
	}
	code := app.ErrorCode(err)
	if _, known := statusOf[code]; !known || code == app.EINTERNAL {
		s.log.Error("internal error", "err", err, "route", c.Route().Path,
			"request_id", c.GetRespHeader(fiber.HeaderXRequestID))
		return errorDetail{Code: app.EINTERNAL, Message: "error.internal"}
	}
	return errorDetail{Code: code, Message: app.ErrorMessage(err), Fields: app.ErrorFields(err)}
}

// fiberErrorDetail translates Fiber's own errors (unknown route, body too
// large, header too large, …).
func fiberErrorDetail(fe *fiber.Error) errorDetail {
	switch fe.Code {
	case fiber.StatusNotFound:
		return errorDetail{Code: app.ENOTFOUND, Message: "error.http.not_found"}
	case fiber.StatusMethodNotAllowed:
		return errorDetail{Code: app.ENOTFOUND, Message: "error.http.method_not_allowed"}
	case fiber.StatusRequestEntityTooLarge, fiber.StatusRequestHeaderFieldsTooLarge:
		return errorDetail{Code: app.ETOOLARGE, Message: "error.http.too_large"}
	case fiber.StatusTooManyRequests:
		return errorDetail{Code: app.ERATELIMITED, Message: "error.http.rate_limited"}
	case fiber.StatusRequestTimeout:
		return errorDetail{Code: codeUnavailable, Message: "error.http.timeout"}
	case fiber.StatusUnprocessableEntity:
		return errorDetail{Code: app.EINVALID, Message: app.MsgCheckFields}
	}
	if fe.Code >= 500 {
		return errorDetail{Code: app.EINTERNAL, Message: "error.internal"}
	}
	return errorDetail{Code: app.EBADREQUEST, Message: "error.http.bad_request"}
}
