package web

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/go-playground/validator/v10"
	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// validate is the one configured validator: struct-level required checks,
// field names taken from json (or form) tags.
var validate = func() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		for _, tag := range []string{"json", "form"} {
			if name, _, _ := strings.Cut(f.Tag.Get(tag), ","); name != "" && name != "-" {
				return name
			}
		}
		return f.Name
	})
	return v
}()

// tagMessages are the messages for each validation tag, by language;
// %s is the tag's parameter.
var tagMessages = map[string]map[string]string{
	"sv": {
		"required": "Fältet måste fyllas i.", "email": "Ange en giltig e-postadress.",
		"min": "Minst %s tecken.", "max": "Högst %s tecken.", "len": "Ska vara exakt %s tecken.",
		"oneof": "Ska vara ett av: %s.", "numeric": "Får bara innehålla siffror.",
		"hexadecimal": "Ogiltigt id.", "gte": "Ska vara minst %s.", "lte": "Ska vara högst %s.",
	},
	"en": {
		"required": "This field is required.", "email": "Enter a valid e-mail address.",
		"min": "At least %s characters.", "max": "At most %s characters.", "len": "Must be exactly %s characters.",
		"oneof": "Must be one of: %s.", "numeric": "Digits only.",
		"hexadecimal": "Invalid id.", "gte": "Must be at least %s.", "lte": "Must be at most %s.",
	},
}

// validateStruct checks v's validate tags and answers 422 with a message
// per field in the visitor's language.
func validateStruct(c *fiber.Ctx, v any) error {
	err := validate.Struct(v)
	var verrs validator.ValidationErrors
	if err == nil {
		return nil
	}
	if !errors.As(err, &verrs) {
		return fmt.Errorf("validate: %w", err)
	}
	msgs := tagMessages[currentLang(c)]
	fields := map[string]string{}
	for _, fe := range verrs {
		msg, ok := msgs[fe.Tag()]
		if !ok {
			msg = msgs["required"]
		}
		if strings.Contains(msg, "%s") {
			msg = fmt.Sprintf(msg, strings.ReplaceAll(fe.Param(), " ", ", "))
		}
		if _, seen := fields[fe.Field()]; !seen {
			fields[fe.Field()] = msg
		}
	}
	return &app.Error{Code: app.EINVALID, Message: app.MsgCheckFields, Fields: fields}
}
