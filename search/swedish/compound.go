package swedish

import (
	"strings"
	"unicode/utf8"
)

// part is one modifier of a compound: as written (tillstånds) and as base
// form (tillstånd).
type part struct{ raw, base string }

const (
	maxParts    = 4 // a compound of more parts is left whole
	minModifier = 2 // runes: el-nät
	minHead     = 3
)

// split finds w = modifiers + head with as few parts as possible, every
// modifier a noun in a compounding form the word list allows and the head
// a form of a noun that may end a compound. It returns the head's base.
func (lx *Lexicon) split(w string, depth int) (mods []part, head string, ok bool) {
	if depth >= maxParts-1 || utf8.RuneCountInString(w) < minModifier+minHead {
		return nil, "", false
	}
	for pass := range 2 { // two parts first, then a compound head
		before := 0 // runes in w[:i]
		for i := range w {
			if before++; before <= minModifier {
				continue
			}
			m, h := w[:i], w[i:]
			if utf8.RuneCountInString(h) < minHead {
				break
			}
			mb, ok := lx.modifier(m)
			if !ok {
				continue
			}
			if pass == 0 {
				if hb, ok := lx.Base(h); ok && lx.nouns[hb]&Ends != 0 {
					return []part{{m, mb}}, hb, true
				}
			} else if hm, hb, ok := lx.split(h, depth+1); ok {
				return append([]part{{m, mb}}, hm...), hb, true
			}
		}
	}
	return nil, "", false
}

// modifier returns the base form of m when it is a noun in a compounding
// form: as is (el-nät), with a linking s (tillstånds-) or a listed form
// (ränte- for ränta).
func (lx *Lexicon) modifier(m string) (string, bool) {
	if b, ok := lx.modifiers[m]; ok {
		return b, true
	}
	if lx.nouns[m]&Begins != 0 {
		return m, true
	}
	if b, ok := strings.CutSuffix(m, "s"); ok && lx.nouns[b]&LinkingS != 0 {
		return b, true
	}
	return "", false
}
