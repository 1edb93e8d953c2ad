package web

import (
	"encoding/json"
	"sort"
	"strings"
	"sync"

	"github.com/gofiber/fiber/v2"
)

// The readable API page (/api/docs) is made from the embedded OpenAPI
// document, so that the two cannot disagree. Only what the page shows is
// read: operations, their parameters, request bodies and responses.

type oaDoc struct {
	Info struct {
		Title       string `json:"title"`
		Version     string `json:"version"`
		Description string `json:"description"`
	} `json:"info"`
	Tags []struct {
		Name        string `json:"name"`
		Description string `json:"description"`
	} `json:"tags"`
	Paths      map[string]map[string]json.RawMessage `json:"paths"`
	Components struct {
		Parameters map[string]oaParam    `json:"parameters"`
		Responses  map[string]oaResponse `json:"responses"`
	} `json:"components"`
}

type oaParam struct {
	Ref         string `json:"$ref"`
	Name        string `json:"name"`
	In          string `json:"in"`
	Required    bool   `json:"required"`
	Description string `json:"description"`
	Schema      struct {
		Type   any      `json:"type"`
		Format string   `json:"format"`
		Enum   []string `json:"enum"`
	} `json:"schema"`
}

type oaResponse struct {
	Ref         string `json:"$ref"`
	Description string `json:"description"`
	Content     map[string]struct {
		Schema struct {
			Ref string `json:"$ref"`
		} `json:"schema"`
	} `json:"content"`
}

type oaOperation struct {
	OperationID string                `json:"operationId"`
	Summary     string                `json:"summary"`
	Description string                `json:"description"`
	Tags        []string              `json:"tags"`
	Parameters  []oaParam             `json:"parameters"`
	Security    []map[string][]string `json:"security"`
	RequestBody *struct {
		Content map[string]struct {
			Schema struct {
				Ref string `json:"$ref"`
			} `json:"schema"`
		} `json:"content"`
	} `json:"requestBody"`
	Responses map[string]oaResponse `json:"responses"`
}

// apiDocsView is the page.
type apiDocsView struct {
	Layout
	APITitle, Version, Description string
	Groups                         []apiDocsGroup
}

type apiDocsGroup struct {
	Tag, Description, Anchor string
	Operations               []apiDocsOperation
}

type apiDocsOperation struct {
	ID, Method, Path, Summary, Description string
	Public                                 bool
	Parameters                             []apiDocsParam
	Body                                   string
	Responses                              []apiDocsResponse
}

type apiDocsParam struct {
	Name, In, Type, Description string
	Required                    bool
}

type apiDocsResponse struct {
	Code, Description, Schema string
}

var (
	apiDocsOnce   sync.Once
	apiDocsGroups []apiDocsGroup
	apiDocsMeta   oaDoc
	apiDocsErr    error
)

var methodOrder = map[string]int{"get": 0, "post": 1, "put": 2, "patch": 3, "delete": 4}

// buildAPIDocs reads the embedded document once.
func buildAPIDocs() ([]apiDocsGroup, oaDoc, error) {
	apiDocsOnce.Do(func() {
		var d oaDoc
		if apiDocsErr = json.Unmarshal(openAPIDocument, &d); apiDocsErr != nil {
			return
		}
		apiDocsMeta = d
		byTag := map[string]*apiDocsGroup{}
		var order []string
		for _, t := range d.Tags {
			byTag[t.Name] = &apiDocsGroup{Tag: t.Name, Description: t.Description, Anchor: "tag-" + t.Name}
			order = append(order, t.Name)
		}
		paths := make([]string, 0, len(d.Paths))
		for p := range d.Paths {
			paths = append(paths, p)
		}
		sort.Strings(paths)
		for _, p := range paths {
			methods := make([]string, 0, len(d.Paths[p]))
			for m := range d.Paths[p] {
				if _, ok := methodOrder[m]; ok {
					methods = append(methods, m)
				}
			}
			sort.Slice(methods, func(i, j int) bool { return methodOrder[methods[i]] < methodOrder[methods[j]] })
			for _, m := range methods {
				var o oaOperation
				if apiDocsErr = json.Unmarshal(d.Paths[p][m], &o); apiDocsErr != nil {
					return
				}
				tag := "api"
				if len(o.Tags) > 0 {
					tag = o.Tags[0]
				}
				g, ok := byTag[tag]
				if !ok {
					g = &apiDocsGroup{Tag: tag, Anchor: "tag-" + tag}
					byTag[tag] = g
					order = append(order, tag)
				}
				g.Operations = append(g.Operations, operationView(d, p, m, o))
			}
		}
		for _, t := range order {
			if g := byTag[t]; len(g.Operations) > 0 {
				apiDocsGroups = append(apiDocsGroups, *g)
			}
		}
	})
	return apiDocsGroups, apiDocsMeta, apiDocsErr
}

func refName(ref string) string { return ref[strings.LastIndex(ref, "/")+1:] }

func operationView(d oaDoc, path, method string, o oaOperation) apiDocsOperation {
	op := apiDocsOperation{ID: o.OperationID, Method: strings.ToUpper(method), Path: path, Summary: o.Summary,
		Description: o.Description}
	for _, sec := range o.Security {
		if len(sec) == 0 {
			op.Public = true
		}
	}
	for _, p := range o.Parameters {
		if p.Ref != "" {
			p = d.Components.Parameters[refName(p.Ref)]
		}
		typ, _ := p.Schema.Type.(string)
		if p.Schema.Format != "" {
			typ += " (" + p.Schema.Format + ")"
		}
		if len(p.Schema.Enum) > 0 {
			typ += ": " + strings.Join(p.Schema.Enum, " | ")
		}
		op.Parameters = append(op.Parameters, apiDocsParam{Name: p.Name, In: p.In, Type: typ,
			Description: p.Description, Required: p.Required})
	}
	if o.RequestBody != nil {
		for ct, c := range o.RequestBody.Content {
			op.Body = ct + ": " + refName(c.Schema.Ref)
		}
	}
	codes := make([]string, 0, len(o.Responses))
	for code := range o.Responses {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	for _, code := range codes {
		r := o.Responses[code]
		if r.Ref != "" {
			r = d.Components.Responses[refName(r.Ref)]
		}
		rv := apiDocsResponse{Code: code, Description: r.Description}
		for ct, c := range r.Content {
			rv.Schema = ct
			if c.Schema.Ref != "" {
				rv.Schema += ": " + refName(c.Schema.Ref)
			}
		}
		op.Responses = append(op.Responses, rv)
	}
	return op
}

// apiDocsPage: GET /api/docs, the readable API reference.
func (s *Server) apiDocsPage(c *fiber.Ctx) error {
	groups, meta, err := buildAPIDocs()
	if err != nil {
		return err
	}
	p := apiDocsView{Layout: s.layout(c, "apidocs.title"), APITitle: meta.Info.Title, Version: meta.Info.Version,
		Description: meta.Info.Description, Groups: groups}
	return s.render(c, fiber.StatusOK, "apidocs", p)
}
