package app

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
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

// Error is the one error type the domain returns to callers. Message is a
// message safe to show to users (see Msg); Fields maps input field names to
// messages.
type Error struct {
	Code    string
	Message string
	Fields  map[string]string
}

// Messages for people are catalogue keys, not sentences: the domain does
// not know who reads them. Package web looks each key up in the catalogue
// of the request's language (templates/messages/errors.<lang>.json). A key
// says where and what, error.<area>.<what>; a message with values carries
// them as named arguments, which the texts place with {name}:
//
//	Msg("error.field.max_chars", "max", 120) // "error.field.max_chars?max=120"
//
// A message that is not a key (a Swedish sentence, the old style) is shown
// as it is in every language.

// messageKey matches a catalogue key.
var messageKey = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$`)

// Msg returns the message key with its named arguments, given as name,
// value pairs.
func Msg(key string, args ...any) string {
	if len(args) < 2 {
		return key
	}
	v := url.Values{}
	for i := 0; i+1 < len(args); i += 2 {
		v.Set(fmt.Sprint(args[i]), fmt.Sprint(args[i+1]))
	}
	return key + "?" + v.Encode()
}

// ParseMsg splits a message made by Msg into its key and arguments. ok is
// false for a message that is not a key.
func ParseMsg(m string) (key string, args map[string]string, ok bool) {
	key, query, _ := strings.Cut(m, "?")
	if !messageKey.MatchString(key) {
		return "", nil, false
	}
	v, err := url.ParseQuery(query)
	if err != nil {
		return "", nil, false
	}
	args = make(map[string]string, len(v))
	for name := range v {
		args[name] = v.Get(name)
	}
	return key, args, true
}

// NewError returns an *Error with the message msg (see Msg).
func NewError(code, msg string) *Error {
	return &Error{Code: code, Message: msg}
}

func (e *Error) Error() string {
	if len(e.Fields) > 0 {
		return fmt.Sprintf("%s: %s %v", e.Code, e.Message, e.Fields)
	}
	return e.Code + ": " + e.Message
}

// Errorf returns an *Error with a formatted message: a key without
// arguments, or (the old style) a sentence. Prefer NewError with Msg for
// a message with values.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// MsgCheckFields is the message of every validation error with fields.
const MsgCheckFields = "error.check_fields"

// FieldError returns a validation error for one field.
func FieldError(field, message string) *Error {
	return &Error{Code: EINVALID, Message: MsgCheckFields, Fields: map[string]string{field: message}}
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

// ErrorMessage returns the user-safe message of err (see Msg).
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "error.internal"
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

// Add records a message (see Msg) for field unless one is already recorded.
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
	return &Error{Code: EINVALID, Message: MsgCheckFields, Fields: p}
}
