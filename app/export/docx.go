package export

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gomutex/godocx"
	"github.com/gomutex/godocx/docx"
	"github.com/gomutex/godocx/wml/ctypes"
	"github.com/gomutex/godocx/wml/stypes"
)

// DOCX writes d as an editable Word document with github.com/gomutex/godocx
// (its built-in template is python-docx's, with Word's standard styles):
// the title is a Heading1 paragraph and the body's headings Heading2 and
// below, so Word's navigation pane and LibreOffice's navigator show them;
// lists use the List Bullet / List Number styles (levels 1–3) with a fresh
// numbering instance per numbered list, so each starts at 1; quotes use
// Quote. The core properties carry title, author, subject, keywords and
// language, and the default run language is set so spelling is checked as
// Swedish.
func DOCX(d Document) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("docx: %v", r)
		}
	}()
	doc, err := godocx.NewDocument()
	if err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	w := &docxWriter{doc: doc, lists: map[int]int{}}
	w.setLanguage(d.language())
	w.setA4()
	w.heading(d)
	for _, b := range parseBlocks(d.Body) {
		w.block(b)
	}
	w.signatories(d)
	w.closing(d)
	if err := w.setCoreProperties(d); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := doc.Write(&buf); err != nil {
		return nil, fmt.Errorf("docx: %w", err)
	}
	return buf.Bytes(), nil
}

type docxWriter struct {
	doc   *docx.RootDoc
	lists map[int]int // ListID → numbering instance of a numbered list
	table *docx.Table // the table rows are being added to, if any
}

// The template's list numbering: List Number, List Number 2 and 3 use the
// abstract numberings 7, 3 and 2 (see word/numbering.xml in godocx's
// default.docx).
var numberAbstract = [...]int{7, 3, 2}

func (w *docxWriter) heading(d Document) {
	p := w.doc.AddParagraph("")
	p.AddText(oneLine(d.Network)).Bold(true).Size(13)
	p = w.doc.AddParagraph("")
	p.AddText(d.kind()).Bold(true)
	for _, l := range d.headerLines() {
		w.doc.AddParagraph(l[0] + ": " + l[1])
	}
	if a := oneLine(d.Addressee); a != "" {
		w.doc.AddEmptyParagraph()
		p = w.doc.AddParagraph("")
		p.AddText("Till: ").Color("595959")
		p.AddText(a)
	}
	if dr := oneLine(d.Draft); dr != "" {
		p = w.doc.AddParagraph("")
		p.AddText(dr).Bold(true).Color("AA0000")
	}
	if c := d.consultationLine(); c != "" {
		w.doc.AddEmptyParagraph()
		p = w.doc.AddParagraph("")
		p.AddText(c).Bold(true)
	}
	w.mustHeading(oneLine(d.Title), 1)
	if s := strings.TrimSpace(clean(d.Summary)); s != "" {
		p = w.doc.AddParagraph("")
		w.runs(p, []span{{Text: s, Italic: true}})
	}
}

func (w *docxWriter) mustHeading(text string, level uint) {
	if _, err := w.doc.AddHeading(text, level); err != nil {
		panic(err) // levels are 1–7 here; AddHeading refuses only > 9
	}
}

