// Package swedish is Samsyn's Swedish text pipeline, used by every search
// engine at index time and at query time alike: it tokenises text, lower-
// cases it, drops stop words, reduces nouns to their base form (elnätet →
// elnät, stålet → stål), splits compounds into their parts
// (tillståndsprövning → tillstånd + prövning) and writes reference numbers
// in one canonical form (KN2026/00741 = KN 2026/741).
//
// Nouns are recognised with a word list derived from Debian's hunspell-sv
// (see README.md); words the list does not know fall back to the Snowball
// Swedish stemmer. å, ä and ö are distinct letters and are kept; Fold gives
// an ASCII copy for engines that tolerate them missing as typos.
package swedish

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	snowball "github.com/blevesearch/snowballstem/swedish"
)

// nounsGz lists simplex Swedish nouns in their base form, one a line, with
// their compounding flags (see Flag); compounds are left out because
// Split rebuilds them from their parts.
//
//go:embed nouns.txt.gz
var nounsGz []byte

// formsGz lists inflected forms the suffix rules cannot take back to their
// base form ("form base" a line, e.g. "fötter fot"), and compounding forms
// ("ränte ränta +").
//
//go:embed forms.txt.gz
var formsGz []byte

// extra is our own hand-kept addition to the list, in the same format;
// lines starting with # are comments.
//
//go:embed extra.txt
var extra string

// Flag tells how a noun takes part in compounds.
type Flag uint8

// The flags, written in the word lists as the letters b, s and e.
const (
	Begins     Flag = 1 << iota // b: may begin a compound as is (el-nät)
	LinkingS                    // s: may begin one with a linking s (tillstånds-)
	Ends                        // e: may end one
	AllFlags   = Begins | LinkingS | Ends
	flagLetter = "bse"
)

// Lexicon knows Swedish nouns. It is safe for concurrent use.
type Lexicon struct {
	nouns     map[string]Flag
	forms     map[string]string
	modifiers map[string]string // compounding form → base (ränte → ränta)

	cache  sync.Map // word → analysis; words recur, splitting costs
	cached atomic.Int64
}

// maxCached bounds the cache of analysed words (about 10 MB).
const maxCached = 100_000

type analysis struct {
	norm  string
	parts []string
}

var (
	defaultOnce sync.Once
	defaultLex  *Lexicon
	foldedOnce  sync.Once
	foldedLex   *Lexicon
)

// Folded returns the shipped lexicon with every word written without å,
// ä, ö (Fold): it analyses folded text, so that a word typed without them
// meets its other forms as the Default lexicon's words do (elnatet and
// elnat both give elnat). Snowball alone cannot: it leaves the definite
// forms elnatet and stalet whole.
func Folded() *Lexicon {
	foldedOnce.Do(func() {
		d := Default()
		lx := NewLexicon()
		for w, f := range d.nouns {
			lx.AddNoun(Fold(w), f)
		}
		for form, base := range d.forms {
			lx.AddForm(Fold(form), Fold(base), false)
		}
		for form, base := range d.modifiers {
			lx.AddForm(Fold(form), Fold(base), true)
		}
		foldedLex = lx
	})
	return foldedLex
}

// Default returns the lexicon built from the shipped word lists.
func Default() *Lexicon {
	defaultOnce.Do(func() {
		lx, err := load()
		if err != nil {
			panic("swedish: embedded word list: " + err.Error()) // a build defect, caught by every test
		}
		defaultLex = lx
	})
	return defaultLex
}

func load() (*Lexicon, error) {
	lx := NewLexicon()
	for _, gz := range [][]byte{nounsGz, formsGz} {
		zr, err := gzip.NewReader(bytes.NewReader(gz))
		if err != nil {
			return nil, err
		}
		b, err := io.ReadAll(zr)
		if err != nil {
			return nil, err
		}
		if err := lx.AddLines(string(b)); err != nil {
			return nil, err
		}
	}
	return lx, lx.AddLines(extra)
}

// NewLexicon returns an empty lexicon.
func NewLexicon() *Lexicon {
	return &Lexicon{nouns: map[string]Flag{}, forms: map[string]string{}, modifiers: map[string]string{}}
}

// AddNoun adds a base-form noun with its compounding flags. Add words
// before analysing text: the lexicon caches what it has analysed.
func (lx *Lexicon) AddNoun(w string, f Flag) { lx.nouns[w] |= f }

// AddForm adds an inflected form of base; a compounding form when
// modifier is set.
func (lx *Lexicon) AddForm(form, base string, modifier bool) {
	if modifier {
		lx.modifiers[form] = base
	} else {
		lx.forms[form] = base
	}
}

