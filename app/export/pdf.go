package export

import (
	"bytes"
	_ "embed"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
)

// The fonts are DejaVu Sans (Bitstream Vera licence, fonts/LICENSE-DejaVu.txt),
// copied from Debian's fonts-dejavu-core. fpdf embeds a subset of each in
// the PDF, so the document shows å, ä, ö and é the same everywhere.
var (
	//go:embed fonts/DejaVuSans.ttf
	fontRegular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	fontBold []byte
	//go:embed fonts/DejaVuSans-Oblique.ttf
	fontItalic []byte
)

const (
	fontFamily   = "DejaVu"
	marginLeft   = 25.0
	marginRight  = 20.0
	marginTop    = 20.0
	marginBottom = 22.0
	bodySize     = 10.5
	lineHeight   = 5.4
	indentStep   = 7.0
	chunkRunes   = 400 // fpdf's Write is quadratic in the length of one call
)

// PDF lays out d as an A4 PDF: a reference block (date, the ministry's
// diarienummer, our reference), the addressee, the consultation, the title,
// the summary, the body with its headings, lists, quotes and tables, the
// signing members with their mandate lines, the note on digital approval
// and the content hash. Title, author, subject, keywords and language are
// set in the document information and catalogue.
//
// Accessibility, honestly: fpdf (v0.9.0) does not write tagged PDF — no
// structure tree, no /MarkInfo, no role mapping — so this is not PDF/UA.
// What it does give: real text in embedded Unicode fonts (extractable,
// searchable, readable by screen readers in reading order, which is the
// order we write), the document language (/Lang) and title in the
// metadata, and an outline (bookmarks) of the headings for navigation.
// The .docx, with real heading styles, is the accessible edition.
func PDF(d Document) (out []byte, err error) {
	defer func() { // fpdf reports most problems through Err, a few by panicking
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("pdf: %v", r)
		}
	}()
	p := newPDFWriter(d)
	p.heading(d)
	p.body(parseBlocks(d.Body))
	p.signatories(d)
	p.closing(d)
	var buf bytes.Buffer
	if err := p.f.Output(&buf); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	return buf.Bytes(), nil
}

type pdfWriter struct {
	f     *fpdf.Fpdf
	width float64 // usable width between the margins
}

func newPDFWriter(d Document) *pdfWriter {
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "mm", SizeStr: "A4", OrientationStr: "P"})
	f.AddUTF8FontFromBytes(fontFamily, "", fontRegular)
	f.AddUTF8FontFromBytes(fontFamily, "B", fontBold)
	f.AddUTF8FontFromBytes(fontFamily, "I", fontItalic)
	f.SetMargins(marginLeft, marginTop, marginRight)
	f.SetAutoPageBreak(true, marginBottom)
	f.SetTitle(oneLine(d.Title), true)
	f.SetAuthor(oneLine(d.Network), true)
	f.SetSubject(oneLine(firstNonEmpty(d.consultationLine(), d.kind())), true)
	f.SetKeywords(oneLine(strings.Join([]string{d.kind(), d.Diarienummer, d.OurReference}, ", ")), true)
	f.SetCreator("Samsyn", true)
	f.SetLang(d.language())
	f.SetCatalogSort(true)
	created := d.Published
	if created.IsZero() {
		created = time.Now()
	}
	f.SetCreationDate(created)
	f.SetModificationDate(created)
	f.AliasNbPages("{nb}")
	p := &pdfWriter{f: f, width: 210 - marginLeft - marginRight}
	footer := oneLine(strings.Join(nonEmpty(d.kind(), d.Diarienummer, d.Network), " · "))
	f.SetFooterFunc(func() {
		f.SetY(-14)
		f.SetFont(fontFamily, "", 8)
		f.SetTextColor(90, 90, 90)
		f.CellFormat(p.width*0.75, 5, footer, "", 0, "L", false, 0, "")
		f.CellFormat(p.width*0.25, 5, "Sida "+strconv.Itoa(f.PageNo())+" av {nb}", "", 0, "R", false, 0, "")
		f.SetTextColor(0, 0, 0)
	})
	f.AddPage()
	return p
}