func (w *docxWriter) block(b block) {
	if b.Kind != blockRow {
		w.table = nil
	}
	switch b.Kind {
	case blockHeading:
		w.mustHeading(oneLine(plain(b.Spans)), uint(min(b.Level+1, 7)))
	case blockItem:
		p := w.doc.AddParagraph("")
		level := min(max(b.Depth, 1), 3)
		if b.Ordered {
			p.Style(listStyle("ListNumber", level))
			p.Numbering(w.numbering(b.ListID, level), 0)
		} else {
			p.Style(listStyle("ListBullet", level))
		}
		w.runs(p, b.Spans)
	case blockItemCnt:
		p := w.doc.AddParagraph("")
		p.Style(listStyle("ListContinue", min(max(b.Depth, 1), 3)))
		w.runs(p, b.Spans)
	case blockQuote:
		p := w.doc.AddParagraph("")
		p.Style("Quote")
		w.runs(p, b.Spans)
	case blockCode:
		p := w.doc.AddParagraph("")
		p.Style("MacroText")
		w.runs(p, b.Spans)
	case blockRule:
		p := w.doc.AddParagraph("")
		p.Justification(stypes.JustificationCenter)
		p.AddText("* * *")
	case blockRow:
		if w.table == nil {
			w.table = w.doc.AddTable()
			w.table.Style("TableGrid")
		}
		row := w.table.AddRow()
		for _, c := range b.Cells {
			w.runs(row.AddCell().AddParagraph(""), c)
		}
	default:
		w.runs(w.doc.AddParagraph(""), b.Spans)
	}
}

func listStyle(base string, level int) string {
	if level <= 1 {
		return base
	}
	return base + strconv.Itoa(level)
}

// numbering returns the numbering instance of list id, making one that
// starts at 1 the first time.
func (w *docxWriter) numbering(listID, level int) int {
	if n, ok := w.lists[listID]; ok {
		return n
	}
	n := w.doc.NewListInstance(numberAbstract[level-1])
	w.lists[listID] = n
	return n
}

// runs adds spans to p as runs: bold, italic and links kept; line breaks
// inside a span (code) and hard breaks become <w:br/>.
func (w *docxWriter) runs(p *docx.Paragraph, spans []span) {
	for _, s := range spans {
		lines := strings.Split(s.Text, "\n")
		for i, line := range lines {
			if i > 0 {
				p.AddRun().AddBreak(nil)
			}
			if line == "" {
				continue
			}
			if s.URL != "" {
				p.AddLink(line, s.URL)
				continue
			}
			r := p.AddText(line)
			if s.Bold {
				r.Bold(true)
			}
			if s.Italic {
				r.Italic(true)
			}
			if s.Code {
				r.Font("Courier New")
			}
		}
		if s.HardBreakAfterwards {
			p.AddRun().AddBreak(nil)
		}
	}
}

func (w *docxWriter) signatories(d Document) {
	if len(d.Signatories) == 0 {
		return
	}
	w.mustHeading("Undertecknande medlemmar", 2)
	for _, s := range d.Signatories {
		p := w.doc.AddParagraph("")
		p.AddText(oneLine(s.Member)).Bold(true)
		p.AddRun().AddBreak(nil)
		p.AddText(oneLine(s.SignatoryLine()))
		p.AddRun().AddBreak(nil)
		p.AddText(oneLine(s.MandateLine())).Size(9).Color("404040")
		if r := strings.TrimSpace(clean(s.Reservation)); r != "" {
			p.AddRun().AddBreak(nil)
			p.AddText("Reservation: " + oneLine(r)).Italic(true).Size(9)
		}
	}
}

func (w *docxWriter) closing(d Document) {
	if d.ApprovedDigitally {
		p := w.doc.AddParagraph("")
		p.AddText(DigitalApprovalNote).Italic(true)
	}
	if h := oneLine(d.ContentHash); h != "" {
		p := w.doc.AddParagraph("")
		p.AddText("Kontrollsumma för den undertecknade texten (SHA-256): " + h).Size(8).Color("595959")
	}
	if u := safeURL(d.URL); u != "" {
		p := w.doc.AddParagraph("")
		p.AddText("Publicerat på ").Size(8).Color("595959")
		p.AddLink(u, u)
	}
}

