package web

import (
	"fmt"
	"html/template"
	"strings"

	"github.com/samsyn/samsyn/app"
)

// What people write in Samsyn (titles, summaries, statement texts,
// comments, names, notes) and what ministries send (remiss titles,
// issuers) is Swedish, whatever language the page around it is in. On a
// page in another language that content is marked lang="sv" (WCAG 3.1.2,
// Language of Parts), so that a screen reader reads it with Swedish
// pronunciation and a browser checks its spelling as Swedish. On a Swedish
// page nothing is added. The pages are parsed once per language with the
// functions below, so a template says where content is and the language
// decides the markup:
//
//	<h1{{contentLang}}>{{.Title}}</h1>    an element holding only content
//	{{$.T "x.by"}} {{sv .Name}}           content inside a translated sentence

// contentLanguage is the language of stored content.
const contentLanguage = "sv"

// contentFuncs are the template functions of a page in lang.
func contentFuncs(lang string) template.FuncMap {
	marked := lang != contentLanguage
	return template.FuncMap{
		"contentLang": func() template.HTMLAttr {
			if marked {
				return ` lang="` + contentLanguage + `"`
			}
			return ""
		},
		"sv":   func(v any) template.HTML { return markContent(marked, v) },
		"keep": keepTogether,
	}
}

// markContent returns v escaped (v as it is when it is already safe HTML),
// in a span marked as Swedish when marked is set. Empty content stays
// empty, so that {{if}} around it still reads naturally.
func markContent(marked bool, v any) template.HTML {
	var h string
	switch x := v.(type) {
	case template.HTML:
		h = string(x)
	case nil:
		return ""
	default:
		h = template.HTMLEscapeString(fmt.Sprint(x))
	}
	if !marked || strings.TrimSpace(h) == "" {
		return template.HTML(h) // #nosec: escaped above, or safe HTML given
	}
	return template.HTML(`<span lang="` + contentLanguage + `">` + h + `</span>`) // #nosec: escaped above
}

// translateMarked is translate for a page: message m in the catalogue's
// language, escaped, with each argument (a title, a name: stored content)
// marked as Swedish when marked is set. A message that is no key is
// stored content itself.
func translateMarked(msgs map[string]string, m string, marked bool) template.HTML {
	key, args, ok := app.ParseMsg(m)
	text, found := msgs[key]
	if !ok || !found {
		return markContent(marked, keepTogether(m))
	}
	pairs := make([]string, 0, 2*len(args))
	for name, v := range args {
		pairs = append(pairs, "{"+name+"}", string(markContent(marked, keepTogether(v))))
	}
	return template.HTML(strings.NewReplacer(pairs...).Replace(template.HTMLEscapeString(text))) // #nosec: text escaped, arguments escaped by markContent
}
