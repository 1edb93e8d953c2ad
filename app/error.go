package app

import (
	"errors"
	"fmt"
)

// Error codes. Each maps to one HTTP status in package web.
const (
	EINVALID      = "validation_failed" // input breaks a rule: 422
	EBADREQUEST   = "bad_request"       // input cannot be read: 400
	EUNAUTHORIZED = "unauthorized"      // no valid credentials: 401
	EFORBIDDEN    = "forbidden"         // credentials, but not allowed: 403
	ENOTFOUND     = "not_found"         // missing, or not visible to the caller: 404
	ECONFLICT     = "conflict"          // duplicate or stale version: 409
	ETOOLARGE     = "too_large"         // body over the limit: 413
	ERATELIMITED  = "rate_limited"      // too many attempts: 429
	EINTERNAL     = "internal"          // our fault: 500, message never shown
)

// Error is the one error type the domain returns to callers. Message is safe
// to show to users; Fields maps input field names to messages.
type Error struct {
	Code    string
	Message string
	Fields  map[string]string
}

func (e *Error) Error() string {
	if len(e.Fields) > 0 {
		return fmt.Sprintf("%s: %s %v", e.Code, e.Message, e.Fields)
	}
	return e.Code + ": " + e.Message
}

// Errorf returns an *Error with a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// FieldError returns a validation error for one field.
func FieldError(field, message string) *Error {
	return &Error{Code: EINVALID, Message: "Kontrollera fälten.", Fields: map[string]string{field: message}}
}

// ErrorCode returns the code of an *Error in err's chain, EINTERNAL for any
// other error and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-safe message of err.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Ett internt fel inträffade."
}

// ErrorFields returns the field messages of err, if any.
func ErrorFields(err error) map[string]string {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// Problems collects field messages while validating a domain object.
type Problems map[string]string

// Add records a message for field unless one is already recorded.
func (p Problems) Add(field, message string) {
	if _, ok := p[field]; !ok {
		p[field] = message
	}
}

// Err returns nil when there are no problems, else an EINVALID *Error.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: "Kontrollera fälten.", Fields: p}
}
