package web

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/templates"
)

// Domain errors carry messages as catalogue keys (app.Msg); they become
// sentences here, in the language of the request (currentLang: Swedish
// unless the visitor chose English), for pages and JSON alike. The texts
// live in templates/messages/errors.<lang>.json.

// translate returns message m in the language of the catalogue msgs: the
// key's text with each {name} replaced by its argument. A message that is
// not a key, or a key the catalogue lacks, is returned as it is.
func translate(msgs map[string]string, m string) string {
	key, args, ok := app.ParseMsg(m)
	if !ok {
		return m
	}
	text, found := msgs[key]
	if !found {
		return m
	}
	for name, v := range args {
		text = strings.ReplaceAll(text, "{"+name+"}", v)
	}
	return text
}

// translateFields translates each field message of fields.
func translateFields(msgs map[string]string, fields map[string]string) map[string]string {
	if fields == nil {
		return nil
	}
	out := make(map[string]string, len(fields))
	for k, v := range fields {
		out[k] = translate(msgs, v)
	}
	return out
}

// messages returns the catalogue of the request's language.
func (s *Server) messages(c *fiber.Ctx) map[string]string {
	return s.views.messages[currentLang(c)]
}

// errorMessage returns the message of err in the request's language.
func (s *Server) errorMessage(c *fiber.Ctx, err error) string {
	return translate(s.messages(c), app.ErrorMessage(err))
}

// errorFields returns the field messages of err in the request's language.
func (s *Server) errorFields(c *fiber.Ctx, err error) map[string]string {
	return translateFields(s.messages(c), app.ErrorFields(err))
}

// Translate returns message m (see app.Msg) in lang, for callers outside a
// request, such as the command line.
func Translate(lang, m string) string {
	msgs, err := templates.Messages()
	if err != nil {
		return m
	}
	return translate(msgs[lang], m)
}
