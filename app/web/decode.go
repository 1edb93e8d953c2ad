package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/samsyn/samsyn/app"
)

// decodeJSON reads the body into dst, a pointer to a struct with json
// tags, and validates it. It refuses a missing or non-JSON body, unknown
// fields, wrong types and trailing data, naming the fields at fault.
func decodeJSON(c *fiber.Ctx, dst any) error {
	if !isJSONRequest(c) {
		return app.Errorf(app.EBADREQUEST, "Content-Type ska vara application/json.")
	}
	body := bytes.TrimSpace(c.Body())
	if len(body) == 0 {
		return app.Errorf(app.EBADREQUEST, "Förfrågan saknar innehåll.")
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(body, &raw); err != nil {
		return jsonError(err)
	}
	if unknown := unknownFields(raw, dst); len(unknown) > 0 {
		return &app.Error{Code: app.EBADREQUEST, Message: "Förfrågan innehåller okända fält.", Fields: unknown}
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(dst); err != nil {
		return jsonError(err)
	}
	return validateStruct(c, dst)
}

// jsonError turns a decoding error into a 400 that names the field.
func jsonError(err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return app.Errorf(app.EBADREQUEST, "Ogiltig JSON vid tecken %d.", syntax.Offset)
	case errors.As(err, &typ) && typ.Field == "":
		return app.Errorf(app.EBADREQUEST, "Förfrågan ska vara ett JSON-objekt.")
	case errors.As(err, &typ):
		return &app.Error{Code: app.EBADREQUEST, Message: "Fel typ på ett fält.",
			Fields: map[string]string{typ.Field: fmt.Sprintf("Ska vara %s.", jsonTypeName(typ.Type))}}
	}
	return app.Errorf(app.EBADREQUEST, "Ogiltig JSON.")
}

func jsonTypeName(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "en sträng"
	case reflect.Bool:
		return "true eller false"
	case reflect.Int, reflect.Int32, reflect.Int64, reflect.Float64:
		return "ett tal"
	case reflect.Slice:
		return "en lista"
	}
	return "ett objekt"
}

// unknownFields lists keys of raw that are not json fields of dst's type.
func unknownFields(raw map[string]json.RawMessage, dst any) map[string]string {
	known := map[string]bool{}
	t := reflect.TypeOf(dst).Elem()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		known[name] = true
	}
	out := map[string]string{}
	for k := range raw {
		if !known[k] {
			out[k] = "Okänt fält."
		}
	}
	return out
}
