package meili

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// recorded is one request the adapter sent.
type recorded struct {
	Method, Path string
	Auth         string // the Authorization header
	Query        url.Values
	Body         []byte
}

func (r recorded) String() string {
	s := r.Method + " " + r.Path
	if len(r.Query) > 0 {
		s += "?" + r.Query.Encode()
	}
	return s
}

// route finds the endpoint a request is for.
func route(method, path string) (endpoint, bool) {
	for _, e := range endpoints {
		if e.method == method && pathMatches(e.path, path) {
			return e, true
		}
	}
	return endpoint{}, false
}

func pathMatches(pattern, path string) bool {
	ps, xs := strings.Split(pattern, "/"), strings.Split(path, "/")
	if len(ps) != len(xs) {
		return false
	}
	for i := range ps {
		if !strings.HasPrefix(ps[i], "{") && ps[i] != xs[i] {
			return false
		}
	}
	return true
}

// violations lists everything in r that Meilisearch at the pinned tag
// would refuse: an unknown route, an unknown query parameter, an unknown
// or missing field anywhere in the body.
func violations(r recorded) []string {
	e, ok := route(r.Method, r.Path)
	if !ok {
		return []string{fmt.Sprintf("%s: no such route in the table of routes the adapter may use", r)}
	}
	var out []string
	for name := range r.Query {
		if e.query == nil || !hasField(e.query, name) {
			out = append(out, fmt.Sprintf("%s: query parameter %q is not accepted by %s", r, name, where(e.query, e.handler)))
		}
	}
	return append(out, bodyViolations(r, e)...)
}

func where(o *object, handler string) string {
	if o == nil {
		return handler + " (takes no query parameters)"
	}
	return o.rust + " (" + o.source + ")"
}

func hasField(o *object, name string) bool { _, ok := o.fields[name]; return ok }

func bodyViolations(r recorded, e endpoint) []string {
	trimmed := bytes.TrimSpace(r.Body)
	if e.body == noBody {
		if len(trimmed) > 0 {
			return []string{fmt.Sprintf("%s: %s takes no body, got %d bytes", r, e.handler, len(trimmed))}
		}
		return nil
	}
	var v any
	if err := json.Unmarshal(trimmed, &v); err != nil {
		return []string{fmt.Sprintf("%s: body is not JSON: %v", r, err)}
	}
	switch e.body {
	case objectBody:
		return checkObject(r.String(), "", v, e.shape)
	case arrayBody:
		items, ok := v.([]any)
		if !ok {
			return []string{fmt.Sprintf("%s: body must be an array of %s", r, e.shape.rust)}
		}
		var out []string
		for i, it := range items {
			out = append(out, checkObject(r.String(), fmt.Sprintf("[%d]", i), it, e.shape)...)
		}
		return out
	case documentBody:
		return checkArrayOf[map[string]any](r, v, "documents")
	case idsBody:
		return checkArrayOf[string](r, v, "document ids")
	}
	return nil
}

func checkArrayOf[T any](r recorded, v any, what string) []string {
	items, ok := v.([]any)
	if !ok {
		return []string{fmt.Sprintf("%s: body must be an array of %s", r, what)}
	}
	for i, it := range items {
		if _, ok := it.(T); !ok {
			return []string{fmt.Sprintf("%s: element %d is %T, not one of the %s", r, i, it, what)}
		}
	}
	return nil
}

// checkObject checks v (an object, or null) against o, field by field.
func checkObject(req, at string, v any, o *object) []string {
	if v == nil {
		return nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return []string{fmt.Sprintf("%s: %s must be an object (%s)", req, orRoot(at), o.rust)}
	}
	var out []string
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		f, ok := o.fields[k]
		if !ok {
			out = append(out, fmt.Sprintf("%s: unknown field %s%s: %s (%s) accepts only %s",
				req, dot(at), k, o.rust, o.source, accepted(o)))
			continue
		}
		if f.obj != nil {
			out = append(out, checkNested(req, dot(at)+k, m[k], f.obj)...)
		}
	}
	for k, f := range o.fields {
		if _, ok := m[k]; f.required && !ok {
			out = append(out, fmt.Sprintf("%s: missing required field %s%s of %s (%s)", req, dot(at), k, o.rust, o.source))
		}
	}
	return out
}

// checkNested checks an object, or each object of an array.
func checkNested(req, at string, v any, o *object) []string {
	items, ok := v.([]any)
	if !ok {
		return checkObject(req, at, v, o)
	}
	var out []string
	for i, it := range items {
		out = append(out, checkObject(req, fmt.Sprintf("%s[%d]", at, i), it, o)...)
	}
	return out
}

func accepted(o *object) string {
	names := make([]string, 0, len(o.fields))
	for k := range o.fields {
		names = append(names, k)
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

func dot(at string) string {
	if at == "" {
		return ""
	}
	return at + "."
}

func orRoot(at string) string {
	if at == "" {
		return "the body"
	}
	return at
}