// heading writes the letterhead: network and reference block, addressee,
// consultation, title and summary.
func (p *pdfWriter) heading(d Document) {
	f := p.f
	f.SetFont(fontFamily, "B", 13)
	f.SetXY(marginLeft, marginTop)
	f.MultiCell(p.width*0.5, 6, oneLine(d.Network), "", "L", false)
	f.SetXY(marginLeft+p.width*0.55, marginTop)
	f.MultiCell(p.width*0.45, 6, d.kind(), "", "L", false)
	f.SetFont(fontFamily, "", 9)
	for _, l := range d.headerLines() {
		f.SetX(marginLeft + p.width*0.55)
		f.MultiCell(p.width*0.45, 4.6, l[0]+": "+l[1], "", "L", false)
	}
	f.SetY(max(f.GetY(), marginTop+12) + 8)
	if a := oneLine(d.Addressee); a != "" {
		f.SetFont(fontFamily, "", 9)
		f.SetTextColor(90, 90, 90)
		f.CellFormat(p.width, 4.6, "Till", "", 1, "L", false, 0, "")
		f.SetTextColor(0, 0, 0)
		f.SetFont(fontFamily, "", bodySize)
		f.MultiCell(p.width, lineHeight, a, "", "L", false)
		f.Ln(6)
	}
	if dr := oneLine(d.Draft); dr != "" {
		f.SetFont(fontFamily, "B", 11)
		f.SetTextColor(170, 0, 0)
		f.MultiCell(p.width, 6, dr, "", "L", false)
		f.SetTextColor(0, 0, 0)
		f.Ln(2)
	}
	if c := d.consultationLine(); c != "" {
		f.SetFont(fontFamily, "B", bodySize)
		f.MultiCell(p.width, lineHeight, c, "", "L", false)
		f.Ln(3)
	}
	f.SetFont(fontFamily, "B", 18)
	f.Bookmark(oneLine(d.Title), 0, -1)
	f.MultiCell(p.width, 8, oneLine(d.Title), "", "L", false)
	f.Ln(3)
	if s := strings.TrimSpace(clean(d.Summary)); s != "" {
		f.SetFont(fontFamily, "I", bodySize)
		p.write([]span{{Text: s, Italic: true}})
		f.Ln(lineHeight + 3)
	}
}

// body lays out the blocks of the Markdown body.
func (p *pdfWriter) body(blocks []block) {
	prev := blockPara
	for _, b := range blocks {
		p.gap(prev, b.Kind)
		p.block(b)
		prev = b.Kind
	}
	p.gap(prev, blockPara)
	p.f.SetLeftMargin(marginLeft)
}

// gap adds space where a list or a table ends.
func (p *pdfWriter) gap(prev, next blockKind) {
	inList := func(k blockKind) bool { return k == blockItem || k == blockItemCnt }
	switch {
	case prev == blockRow && next != blockRow:
		p.f.Ln(4)
	case inList(prev) && !inList(next):
		p.f.Ln(2)
	}
}

