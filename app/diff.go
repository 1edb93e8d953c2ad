package app

import (
	"strings"
	"unicode"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// DiffOp is what a diff chunk does.
type DiffOp string

// The diff operations.
const (
	DiffEqual  DiffOp = "equal"
	DiffInsert DiffOp = "insert"
	DiffDelete DiffOp = "delete"
)

// DiffChunk is a run of text that is kept, inserted or deleted.
type DiffChunk struct {
	Op   DiffOp
	Text string
}

// RevisionDiff compares two revisions field by field.
type RevisionDiff struct {
	From, To             *Revision
	Title, Summary, Body []DiffChunk
}

// DiffRevisions compares revision a with the later b, word by word.
func DiffRevisions(a, b *Revision) RevisionDiff {
	return RevisionDiff{From: a, To: b, Title: WordDiff(a.Title, b.Title),
		Summary: WordDiff(a.Summary, b.Summary), Body: WordDiff(a.Body, b.Body)}
}

// Changed reports whether the two revisions differ.
func (d RevisionDiff) Changed() bool {
	for _, part := range [][]DiffChunk{d.Title, d.Summary, d.Body} {
		for _, c := range part {
			if c.Op != DiffEqual {
				return true
			}
		}
	}
	return false
}

// WordDiff compares a and b word by word: words, runs of spaces and single
// punctuation marks are the units, so prose diffs read naturally.
func WordDiff(a, b string) []DiffChunk {
	tokens := map[string]rune{}
	var words []string
	encode := func(s string) []rune {
		var out []rune
		for _, t := range diffTokens(s) {
			r, ok := tokens[t]
			if !ok {
				r = rune(0x10000 + len(words)) // above the surrogates, one rune per distinct token
				tokens[t] = r
				words = append(words, t)
			}
			out = append(out, r)
		}
		return out
	}
	ra, rb := encode(a), encode(b)
	dmp := diffmatchpatch.New()
	var out []DiffChunk
	for _, d := range dmp.DiffMainRunes(ra, rb, false) {
		var sb strings.Builder
		for _, r := range d.Text {
			sb.WriteString(words[r-0x10000])
		}
		out = appendChunk(out, opOf(d.Type), sb.String())
	}
	return out
}

func opOf(t diffmatchpatch.Operation) DiffOp {
	switch t {
	case diffmatchpatch.DiffInsert:
		return DiffInsert
	case diffmatchpatch.DiffDelete:
		return DiffDelete
	}
	return DiffEqual
}

func appendChunk(out []DiffChunk, op DiffOp, text string) []DiffChunk {
	if text == "" {
		return out
	}
	if n := len(out); n > 0 && out[n-1].Op == op {
		out[n-1].Text += text
		return out
	}
	return append(out, DiffChunk{Op: op, Text: text})
}

// diffTokens splits s into words, runs of white space and single other
// characters.
func diffTokens(s string) []string {
	var out []string
	start, kind := 0, 0
	for i, r := range s {
		k := 3 // other: a token of its own
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			k = 1
		case unicode.IsSpace(r):
			k = 2
		}
		if i > start && (k != kind || k == 3) {
			out = append(out, s[start:i])
			start = i
		}
		kind = k
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}
