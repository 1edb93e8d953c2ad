package export

import (
	"mime"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// maxStemRunes bounds a file name before its extension; with UTF-8 of at
// most 3 bytes a rune in the BMP it also stays under the 255-byte limit of
// common file systems.
const maxStemRunes = 80

// windowsReserved are device names Windows refuses as file names, with or
// without an extension.
var windowsReserved = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true,
	"COM1": true, "COM2": true, "COM3": true, "COM4": true, "COM5": true, "COM6": true, "COM7": true, "COM8": true, "COM9": true,
	"LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true, "LPT5": true, "LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true}

// FileName returns "<kind> <diarienummer> <network>.<ext>", e.g.
// FileName("Remissvar", "Fi2024/01234", "Industrikommunerna", "pdf") =
// "Remissvar Fi2024-01234 Industrikommunerna.pdf". Empty parts are left
// out. The rule, so that the name is valid on Windows, macOS and Linux:
//   - / \ and : (separators somewhere) become "-"; * ? " < > | are dropped;
//   - control and format characters are dropped, and runs of white space
//     become one space;
//   - the name is NFC-normalised (macOS would otherwise show decomposed å);
//   - leading and trailing spaces, dots and dashes are trimmed (Windows drops
//     trailing dots and spaces; a leading dot hides a file, a leading dash
//     reads as an option);
//   - the stem is cut to 80 characters, and Windows device names (CON, NUL,
//     COM1 …) get a trailing "_";
//   - an empty stem becomes "Dokument"; the extension keeps only a–z and 0–9.
func FileName(kind, diarienummer, network, ext string) string {
	var parts []string
	for _, p := range []string{kind, diarienummer, network} {
		if p = sanitizeNamePart(p); p != "" {
			parts = append(parts, p)
		}
	}
	stem := strings.Join(parts, " ")
	if utf8.RuneCountInString(stem) > maxStemRunes {
		stem = strings.TrimRight(string([]rune(stem)[:maxStemRunes]), " .-")
	}
	if stem == "" {
		stem = "Dokument"
	}
	if windowsReserved[strings.ToUpper(strings.TrimSpace(strings.SplitN(stem, ".", 2)[0]))] {
		stem += "_"
	}
	if ext = sanitizeExt(ext); ext != "" {
		return stem + "." + ext
	}
	return stem
}

func sanitizeNamePart(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '/' || r == '\\' || r == ':':
			b.WriteRune('-')
		case strings.ContainsRune(`*?"<>|`, r):
		case unicode.IsSpace(r):
			b.WriteRune(' ')
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError:
		case r >= 0xFFFE && r <= 0xFFFF:
		default:
			b.WriteRune(r)
		}
	}
	return strings.Trim(strings.Join(strings.Fields(b.String()), " "), " .-")
}

func sanitizeExt(ext string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(ext) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	if b.Len() > 10 {
		return b.String()[:10]
	}
	return b.String()
}

// ContentDisposition is the Content-Disposition header for downloading a
// file named name: an ASCII fallback in filename and the exact name in
// filename* (RFC 6266, RFC 5987), which every current browser prefers.
func ContentDisposition(name string) string {
	ascii := asciiFold(name)
	v := mime.FormatMediaType("attachment", map[string]string{"filename": ascii})
	if ascii == name {
		return v
	}
	ext := mime.FormatMediaType("attachment", map[string]string{"filename": name})
	if i := strings.Index(ext, ";"); i >= 0 {
		return v + ext[i:]
	}
	return v
}

// asciiFold turns "Remissvar Skellefteå" into "Remissvar Skelleftea":
// accents are removed and anything else outside printable ASCII becomes "_".
func asciiFold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	plain, _, err := transform.String(t, s)
	if err != nil {
		plain = s
	}
	return strings.Map(func(r rune) rune {
		switch r {
		case 'æ':
			return 'a'
		case 'Æ':
			return 'A'
		case 'ø':
			return 'o'
		case 'Ø':
			return 'O'
		}
		if r < 0x20 || r > 0x7E || r == '"' || r == '\\' {
			return '_'
		}
		return r
	}, plain)
}
