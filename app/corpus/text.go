package corpus

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// text writes one statement's prose on a main theme with a side theme.
type text struct {
	r          *rand.Rand
	main, side *theme
}

func newText(r *rand.Rand) *text {
	i := r.IntN(len(themes))
	j := (i + 1 + r.IntN(len(themes)-1)) % len(themes)
	return &text{r: r, main: &themes[i], side: &themes[j]}
}

func (t *text) title() string {
	return capitalise(t.fill(pick(t.r, titles)))
}

// summary is one to three sentences.
func (t *text) summary() string {
	n := 1 + t.r.IntN(3)
	s := make([]string, n)
	for i := range s {
		s[i] = t.sentence()
	}
	return strings.Join(s, " ")
}

// topics are two or three of the main theme's and one of the side theme's.
func (t *text) topics() []string {
	out := []string{}
	for _, k := range t.r.Perm(len(t.main.topics))[:min(2+t.r.IntN(2), len(t.main.topics))] {
		out = append(out, t.main.topics[k])
	}
	side := pick(t.r, t.side.topics)
	for _, o := range out {
		if o == side {
			return out
		}
	}
	return append(out, side)
}

// body is Markdown of about words words: a position, a numbered list of
// demands, the reasons and background, under headings.
func (t *text) body(words int) string {
	var b strings.Builder
	count := 0
	para := func() {
		p := t.paragraph()
		count += len(strings.Fields(p))
		b.WriteString(p)
		b.WriteString("\n\n")
	}
	b.WriteString("## Vår hållning\n\n")
	para()
	b.WriteString("## Det här vill vi se\n\n")
	for i := range 3 + t.r.IntN(4) {
		d := capitalise(t.fill(pick(t.r, demands)))
		line := strconv.Itoa(i+1) + ". **" + d + ".** " + t.sentence() + "\n"
		count += len(strings.Fields(line))
		b.WriteString(line)
	}
	b.WriteString("\n")
	for _, h := range sections {
		if count >= words {
			break
		}
		b.WriteString("## " + h + "\n\n")
		for range 1 + t.r.IntN(3) {
			if count >= words {
				break
			}
			para()
		}
	}
	for count < words {
		para()
	}
	return strings.TrimSpace(b.String())
}

// paragraph is three to seven sentences.
func (t *text) paragraph() string {
	n := 3 + t.r.IntN(5)
	s := make([]string, n)
	for i := range s {
		s[i] = t.sentence()
	}
	return strings.Join(s, " ")
}

func (t *text) sentence() string {
	return capitalise(t.fill(pick(t.r, sentences)))
}

// fill replaces the slots of a template: {n} and {m} nouns of the main
// theme, {s} one of the side theme, {p} a problem, {d} a demand, {a} an
// actor, {k} a member municipality, {r} a region, {x} a number, {y} a year.
func (t *text) fill(tmpl string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 || i+2 >= len(tmpl) || tmpl[i+2] != '}' {
			b.WriteString(tmpl)
			return b.String()
		}
		b.WriteString(tmpl[:i])
		b.WriteString(t.slot(tmpl[i+1]))
		tmpl = tmpl[i+3:]
	}
}

func (t *text) slot(c byte) string {
	switch c {
	case 'n', 'm':
		return pick(t.r, t.main.nouns)
	case 's':
		return pick(t.r, t.side.nouns)
	case 'p':
		return t.fill(pick(t.r, t.main.problems))
	case 'd':
		return t.fill(pick(t.r, demands))
	case 'a':
		return pick(t.r, actors)
	case 'k':
		return pick(t.r, places)
	case 'r':
		return pick(t.r, regions)
	case 'x':
		return pick(t.r, numbers)
	case 'y':
		return strconv.Itoa(2026 + t.r.IntN(20))
	}
	return ""
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}