// setA4 sets the page to A4 with 25 mm margin on the left, 20 mm elsewhere
// (the template is US Letter).
func (w *docxWriter) setA4() {
	body := w.doc.Document.Body
	if body.SectPr == nil {
		body.SectPr = ctypes.NewSectionProper()
	}
	width, height := uint64(11906), uint64(16838) // twentieths of a point
	left, other, edge, gutter := 1418, 1134, 709, 0
	body.SectPr.PageSize = &ctypes.PageSize{Width: &width, Height: &height}
	body.SectPr.PageMargin = &ctypes.PageMargin{Left: &left, Right: &other, Top: &other, Bottom: &other,
		Header: &edge, Footer: &edge, Gutter: &gutter}
}

// setLanguage makes lang the default language of every run (spelling and
// hyphenation in Word and LibreOffice, and what screen readers speak).
func (w *docxWriter) setLanguage(lang string) {
	st := w.doc.DocStyles
	if st == nil {
		return
	}
	if st.DocDefaults == nil {
		st.DocDefaults = &ctypes.DocDefault{}
	}
	if st.DocDefaults.RunProp == nil {
		st.DocDefaults.RunProp = &ctypes.RunPropDefault{}
	}
	if st.DocDefaults.RunProp.RunProp == nil {
		st.DocDefaults.RunProp.RunProp = &ctypes.RunProperty{}
	}
	tag := wordLanguage(lang)
	st.DocDefaults.RunProp.RunProp.Lang = &ctypes.Lang{Val: &tag}
}

// wordLanguage turns "sv" into Word's "sv-SE"; full tags pass through.
func wordLanguage(lang string) string {
	switch lang {
	case "sv":
		return "sv-SE"
	case "en":
		return "en-GB"
	}
	return lang
}

// coreProperties is docProps/core.xml (ECMA-376 part 2, Open Packaging
// Conventions): typed, so encoding/xml escapes every value.
type coreProperties struct {
	XMLName     xml.Name `xml:"cp:coreProperties"`
	CP          string   `xml:"xmlns:cp,attr"`
	DC          string   `xml:"xmlns:dc,attr"`
	DCTerms     string   `xml:"xmlns:dcterms,attr"`
	XSI         string   `xml:"xmlns:xsi,attr"`
	Title       string   `xml:"dc:title"`
	Subject     string   `xml:"dc:subject"`
	Creator     string   `xml:"dc:creator"`
	Keywords    string   `xml:"cp:keywords"`
	Description string   `xml:"dc:description"`
	Language    string   `xml:"dc:language"`
	Identifier  string   `xml:"dc:identifier,omitempty"`
	Created     w3cDate  `xml:"dcterms:created"`
	Modified    w3cDate  `xml:"dcterms:modified"`
}

type w3cDate struct {
	Type  string `xml:"xsi:type,attr"`
	Value string `xml:",chardata"`
}

// setCoreProperties replaces the template's core properties (which name
// godocx as author) with the document's.
func (w *docxWriter) setCoreProperties(d Document) error {
	when := d.Published
	if when.IsZero() {
		when = time.Now()
	}
	date := w3cDate{Type: "dcterms:W3CDTF", Value: when.UTC().Format(time.RFC3339)}
	cp := coreProperties{
		CP: "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
		DC: "http://purl.org/dc/elements/1.1/", DCTerms: "http://purl.org/dc/terms/",
		XSI: "http://www.w3.org/2001/XMLSchema-instance", Title: oneLine(d.Title),
		Subject:     oneLine(firstNonEmpty(d.consultationLine(), d.kind())),
		Creator:     oneLine(d.Network),
		Keywords:    oneLine(strings.Join(nonEmpty(d.kind(), d.Diarienummer, d.OurReference), ", ")),
		Description: oneLine(d.Summary), Language: wordLanguage(d.language()),
		Identifier: oneLine(d.ContentHash), Created: date, Modified: date,
	}
	b, err := xml.Marshal(cp)
	if err != nil {
		return fmt.Errorf("docx core properties: %w", err)
	}
	w.doc.FileMap.Store("docProps/core.xml", append([]byte(xml.Header), b...))
	return nil
}