func (p *pdfWriter) block(b block) {
	f := p.f
	indent := marginLeft + float64(b.Depth)*indentStep
	f.SetLeftMargin(indent)
	f.SetX(indent)
	switch b.Kind {
	case blockHeading:
		p.keepWithNext(25)
		size := map[int]float64{1: 15, 2: 13, 3: 11.5}[b.Level]
		if size == 0 {
			size = bodySize + 0.5
		}
		f.Ln(2)
		f.SetFont(fontFamily, "B", size)
		f.Bookmark(oneLine(plain(b.Spans)), min(b.Level, 3), -1)
		f.MultiCell(p.width-(indent-marginLeft), size*0.5, oneLine(plain(b.Spans)), "", "L", false)
		f.Ln(1.5)
	case blockItem:
		marker := "•"
		if b.Ordered {
			marker = strconv.Itoa(b.Number) + "."
		}
		f.SetFont(fontFamily, "", bodySize)
		f.SetX(indent - indentStep + 1)
		f.CellFormat(indentStep-1, lineHeight, marker, "", 0, "L", false, 0, "")
		f.SetX(indent)
		p.write(b.Spans)
		f.Ln(lineHeight + 1)
	case blockQuote:
		f.SetLeftMargin(indent + indentStep)
		f.SetX(indent + indentStep)
		y := f.GetY()
		p.write(italic(b.Spans))
		f.Ln(lineHeight)
		if f.GetY() > y {
			f.SetDrawColor(160, 160, 160)
			f.Line(indent+2, y, indent+2, f.GetY())
		}
		f.Ln(2)
	case blockCode:
		f.SetFont(fontFamily, "", bodySize-1)
		f.SetFillColor(242, 242, 242)
		f.MultiCell(p.width-(indent-marginLeft), lineHeight-0.4, plain(b.Spans), "", "L", true)
		f.Ln(2)
	case blockRule:
		f.SetDrawColor(160, 160, 160)
		f.Line(indent, f.GetY()+2, marginLeft+p.width, f.GetY()+2)
		f.Ln(6)
	case blockRow:
		p.row(b, indent)
	default: // paragraphs and a list item's further paragraphs
		p.write(b.Spans)
		f.Ln(lineHeight + 2.5)
	}
}

// keepWithNext starts a new page when less than h mm are left, so that a
// heading is not left alone at the foot of a page.
func (p *pdfWriter) keepWithNext(h float64) {
	_, pageH := p.f.GetPageSize()
	if p.f.GetY()+h > pageH-marginBottom {
		p.f.AddPage()
	}
}

// write flows styled spans from the current position, wrapping at the
// right margin and returning to the current left margin.
func (p *pdfWriter) write(spans []span) {
	f := p.f
	for _, s := range spans {
		style := ""
		switch {
		case s.Bold:
			style = "B"
		case s.Italic:
			style = "I"
		}
		f.SetFont(fontFamily, style, bodySize)
		if s.URL != "" {
			f.SetTextColor(0, 70, 160)
		}
		for _, chunk := range chunks(s.Text, chunkRunes) {
			if s.URL != "" {
				f.WriteLinkString(lineHeight, chunk, s.URL)
			} else {
				f.Write(lineHeight, chunk)
			}
		}
		f.SetTextColor(0, 0, 0)
		if s.HardBreakAfterwards {
			f.Ln(lineHeight)
		}
	}
}

// row draws one table row: equal columns, each cell's text wrapped.
func (p *pdfWriter) row(b block, indent float64) {
	f := p.f
	if len(b.Cells) == 0 {
		return
	}
	style := ""
	if b.Header {
		style = "B"
	}
	f.SetFont(fontFamily, style, bodySize-1)
	colW := (p.width - (indent - marginLeft)) / float64(len(b.Cells))
	if colW < 8 { // too many columns to draw: fall back to one line per row
		p.write([]span{{Text: strings.Join(cellTexts(b.Cells), " | "), Bold: b.Header}})
		f.Ln(lineHeight + 1)
		return
	}
	lines := make([][]string, len(b.Cells))
	rowH := lineHeight
	for i, c := range b.Cells {
		lines[i] = f.SplitText(oneLine(plain(c)), colW-2)
		rowH = max(rowH, float64(len(lines[i]))*(lineHeight-0.6)+1.5)
	}
	p.keepWithNext(min(rowH, 200))
	y := f.GetY()
	for i := range b.Cells {
		x := indent + float64(i)*colW
		f.SetDrawColor(160, 160, 160)
		f.Rect(x, y, colW, rowH, "D")
		for j, l := range lines[i] {
			f.SetXY(x+1, y+0.75+float64(j)*(lineHeight-0.6))
			f.CellFormat(colW-2, lineHeight-0.6, l, "", 0, "L", false, 0, "")
		}
	}
	f.SetXY(indent, y+rowH)
}

