// Package export owns what leaves Samsyn as files: a statement as a PDF
// and as an editable Word document (.docx) in the form ministries expect
// of a consultation response (remissvar), an e-mail draft (.eml) to the
// ministry's registry with both attached, and file names that are safe on
// every operating system. It knows nothing of HTTP or storage: callers
// build a Document from the domain and get bytes back.
package export

import (
	"strings"
	"time"
	"unicode"

	"github.com/samsyn/samsyn/app"
)

// Document is everything an exported statement shows.
type Document struct {
	Kind              string // what it is, shown and used in file names: "Remissvar", "Gemensamt uttalande", …
	Title             string
	ConsultationTitle string // the consultation (remiss) answered, if any
	Diarienummer      string // the ministry's reference of the consultation, e.g. "Fi2024/01234"
	OurReference      string // the network's own reference
	Network           string // the network's name: author and sender
	Addressee         string // the ministry or agency, e.g. "Finansdepartementet"
	Language          string // BCP 47, e.g. "sv"
	Summary           string
	Body              string // Markdown
	Signatories       []Signatory
	// ApprovedDigitally adds the note that the document was approved
	// digitally and therefore carries no handwritten signature.
	ApprovedDigitally bool
	ContentHash       string    // SHA-256 of the signed text
	Published         time.Time // zero for a document not (yet) published
	// Draft, when set, is shown prominently: the document is not the
	// published text (e.g. "Utkast – ej publicerat").
	Draft string
	URL   string // the public page, if published
	// Untagged, when set, is printed at the end of a PDF made without
	// Chromium: it is not tagged for screen readers (see PDF).
	Untagged string
}

// UntaggedNote says where a PDF is not tagged, and what to use instead.
const UntaggedNote = "Denna PDF är inte taggad för skärmläsare (servern saknar Chromium). Word-filen (.docx) är den tillgängliga utgåvan."

// Signatory is a member that signed, with the mandate for the signature.
type Signatory struct {
	Member          string // "Skellefteå kommun"
	Name            string // the signatory, e.g. "Sören Signer"
	Title           string // e.g. "kommunstyrelsens ordförande"
	DecidedBy       string // "KS", "KSAU", "delegation" or "other"
	DecidedOn       app.Date
	Paragraph       string // § in the minutes
	MemberReference string // the member's own diarienummer
	Reservation     string
}

// DigitalApprovalNote is printed where a document was approved digitally.
const DigitalApprovalNote = "Dokumentet är godkänt digitalt och saknar därför underskrift."

// bodyNames spell out the deciding bodies of app.DecidingBodies.
var bodyNames = map[string]string{
	"KS":         "kommunstyrelsen (KS)",
	"KSAU":       "kommunstyrelsens arbetsutskott (KSAU)",
	"delegation": "delegationsbeslut",
	"other":      "annat beslutande organ",
}

// MandateLine says what gives the signature its mandate, e.g.
// "Beslut: kommunstyrelsen (KS) 2026-03-02 § 87, dnr KS 2026/233".
func (s Signatory) MandateLine() string {
	body, ok := bodyNames[s.DecidedBy]
	if !ok {
		body = s.DecidedBy
	}
	parts := []string{"Beslut:", body}
	if d := s.DecidedOn.String(); d != "" {
		parts = append(parts, d)
	}
	if p := strings.TrimSpace(s.Paragraph); p != "" {
		if !strings.HasPrefix(p, "§") {
			p = "§ " + p
		}
		parts = append(parts, p)
	}
	line := strings.Join(parts, " ")
	if r := strings.TrimSpace(s.MemberReference); r != "" {
		line += ", dnr " + r
	}
	return line
}

// SignatoryLine is the signatory's name and title, e.g. "Sören Signer, KSO".
func (s Signatory) SignatoryLine() string {
	if s.Title == "" {
		return s.Name
	}
	return s.Name + ", " + s.Title
}

// KindName is the Swedish name of a statement kind, for headings and file
// names.
func KindName(k app.StatementKind) string {
	switch k {
	case app.KindConsultationResponse:
		return "Remissvar"
	case app.KindJointStatement:
		return "Gemensamt uttalande"
	case app.KindPositionPaper:
		return "Positionspapper"
	}
	return "Ställningstagande"
}

// headerLines are the reference block at the top of both documents.
func (d Document) headerLines() [][2]string {
	var out [][2]string
	add := func(label, v string) {
		if v = clean(v); v != "" {
			out = append(out, [2]string{label, v})
		}
	}
	if !d.Published.IsZero() {
		add("Datum", app.DateOf(d.Published).String())
	}
	add("Er referens", d.Diarienummer)
	add("Vår referens", d.OurReference)
	return out
}

// consultationLine names the consultation answered: "Remiss: <title> (<dnr>)".
func (d Document) consultationLine() string {
	t := clean(d.ConsultationTitle)
	switch {
	case t != "" && d.Diarienummer != "":
		return "Remiss: " + t + " (" + clean(d.Diarienummer) + ")"
	case t != "":
		return "Remiss: " + t
	case d.Diarienummer != "":
		return "Remiss " + clean(d.Diarienummer)
	}
	return ""
}

func (d Document) language() string {
	if d.Language == "" {
		return "sv"
	}
	return d.Language
}

func (d Document) kind() string {
	if k := clean(d.Kind); k != "" {
		return k
	}
	return "Ställningstagande"
}

// clean makes user text safe for a PDF or XML run: no control characters
// (tabs become spaces, newlines stay), no characters outside the Basic
// Multilingual Plane (the embedded font has none, and fpdf's UTF-8 subsetter
// only maps the BMP), no non-characters.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t':
			return ' '
		case unicode.IsControl(r):
			return -1
		case r > 0xFFFF:
			return '\uFFFD'
		case r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF:
			return -1
		case unicode.Is(unicode.Cf, r): // soft hyphens, bidi marks, zero-width joiners
			return -1
		}
		return r
	}, s)
}

// oneLine is clean with line breaks turned into spaces and runs of space
// collapsed.
func oneLine(s string) string {
	return strings.Join(strings.Fields(clean(s)), " ")
}
