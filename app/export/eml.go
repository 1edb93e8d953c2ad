package export

import (
	"bytes"
	"fmt"
	"net/mail"
	"regexp"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// EML writes an e-mail draft (RFC 5322, MIME) from the network to a
// ministry's registry: the subject names the diarienummer and the
// consultation (RFC 2047-encoded, so å ä ö survive), a short cover text,
// and the PDF and Word files attached (multipart/mixed, base64). It carries
// X-Unsent: 1, so Outlook opens it as a draft ready to send; Thunderbird
// and Apple Mail open .eml files as messages to forward or "edit as new".
// to may be empty (the registry address is not known): the draft then has
// no recipient. from is an address, optionally with a display name.
func EML(d Document, to, from string, pdf, docx []byte) ([]byte, error) {
	m := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	sender, err := mail.ParseAddress(from)
	if err != nil {
		return nil, fmt.Errorf("eml sender %q: %w", from, err)
	}
	if err := m.FromFormat(oneLine(sender.Name), sender.Address); err != nil {
		return nil, fmt.Errorf("eml sender: %w", err)
	}
	if strings.TrimSpace(to) != "" {
		rcpt, err := mail.ParseAddress(to)
		if err != nil {
			return nil, fmt.Errorf("eml recipient %q: %w", to, err)
		}
		if err := m.AddToFormat(oneLine(rcpt.Name), rcpt.Address); err != nil {
			return nil, fmt.Errorf("eml recipient: %w", err)
		}
	}
	m.Subject(Subject(d))
	m.SetDateWithValue(time.Now())
	m.SetMessageID()
	m.SetGenHeader("X-Unsent", "1")
	m.SetBodyString(gomail.TypeTextPlain, coverText(d, sender.Name))
	attach := []struct {
		ext, ctype string
		body       []byte
	}{
		{"pdf", "application/pdf", pdf},
		{"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", docx},
	}
	for _, a := range attach {
		if len(a.body) == 0 {
			continue
		}
		name := FileName(d.kind(), d.Diarienummer, d.Network, a.ext)
		if err := m.AttachReader(name, bytes.NewReader(a.body), gomail.WithFileContentType(gomail.ContentType(a.ctype))); err != nil {
			return nil, fmt.Errorf("eml attach %s: %w", a.ext, err)
		}
	}
	var buf bytes.Buffer
	if _, err := m.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("eml: %w", err)
	}
	return buf.Bytes(), nil
}

// Subject is the draft's subject, naming the network so that the
// registrar sees who answers: "Remissvar från <network>: Fi2024/01234
// <consultation title>", or the kind and title when no consultation is
// answered.
func Subject(d Document) string {
	parts := []string{d.kind()}
	if n := oneLine(d.Network); n != "" {
		parts = []string{d.kind() + " från " + n + ":"}
	}
	if d.Diarienummer != "" {
		parts = append(parts, oneLine(d.Diarienummer))
	}
	if t := oneLine(d.ConsultationTitle); t != "" {
		parts = append(parts, t)
	} else {
		parts = append(parts, oneLine(d.Title))
	}
	s := strings.Join(parts, " ")
	if r := []rune(s); len(r) > 250 {
		s = string(r[:250])
	}
	return s
}

func coverText(d Document, senderName string) string {
	var b strings.Builder
	b.WriteString("Hej,\n\n")
	what := strings.ToLower(d.kind())
	if c := oneLine(d.ConsultationTitle); c != "" {
		fmt.Fprintf(&b, "Härmed översänds %s %s på remissen %s", oneLine(d.Network), what, c)
		if d.Diarienummer != "" {
			fmt.Fprintf(&b, " (%s)", oneLine(d.Diarienummer))
		}
		b.WriteString(".\n\n")
	} else {
		fmt.Fprintf(&b, "Härmed översänds %s %s: %s.\n\n", oneLine(d.Network), what, oneLine(d.Title))
	}
	b.WriteString("Svaret bifogas som PDF och i Word-format. ")
	if d.ApprovedDigitally {
		b.WriteString(DigitalApprovalNote + "\n\n")
	} else {
		b.WriteString("\n\n")
	}
	b.WriteString("Med vänliga hälsningar\n")
	if n := oneLine(senderName); n != "" {
		b.WriteString(n + "\n")
	}
	b.WriteString(oneLine(d.Network) + "\n")
	return b.String()
}

// Ministries maps the letters that begin a Government Offices diarienummer
// (Fi2024/01234 → "Fi") to the ministry and its address for consultation
// responses, as given in the ministries' consultation letters. An agency
// or a ministry missing here has no default: the secretariat supplies the
// address.
var Ministries = map[string]Ministry{
	"A":  {"Arbetsmarknadsdepartementet", "a.remissvar@regeringskansliet.se"},
	"Fi": {"Finansdepartementet", "fi.remissvar@regeringskansliet.se"},
	"Fö": {"Försvarsdepartementet", "fo.remissvar@regeringskansliet.se"},
	"Ju": {"Justitiedepartementet", "ju.remissvar@regeringskansliet.se"},
	"KN": {"Klimat- och näringslivsdepartementet", "kn.remissvar@regeringskansliet.se"},
	"Ku": {"Kulturdepartementet", "ku.remissvar@regeringskansliet.se"},
	"LI": {"Landsbygds- och infrastrukturdepartementet", "li.remissvar@regeringskansliet.se"},
	"S":  {"Socialdepartementet", "s.remissvar@regeringskansliet.se"},
	"U":  {"Utbildningsdepartementet", "u.remissvar@regeringskansliet.se"},
	"UD": {"Utrikesdepartementet", "ud.remissvar@regeringskansliet.se"},
}

// Ministry is a ministry and its registry address for consultation responses.
type Ministry struct {
	Name     string
	Registry string
}

// ParseRegistryAddresses reads registry addresses that override or add
// to Ministries' as "Issuer=address;Issuer=address" into issuer → address.
func ParseRegistryAddresses(s string) (map[string]string, error) {
	out := map[string]string{}
	for _, pair := range strings.Split(s, ";") {
		if strings.TrimSpace(pair) == "" {
			continue
		}
		issuer, addr, ok := strings.Cut(pair, "=")
		a, err := mail.ParseAddress(strings.TrimSpace(addr))
		if !ok || strings.TrimSpace(issuer) == "" || err != nil {
			return nil, fmt.Errorf("%q is not \"Issuer=address\"", strings.TrimSpace(pair))
		}
		out[strings.TrimSpace(issuer)] = a.Address
	}
	return out, nil
}

var dnrPrefix = regexp.MustCompile(`^\s*([A-Za-zÅÄÖåäö]{1,3})\s*\d{4}\s*/`)

// MinistryOf finds the ministry of a consultation: by the letters of its
// diarienummer, else by the issuer's name or abbreviation. ok is false when
// neither is known.
func MinistryOf(diarienummer, issuer string) (Ministry, bool) {
	if m := dnrPrefix.FindStringSubmatch(diarienummer); m != nil {
		for k, v := range Ministries {
			if strings.EqualFold(k, m[1]) {
				return v, true
			}
		}
	}
	issuer = strings.TrimSpace(issuer)
	for k, v := range Ministries {
		if strings.EqualFold(issuer, k) || strings.EqualFold(issuer, v.Name) {
			return v, true
		}
	}
	return Ministry{}, false
}