// signatories lists the members that signed, each with signatory and
// mandate line, and reservations where made.
func (p *pdfWriter) signatories(d Document) {
	f := p.f
	f.SetLeftMargin(marginLeft)
	f.SetX(marginLeft)
	if len(d.Signatories) == 0 {
		return
	}
	p.keepWithNext(35)
	f.Ln(4)
	f.SetFont(fontFamily, "B", 13)
	f.Bookmark("Undertecknande medlemmar", 1, -1)
	f.MultiCell(p.width, 6.5, "Undertecknande medlemmar", "", "L", false)
	f.Ln(1)
	if d.ApprovedDigitally {
		f.SetFont(fontFamily, "I", 9)
		f.MultiCell(p.width, 4.6, DigitalApprovalNote, "", "L", false)
	}
	f.Ln(2)
	for _, s := range d.Signatories {
		p.keepWithNext(18)
		f.SetFont(fontFamily, "B", bodySize)
		f.MultiCell(p.width, lineHeight, oneLine(s.Member), "", "L", false)
		f.SetFont(fontFamily, "", bodySize)
		f.MultiCell(p.width, lineHeight, oneLine(s.SignatoryLine()), "", "L", false)
		f.SetFont(fontFamily, "", 9)
		f.SetTextColor(60, 60, 60)
		f.MultiCell(p.width, 4.6, oneLine(s.MandateLine()), "", "L", false)
		f.SetTextColor(0, 0, 0)
		if r := strings.TrimSpace(clean(s.Reservation)); r != "" {
			f.SetFont(fontFamily, "I", 9)
			f.MultiCell(p.width, 4.6, "Reservation: "+r, "", "L", false)
		}
		f.Ln(3)
	}
}

// closing writes the content hash and the public address (and the note on
// digital approval when no signatory list carried it).
func (p *pdfWriter) closing(d Document) {
	f := p.f
	f.SetLeftMargin(marginLeft)
	f.SetX(marginLeft)
	f.Ln(2)
	if d.ApprovedDigitally && len(d.Signatories) == 0 {
		f.SetFont(fontFamily, "I", bodySize)
		f.MultiCell(p.width, lineHeight, DigitalApprovalNote, "", "L", false)
		f.Ln(2)
	}
	p.keepWithNext(10)
	f.SetFont(fontFamily, "", 8)
	f.SetTextColor(90, 90, 90)
	if h := oneLine(d.ContentHash); h != "" {
		f.MultiCell(p.width, 4, "Kontrollsumma för den undertecknade texten (SHA-256): "+h, "", "L", false)
	}
	if u := safeURL(d.URL); u != "" {
		f.WriteLinkString(4, "Publicerat på "+u, u)
		f.Ln(4)
	}
	if n := oneLine(d.Untagged); n != "" {
		f.MultiCell(p.width, 4, n, "", "L", false)
	}
	f.SetTextColor(0, 0, 0)
}

func italic(spans []span) []span {
	out := make([]span, len(spans))
	for i, s := range spans {
		s.Italic = true
		out[i] = s
	}
	return out
}

func cellTexts(cells [][]span) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = oneLine(plain(c))
	}
	return out
}

// chunks cuts s into pieces of about n runes, after a space where one is
// near, so that each fpdf Write stays short.
func chunks(s string, n int) []string {
	r := []rune(s)
	var out []string
	for len(r) > n {
		cut := n
		for i := n; i > n/2; i-- {
			if r[i-1] == ' ' {
				cut = i
				break
			}
		}
		out = append(out, string(r[:cut]))
		r = r[cut:]
	}
	return append(out, string(r))
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