// AddLines adds a word list. Each line is a noun with optional flag
// letters ("tillstånd bse"; none given means all), an inflected form and
// its base ("fötter fot"), or a compounding form, its base and a plus
// ("ränte ränta +"). Blank lines and lines starting with # are skipped.
func (lx *Lexicon) AddLines(s string) error {
	sc := bufio.NewScanner(strings.NewReader(s))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Fields(strings.ToLower(line))
		switch {
		case len(f) == 1:
			lx.AddNoun(f[0], AllFlags)
		case len(f) == 2 && strings.Trim(f[1], flagLetter) == "":
			lx.AddNoun(f[0], parseFlags(f[1]))
		case len(f) == 2:
			lx.AddForm(f[0], f[1], false)
		case len(f) == 3 && f[2] == "+":
			lx.AddForm(f[0], f[1], true)
		default:
			return fmt.Errorf("line %d: want \"noun [bse]\", \"form base\" or \"form base +\": %q", n, line)
		}
	}
	return sc.Err()
}

func parseFlags(s string) Flag {
	var f Flag
	for i, c := range flagLetter {
		if strings.ContainsRune(s, c) {
			f |= 1 << i
		}
	}
	return f
}

// FormatFlags writes flags as the letters AddLines reads.
func FormatFlags(f Flag) string {
	var b strings.Builder
	for i, c := range flagLetter {
		if f&(1<<i) != 0 {
			b.WriteRune(c)
		}
	}
	return b.String()
}

// Size returns how many nouns and other forms the lexicon holds.
func (lx *Lexicon) Size() (nouns, forms int) { return len(lx.nouns), len(lx.forms) + len(lx.modifiers) }

// IsNoun reports whether w is a known base-form noun.
func (lx *Lexicon) IsNoun(w string) bool { _, ok := lx.nouns[w]; return ok }

// suffixes are the noun endings tried, longest first: definite forms,
// plurals and genitives.
var suffixes = []string{
	"arnas", "ernas", "ornas", "ennas", "arna", "erna", "orna", "enas", "etas",
	"ens", "ets", "ars", "ers", "ors", "nas", "ena", "na", "ns", "ts",
	"en", "et", "ar", "er", "or", "n", "t", "s",
}

// Base returns the base form of a known noun form (elnätet is a compound:
// see Word), and whether it was found.
func (lx *Lexicon) Base(w string) (string, bool) {
	if b, ok := lx.forms[w]; ok {
		return b, true
	}
	if _, ok := lx.nouns[w]; ok {
		return w, true
	}
	for _, s := range suffixes {
		stem, ok := strings.CutSuffix(w, s)
		if !ok || utf8.RuneCountInString(stem) < 2 {
			continue
		}
		for _, c := range [...]string{stem, stem + "e", stem + "a", undouble(stem), stem + "um"} {
			if _, ok := lx.nouns[c]; ok && c != "" {
				return c, true
			}
		}
	}
	return "", false
}

// undouble drops a doubled final consonant (rumm → rum); "" if none.
func undouble(s string) string {
	n := len(s)
	if n >= 3 && s[n-1] == s[n-2] && s[n-1] < utf8.RuneSelf && !strings.ContainsRune("aeiouy", rune(s[n-1])) {
		return s[:n-1]
	}
	return ""
}

// Word analyses one lower-case word: its normal form, and for a compound
// the normal forms of its parts (tillståndsprövningen → tillståndsprövning,
// [tillstånd prövning]). Unknown words get their Snowball stem.
func (lx *Lexicon) Word(w string) (norm string, parts []string) {
	if a, ok := lx.cache.Load(w); ok {
		a := a.(analysis)
		return a.norm, a.parts
	}
	norm, parts = lx.word(w)
	if lx.cached.Load() < maxCached {
		// The cache outlives the caller's text, which may be reused memory
		// (Fiber's request buffers): keep copies only.
		kept := analysis{strings.Clone(norm), make([]string, len(parts))}
		for i, p := range parts {
			kept.parts[i] = strings.Clone(p)
		}
		if len(parts) == 0 {
			kept.parts = nil
		}
		if _, loaded := lx.cache.LoadOrStore(strings.Clone(w), kept); !loaded {
			lx.cached.Add(1)
		}
	}
	return norm, parts
}

func (lx *Lexicon) word(w string) (norm string, parts []string) {
	if b, ok := lx.Base(w); ok {
		return b, nil
	}
	if mods, head, ok := lx.split(w, 0); ok {
		var raw strings.Builder
		for _, m := range mods {
			raw.WriteString(m.raw)
			parts = append(parts, m.base)
		}
		return raw.String() + head, append(parts, head)
	}
	return Stem(w), nil
}

// Split returns the base forms of a compound's parts, or nil when w is
// not a compound of known nouns.
func (lx *Lexicon) Split(w string) []string {
	_, parts := lx.Word(w)
	return parts
}

// IsCompound reports whether w splits into known nouns; the word-list
// generator drops such words.
func (lx *Lexicon) IsCompound(w string) bool {
	_, _, ok := lx.split(w, 0)
	return ok
}

// Stem returns the Snowball Swedish stem of a lower-case word.
func Stem(w string) string {
	env := snowballstem.NewEnv(w)
	snowball.Stem(env)
	return env.Current()
}
