package app

import (
	"regexp"
	"strings"
)

// signal is what one formula says about the answer's stance.
type signal int

const (
	signalNone signal = iota
	signalFor
	signalAgainst
	signalPartly
	signalNoComment
	signalSkip // the sentence reports someone else's question, not a position
	signalCount
)

// stanceRule is one formula Swedish remissvar use, with how strongly it
// states a position (3 a formal verb like "tillstyrker", 2 a softer one
// like "ser positivt på").
type stanceRule struct {
	signal signal
	weight int
	re     *regexp.Regexp
}

// proposal is what a position must be about to count: a proposal, the
// inquiry's assessment or view. "Förslagsställarens förfarande" is not one.
const proposal = `(?:förslag(?:et|en|ets|ens)?|bedömning(?:en|ar|arna)?|uppfattning(?:en)?|slutsats(?:en|erna)?|argument(?:et|en)?|betänkande(?:t)?|promemori(?:an|or)?|bifall)\b`

// negatedSupport is support turned round ("kan inte tillstyrka",
// "tillstyrker inte", "ställer sig inte bakom"): opposition, and blanked
// out before the support formulae are read so that its verb does not count
// as support too.
var negatedSupport = []*regexp.Regexp{
	rx(`\b(kan|bör|vill) (därför )?(inte|ej) (tillstyrka|ställa sig bakom|godta|acceptera|stödja|biträda)\b`),
	rx(`\b(tillstyrker|stöder|stödjer|biträder|delar) (därför )?(inte|ej)\b`),
	rx(`\bställer sig (därför )?(inte|ej) bakom\b`),
}

// stanceRules are the formulae, read on each sentence (folded: see rx).
var stanceRules = []stanceRule{
	// A sentence that is mixed by itself.
	{signalPartly, 3, rx(`\b(tillstyrk(er|s|a)|avstyrk(er|s|a)|stöd(er|jer)|ställer sig bakom)\b[^.]{0,40}\bdelvis\b`)},
	{signalPartly, 3, rx(`\bdelvis\b[^.]{0,20}\b(tillstyrk|avstyrk|ställ(a|er) sig bakom)`)},
	{signalPartly, 3, rx(`\btillstyrker\b[^.]{0,200}\bmed undantag (för|av)\b`)},

	// Opposition, including support negated.
	{signalAgainst, 3, rx(`\bavstyrk(er|s|a|t)\b`)},
	{signalAgainst, 3, rx(`\bmotsätter (sig|vi oss)\b`)},
	{signalAgainst, 3, rx(`\bställer sig (negativ|avvisande)`)},
	{signalAgainst, 3, rx(`\bavvisar\b[^.]{0,60}` + proposal)},
	{signalAgainst, 3, rx(proposal + `[^.]{0,160}\b(bör|ska|skall) (därför )?(inte|ej) (genomföras|införas|läggas till grund)`)},
	{signalAgainst, 2, rx(`\b(är|ställer sig) (mycket |starkt |därför )?(kritisk|kritiska|tveksam|tveksamma) till\b[^.]{0,60}` + proposal)},
	{signalAgainst, 2, rx(proposal + `[^.]{0,160}\b(inte|ej) (uppfyller|är godtagbar|kan godtas)`)},
	{signalAgainst, 2, rx(`\b(bör|ska|skall) (därför )?strykas\b`)},
	{signalAgainst, 2, rx(`\b(skrivning|skrivningen|formulering|formuleringen|lydelse|lydelsen|bestämmelse|bestämmelsen|stycke|stycket)\b[^.]{0,80}\b(bör|ska|skall) (därför )?tas bort\b`)},
	{signalAgainst, 2, rx(`(ifrågasätter\b[^.]{0,80}` + proposal + `|` + proposal + `[^.]{0,120}\bkan ifrågasättas\b)`)},

	// Support.
	{signalFor, 3, rx(`\btillstyrk(er|s|a)\b`)},
	{signalFor, 3, rx(`\bställer sig (därför |i huvudsak |i stort )?(positiv|positiva|positivt|bakom)\b`)},
	{signalFor, 3, rx(`\b(kan|vill) (därför |i huvudsak )?ställa sig bakom\b`)},
	{signalFor, 2, rx(`\b(delar|instämmer i|ansluter sig (därför )?till|biträder)\b[^.]{0,50}` + proposal)},
	{signalFor, 2, rx(`\b(stöder|stödjer)\b[^.]{0,50}` + proposal)},
	{signalFor, 2, rx(`\bvälkomnar\b[^.]{0,40}` + proposal)},
	{signalFor, 2, rx(`\bser (\pL+ )?positivt på (att|de föreslagna|det föreslagna|` + proposal + `)`)},
	{signalFor, 2, rx(`\bär (\pL+ )?positiv(a|t)? till\b[^.]{0,40}` + proposal)},
	{signalFor, 2, rx(proposal + `[^.]{0,120}\bbör genomföras\b`)},

	// No comments.
	{signalNoComment, 3, rx(`\b(har|lämnar|finns)\b[^.]{0,100}\b(inga|inte några|inte någon|inte något|inget|ingen)\b[^.]{0,30}\b(synpunkter|invändningar|erinringar|kommentarer|att invända|att erinra|att anföra|att tillägga|att yttra)`)},
	{signalNoComment, 3, rx(`\bavstår\b[^.]{0,40}\bfrån att (yttra|lämna|svara|kommentera)`)},
	{signalNoComment, 3, rx(`\b(inte|ej) funnit (någon )?anledning (till erinran|att (för sin del )?(yttra|kommentera|invända|erinra))`)},
	{signalNoComment, 3, rx(`\bingen anledning att (för sin del )?(yttra|kommentera)`)},
	{signalNoComment, 3, rx(`\butan erinran\b`)},

	// Someone else's question reported is nobody's position.
	{signalSkip, 1, rx(`\bfrågar\b[^.]{0,40}\bom\b`)},
}

// acceptsWithComments turns a "no objection" sentence into support: "har i
// huvudsak inget att erinra", "har inget att invända, men har synpunkter",
// "har i övrigt inga invändningar" (after a point it objects to).
var acceptsWithComments = rx(`\bi (huvudsak|allt väsentligt|stort)\b|\b(men|dock)\b[^.]*\bsynpunkt|\bi övrigt\b[^.]*\b(invändning|erinra|erinran|att invända)`)

// noObjectionTo is "no objection to" something named ("har inte någon
// erinran mot att partsrollen flyttas"): in a sentence that also opposes
// ("… men motsätter sig förslaget att anslaget minskas") it accepts one
// proposal and opposes another, which is delvis.
var noObjectionTo = rx(`\b(inte någon|inte något|inte några|inga|ingen|inget)\b[^.]{0,30}\b(erinran|erinringar|invändning|invändningar|att erinra|att invända)\s+mot\b`)

// summaryHeading marks the section whose sentences weigh double.
var summaryHeading = rx(`\b(sammanfattning|ställningstagande|inställning|sammantagen bedömning|sammanfattande|slutsats)`)

// fold maps the Swedish letters to ASCII so that Go's \b, which knows only
// ASCII word characters, finds word boundaries next to å, ä and ö. Patterns
// and sentences are folded alike; quotes are taken from the unfolded text.
var fold = strings.NewReplacer("å", "a", "ä", "a", "ö", "o", "Å", "A", "Ä", "A", "Ö", "O", "é", "e", "É", "E", "ü", "u", "Ü", "U").Replace

// rx compiles a folded, case-insensitive pattern.
func rx(pattern string) *regexp.Regexp {
	return regexp.MustCompile(`(?i)` + fold(pattern))
}
