// Command gendict derives the noun lists of package swedish from Debian's
// hunspell-sv dictionary (sv_SE.aff and sv_SE.dic, LGPL-3, by Göran
// Andersson). It keeps the simplex nouns in base form, leaving out every
// compound that the package's own splitter rebuilds from shorter nouns, and
// lists the inflected forms the package's suffix rules cannot take back to
// their base form. Run it from search/swedish:
//
//	go run ./gendict -aff /usr/share/hunspell/sv_SE.aff -dic /usr/share/hunspell/sv_SE.dic
package main

import (
	"bufio"
	"compress/gzip"
	"flag"
	"fmt"
	"log"
	"os"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/samsyn/samsyn/search/swedish"
)

// nounFlags mark a dictionary entry as a noun: its definite forms.
const nounFlags = "BCDE"

// inflectFlags are the noun inflections (definite, plural, genitive).
const inflectFlags = "ABCDEFGHIJ"

type rule struct {
	strip, add, next string // next: the flags of the form made
	cond             *regexp.Regexp
}

// flagsOf turns hunspell-sv's compounding flags into package swedish's:
// X may begin a compound, v and f add a linking s, Y may end one.
func flagsOf(hun string) swedish.Flag {
	var f swedish.Flag
	if strings.ContainsRune(hun, 'X') {
		f |= swedish.Begins
	}
	if strings.ContainsAny(hun, "vf") {
		f |= swedish.LinkingS
	}
	if strings.ContainsRune(hun, 'Y') {
		f |= swedish.Ends
	}
	return f
}

func main() {
	affPath := flag.String("aff", "/usr/share/hunspell/sv_SE.aff", "hunspell affix file")
	dicPath := flag.String("dic", "/usr/share/hunspell/sv_SE.dic", "hunspell dictionary")
	out := flag.String("out", ".", "directory to write nouns.txt.gz and forms.txt.gz into")
	flag.Parse()
	rules, err := readAffixes(*affPath)
	check(err)
	entries, err := readDic(*dicPath)
	check(err)

	nouns := map[string]string{} // lemma -> flags
	for _, e := range entries {
		w, flags := e[0], e[1]
		if strings.ContainsAny(flags, nounFlags) && isPlain(w) {
			nouns[w] += flags
		}
	}
	lemmas := make([]string, 0, len(nouns))
	for w := range nouns {
		lemmas = append(lemmas, w)
	}
	sort.Slice(lemmas, func(i, j int) bool {
		a, b := utf8.RuneCountInString(lemmas[i]), utf8.RuneCountInString(lemmas[j])
		return a < b || a == b && lemmas[i] < lemmas[j]
	})
	// Shortest first: a word the nouns kept so far already split is a compound.
	lx := swedish.NewLexicon()
	extra, err := os.ReadFile(*out + "/extra.txt") // our additions decide splits too
	check(err)
	check(lx.AddLines(string(extra)))
	var simplex, formLines []string
	for _, w := range lemmas {
		if lx.IsCompound(w) {
			continue
		}
		f := flagsOf(nouns[w])
		lx.AddNoun(w, f)
		simplex = append(simplex, w+" "+swedish.FormatFlags(f))
		for _, m := range modifierForms(w, nouns[w], rules) {
			if m != w && m != w+"s" && !lx.IsNoun(m) {
				lx.AddForm(m, w, true)
				formLines = append(formLines, m+" "+w+" +")
			}
		}
	}
	seen := map[string]bool{}
	for _, line := range simplex {
		w, _, _ := strings.Cut(line, " ")
		for _, f := range inflect(w, nouns[w], rules) {
			if lx.IsNoun(f) || seen[f] {
				continue
			}
			if b, ok := lx.Base(f); !ok || b != w {
				seen[f] = true
				formLines = append(formLines, f+" "+w)
			}
		}
	}
	sort.Strings(simplex)
	sort.Strings(formLines)
	check(writeGz(*out+"/nouns.txt.gz", simplex))
	check(writeGz(*out+"/forms.txt.gz", formLines))
	fmt.Printf("%d nouns in the dictionary, %d simplex kept, %d other forms\n", len(lemmas), len(simplex), len(formLines))
}

func isPlain(w string) bool {
	if utf8.RuneCountInString(w) < 2 || strings.ToLower(w) != w {
		return false
	}
	for _, r := range w {
		if !(r >= 'a' && r <= 'z' || strings.ContainsRune("åäöéü", r)) {
			return false
		}
	}
	return true
}

func inflect(w, flags string, rules map[byte][]rule) []string {
	var out []string
	for i := 0; i < len(flags); i++ {
		if !strings.ContainsRune(inflectFlags, rune(flags[i])) {
			continue
		}
		for _, r := range rules[flags[i]] {
			if !r.cond.MatchString(w) || !strings.HasSuffix(w, r.strip) {
				continue
			}
			out = append(out, strings.TrimSuffix(w, r.strip)+r.add)
		}
	}
	return out
}

// modifierForms are the forms of w its affixes mark as compound parts
// (ränte- for ränta).
func modifierForms(w, flags string, rules map[byte][]rule) []string {
	var out []string
	for i := 0; i < len(flags); i++ {
		for _, r := range rules[flags[i]] {
			if strings.ContainsAny(r.next, "XU") && r.cond.MatchString(w) && strings.HasSuffix(w, r.strip) {
				out = append(out, strings.TrimSuffix(w, r.strip)+r.add)
			}
		}
	}
	return out
}

func readAffixes(path string) (map[byte][]rule, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rules := map[byte][]rule{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) < 5 || fs[0] != "SFX" || len(fs[1]) != 1 {
			continue
		}
		strip, add, cond := fs[2], fs[3], fs[4]
		if strip == "0" {
			strip = ""
		}
		add, next, _ := strings.Cut(add, "/")
		if add == "0" {
			add = ""
		}
		re, err := regexp.Compile(cond + "$")
		if err != nil {
			return nil, fmt.Errorf("condition %q: %w", cond, err)
		}
		rules[fs[1][0]] = append(rules[fs[1][0]], rule{strip: strip, add: add, next: next, cond: re})
	}
	return rules, sc.Err()
}

func readDic(path string) ([][2]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out [][2]string
	sc := bufio.NewScanner(f)
	sc.Scan() // the count
	for sc.Scan() {
		w, flags, _ := strings.Cut(strings.TrimSpace(sc.Text()), "/")
		out = append(out, [2]string{w, flags})
	}
	return out, sc.Err()
}

func writeGz(path string, lines []string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	zw.Header.Name = strings.TrimSuffix(path[strings.LastIndex(path, "/")+1:], ".gz")
	_, err = zw.Write([]byte(strings.Join(lines, "\n") + "\n"))
	if cerr := zw.Close(); err == nil {
		err = cerr
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
