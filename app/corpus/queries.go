package corpus

import "github.com/samsyn/samsyn/app"

// QueryClass is one kind of public search the benchmark asks.
type QueryClass struct {
	Name    string
	Queries []app.SearchQuery
}

// Queries are searches a visitor of the public site makes on a corpus of
// this vocabulary, by class: plain words, misspelt words (typo1: one word, one typo; typo: two typos in
// a query of several words), words being
// typed (prefixes), words narrowed by facet filters, and the full public
// query — several words, as typed into the search page. Every class gets
// facet counts and highlighted snippets from the engines; the classes
// differ in how the text is matched.
func Queries() []QueryClass {
	q := func(text string) app.SearchQuery { return app.SearchQuery{Text: text} }
	return []QueryClass{
		{Name: "plain", Queries: []app.SearchQuery{q("elnätet"), q("kompetensförsörjningen"), q("tillståndsprövningen"),
			q("vätgasen"), q("hamnarna"), q("järnvägen"), q("miljöprövningen"), q("bostadsbyggandet")}},
		{Name: "typo1", Queries: []app.SearchQuery{q("elnätte"), q("kompetensförsörningen"), q("tillståndsprövnigen"),
			q("vätgsen"), q("hamnanra"), q("järnvägn"), q("miljöprövnigen"), q("bostadsbygandet")}},
		{Name: "prefix", Queries: []app.SearchQuery{q("elnä"), q("kompet"), q("tillstå"), q("vätg"), q("hamn"),
			q("järnv"), q("miljöpr"), q("bostadsb")}},
		{Name: "filtered", Queries: []app.SearchQuery{
			{Text: "elnätet", Topic: "elnät", Year: 2023},
			{Text: "kompetensförsörjningen", Topic: "utbildning"},
			{Text: "hamnarna", Kind: string(app.KindJointStatement)},
			{Text: "vätgasen", Member: "Luleå", Year: 2024},
			{Text: "tillståndsprövningen", Kind: string(app.KindPositionPaper), Year: 2021},
			{Text: "järnvägen", Topic: "logistik", Member: "Kiruna"},
		}},
		{Name: "full", Queries: []app.SearchQuery{q("kapacitetsbrist i elnätet"), q("snabbare tillståndsprövning för industrin"),
			q("kompetensförsörjning och yrkeshögskolan"), q("godstransporter på järnvägen i Norrbotten"),
			q("fossilfri vätgas och elektrolysörer"), q("staten måste ta ansvar för bostadsbyggandet")}},
		// Two typos a query, one edit in each of two words, as people type
		// them: typo tolerance must take part beside the exact words.
		{Name: "typo", Queries: []app.SearchQuery{q("kapacitetsbrit i elnätt"), q("snabbare tillståndsprövnig för industin"),
			q("kompetensförsörjnig och yrkeshögskoln"), q("godstransprter på järnvägn i Norrbotten"),
			q("fossilfri vätgs och elektrolysörr"), q("staten måste ta ansvar för bostadsbyggadet i kommunrna")}},
	}
}
