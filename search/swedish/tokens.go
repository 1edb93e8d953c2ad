package swedish

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// TokenKind tells what a token stands for.
type TokenKind uint8

// The token kinds.
const (
	KindWord      TokenKind = iota // a word's normal form
	KindPart                       // a compound's part, at the compound's position
	KindReference                  // a reference number's canonical form
)

// Token is one term of analysed text, with the byte offsets of the text it
// came from and its 1-based word position.
type Token struct {
	Term       string
	Raw        string // the word as written, lower case
	Start, End int
	Pos        int
	Kind       TokenKind
}

// maxWordBytes is the longest word analysed; longer runs are kept whole.
const maxWordBytes = 64

// Tokens analyses text: words in their normal form, compounds also as
// parts, reference numbers also in canonical form; stop words are dropped
// but still count as positions.
func (lx *Lexicon) Tokens(text string) []Token {
	refs := findReferences(text)
	var out []Token
	pos := 0
	for start := 0; start < len(text); {
		r, size := utf8.DecodeRuneInString(text[start:])
		if !isWordRune(r) {
			start += size
			continue
		}
		end := wordEnd(text, start)
		pos++
		for len(refs) > 0 && refs[0].start < end {
			if refs[0].start >= start {
				out = append(out, Token{Term: refs[0].canon, Raw: strings.ToLower(text[refs[0].start:refs[0].end]),
					Start: refs[0].start, End: refs[0].end, Pos: pos, Kind: KindReference})
			}
			refs = refs[1:]
		}
		out = lx.appendWord(out, strings.ToLower(text[start:end]), start, end, pos)
		start = end
	}
	return out
}

func (lx *Lexicon) appendWord(out []Token, w string, start, end, pos int) []Token {
	if _, stop := stopWords[w]; stop {
		return out
	}
	t := Token{Raw: w, Start: start, End: end, Pos: pos}
	if isDigits(w) {
		t.Term = trimZeros(w)
		return append(out, t)
	}
	if len(w) > maxWordBytes || !hasLetter(w) {
		t.Term = w
		return append(out, t)
	}
	norm, parts := lx.Word(w)
	t.Term = norm
	out = append(out, t)
	for i, p := range parts {
		if p != norm && !containsEarlier(parts, i) {
			out = append(out, Token{Term: p, Raw: w, Start: start, End: end, Pos: pos, Kind: KindPart})
		}
	}
	return out
}

func containsEarlier(ss []string, i int) bool {
	for _, s := range ss[:i] {
		if s == ss[i] {
			return true
		}
	}
	return false
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func wordEnd(text string, start int) int {
	for i, r := range text[start:] {
		if !isWordRune(r) {
			return start + i
		}
	}
	return len(text)
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func trimZeros(s string) string {
	if t := strings.TrimLeft(s, "0"); t != "" {
		return t
	}
	return "0"
}

// Words returns text's words as written, lower case, with their offsets
// and positions, stop words left out: the words a typo is measured
// against. No word list is consulted.
func Words(text string) []Token {
	var out []Token
	pos := 0
	for start := 0; start < len(text); {
		r, size := utf8.DecodeRuneInString(text[start:])
		if !isWordRune(r) {
			start += size
			continue
		}
		end := wordEnd(text, start)
		pos++
		w := strings.ToLower(text[start:end])
		if _, stop := stopWords[w]; !stop && hasLetter(w) && len(w) <= maxWordBytes {
			out = append(out, Token{Term: w, Raw: w, Start: start, End: end, Pos: pos})
		}
		start = end
	}
	return out
}

// Terms returns the distinct terms of text, parts and references before
// the words they come from, for engines that take a query as words.
func (lx *Lexicon) Terms(text string) []string {
	var out []string
	seen := map[string]bool{}
	add := func(t string) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	toks := lx.Tokens(text)
	for _, t := range toks {
		if t.Kind != KindWord {
			add(t.Term)
		}
	}
	for _, t := range toks {
		add(t.Term)
	}
	return out
}

// IndexText returns text's terms joined by spaces, to be stored beside the
// text in engines without a Swedish analyzer of their own.
func (lx *Lexicon) IndexText(text string) string {
	toks := lx.Tokens(text)
	terms := make([]string, len(toks))
	for i, t := range toks {
		terms[i] = t.Term
	}
	return strings.Join(terms, " ")
}

var folder = strings.NewReplacer("å", "a", "ä", "a", "ö", "o", "Å", "A", "Ä", "A", "Ö", "O",
	"é", "e", "É", "E", "ü", "u", "Ü", "U")

// Fold writes å, ä, ö (and é, ü) as a, a, o: a copy for tolerating missing
// accents, never for ranking.
func Fold(s string) string { return folder.Replace(s) }

// stopWords are Swedish words too common to search for (the Snowball list,
// without words that are also nouns we need, like "vara").
var stopWords = toSet(`och det att i en jag hon som han på den med var sig för så till är men ett om hade de
av icke mig du henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde något från ut när
efter upp vi dem vara vad över än dig kan sina här ha mot alla under någon eller allt mycket sedan ju denna
själv detta åt utan varit hur ingen mitt ni bli blev oss din dessa några deras blir mina samma vilken er sådan
vår blivit dess inom mellan sådant varför varje vilka ditt vem vilket sitta sådana vart dina vars vårt våra
ert era vilkas`)

func toSet(words string) map[string]struct{} {
	m := map[string]struct{}{}
	for _, w := range strings.Fields(words) {
		m[w] = struct{}{}
	}
	return m
}
