package export

import (
	"bytes"
	"fmt"
	"html/template"

	"github.com/yuin/goldmark"
	east "github.com/yuin/goldmark/extension"
	ghtml "github.com/yuin/goldmark/renderer/html"
)

// PrintHTML lays d out as one self-contained HTML document for printing
// to a tagged PDF (Printer): semantic headings, lists, tables and a
// signatory list, so that the PDF's structure tree has them, with the
// language and title set. Its own Content-Security-Policy lets it load
// nothing and run nothing: the Markdown's images or links to elsewhere are
// never fetched while it prints. Raw HTML and dangerous links in the
// Markdown are left out (goldmark's default), as on the web page.
func PrintHTML(d Document) ([]byte, error) {
	var body bytes.Buffer
	if err := printMarkdown.Convert([]byte(d.Body), &body); err != nil {
		return nil, fmt.Errorf("print: %w", err)
	}
	v := printView{Document: d, Kind: d.kind(), Lang: d.language(), Header: d.headerLines(),
		Consultation: d.consultationLine(), Body: template.HTML(body.String()), //nolint:gosec // goldmark without raw HTML
		Note: DigitalApprovalNote, URL: safeURL(d.URL)}
	var out bytes.Buffer
	if err := printTemplate.Execute(&out, v); err != nil {
		return nil, fmt.Errorf("print: %w", err)
	}
	return out.Bytes(), nil
}

var printMarkdown = goldmark.New(goldmark.WithExtensions(east.Table, east.Strikethrough, east.Linkify),
	goldmark.WithRendererOptions(ghtml.WithXHTML()))

type printView struct {
	Document
	Kind, Lang, Consultation, Note, URL string
	Header                              [][2]string
	Body                                template.HTML
}

var printTemplate = template.Must(template.New("print").Parse(`<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>{{.Title}}</title>
<meta name="author" content="{{.Network}}">
<meta name="description" content="{{.Consultation}}">
<style>
@page { size: A4; margin: 20mm 20mm 22mm 25mm; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.45; color: #000; }
header.letterhead { display: flex; justify-content: space-between; gap: 8mm; margin-bottom: 8mm; }
header.letterhead p { margin: 0; font-weight: bold; font-size: 13pt; }
dl.refs { margin: 0; font-size: 9pt; } dl.refs div { display: flex; gap: .4em; } dl.refs dt::after { content: ":"; } dl.refs dd { margin: 0; }
.to { font-size: 9pt; color: #444; margin: 0; } .draft { color: #a00; font-weight: bold; }
h1 { font-size: 17pt; margin: 4mm 0 3mm; } h2 { font-size: 13pt; margin: 6mm 0 2mm; } h3, h4, h5, h6 { font-size: 11pt; margin: 5mm 0 2mm; }
h1, h2, h3, h4 { break-after: avoid; }
.summary { font-style: italic; }
table { border-collapse: collapse; width: 100%; margin: 3mm 0; } th, td { border: 1px solid #999; padding: 1mm 2mm; text-align: left; vertical-align: top; }
blockquote { margin: 3mm 0 3mm 6mm; font-style: italic; }
section.signatories li { margin-bottom: 3mm; break-inside: avoid; } .mandate { font-size: 9pt; color: #333; }
footer.proof { margin-top: 8mm; font-size: 8pt; color: #444; overflow-wrap: anywhere; }
</style>
</head>
<body>
<header class="letterhead">
  <p>{{.Network}}</p>
  <div><p>{{.Kind}}</p>{{if .Header}}<dl class="refs">{{range .Header}}<div><dt>{{index . 0}}</dt><dd>{{index . 1}}</dd></div>{{end}}</dl>{{end}}</div>
</header>
<main>
{{if .Addressee}}<p class="to">Till</p><p>{{.Addressee}}</p>{{end}}
{{if .Draft}}<p class="draft">{{.Draft}}</p>{{end}}
{{if .Consultation}}<p>{{.Consultation}}</p>{{end}}
<h1>{{.Title}}</h1>
{{if .Summary}}<p class="summary">{{.Summary}}</p>{{end}}
{{.Body}}
{{if .Signatories}}
<section class="signatories" aria-labelledby="undertecknare">
<h2 id="undertecknare">Undertecknande medlemmar</h2>
{{if .ApprovedDigitally}}<p><em>{{.Note}}</em></p>{{end}}
<ul>
{{range .Signatories}}<li><strong>{{.Member}}</strong><br>{{.SignatoryLine}}<br><span class="mandate">{{.MandateLine}}</span>{{if .Reservation}}<br><em>Reservation: {{.Reservation}}</em>{{end}}</li>
{{end}}</ul>
</section>
{{else if .ApprovedDigitally}}<p><em>{{.Note}}</em></p>{{end}}
</main>
<footer class="proof">
{{if .ContentHash}}<p>Kontrollsumma för den undertecknade texten (SHA-256): {{.ContentHash}}</p>{{end}}
{{if .URL}}<p>Publicerat på <a href="{{.URL}}">{{.URL}}</a></p>{{end}}
</footer>
</body>
</html>
`))
