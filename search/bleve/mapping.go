package bleve

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"
)

// mappingVersion changes whenever the mapping or the analysis changes; an
// index built with another version is rebuilt from the store.
const mappingVersion = "samsyn-4"

// Field names in the index.
const (
	fieldTitle     = "title"
	fieldSummary   = "summary"
	fieldBody      = "body"
	fieldReference = "reference"
	fieldContext   = "context"     // the consultation answered, signers, issues (app.SearchDoc.Context)
	fieldPrefix    = "title_words" // the title's words as written: prefix search
	fieldFolded    = "folded"      // title, summary and body without å, ä, ö
	fieldWords     = "words"       // title, summary, body and context as written: for typos
	fieldKind      = "kind"
	fieldTopics    = "topics"
	fieldMembers   = "members"
	fieldType      = "type"
	fieldStatus    = "status"
	fieldIssuer    = "issuer"
	fieldYear      = "year" // Stockholm year of published_at, as text
	fieldPublished = "published_at"
	fieldHit       = "hit" // stored JSON of what a hit shows; not indexed
)

var (
	textFields    = []string{fieldTitle, fieldSummary, fieldBody}
	keywordFields = []string{fieldKind, fieldTopics, fieldMembers, fieldType, fieldStatus, fieldIssuer, fieldYear}
)

func newMapping() (*mapping.IndexMappingImpl, error) {
	doc := bleve.NewDocumentStaticMapping()
	for _, f := range textFields {
		doc.AddFieldMappingsAt(f, textField(swedishAnalyzer, true))
	}
	doc.AddFieldMappingsAt(fieldReference, textField(swedishAnalyzer, false))
	doc.AddFieldMappingsAt(fieldContext, textField(swedishAnalyzer, false))
	doc.AddFieldMappingsAt(fieldPrefix, textField(wordsAnalyzer, false))
	doc.AddFieldMappingsAt(fieldFolded, textField(foldedAnalyzer, false))
	doc.AddFieldMappingsAt(fieldWords, textField(wordsAnalyzer, false))
	for _, f := range keywordFields {
		fm := bleve.NewKeywordFieldMapping()
		fm.Store = false
		fm.IncludeInAll = false
		doc.AddFieldMappingsAt(f, fm)
	}
	date := bleve.NewDateTimeFieldMapping()
	date.Store = false
	date.IncludeInAll = false
	doc.AddFieldMappingsAt(fieldPublished, date)
	doc.AddFieldMappingsAt(fieldHit, storedOnly())

	m := bleve.NewIndexMapping()
	m.DefaultMapping = doc
	m.DefaultAnalyzer = keyword.Name
	m.IndexDynamic, m.StoreDynamic, m.DocValuesDynamic = false, false, false
	if err := m.Validate(); err != nil {
		return nil, fmt.Errorf("bleve: mapping: %w", err)
	}
	return m, nil
}

// textField is an analysed field; stored ones feed the highlighter.
func textField(analyzer string, store bool) *mapping.FieldMapping {
	fm := bleve.NewTextFieldMapping()
	fm.Analyzer = analyzer
	fm.Store = store
	fm.IncludeInAll = false
	fm.IncludeTermVectors = store
	fm.DocValues = false
	return fm
}

func storedOnly() *mapping.FieldMapping {
	fm := bleve.NewTextFieldMapping()
	fm.Index = false
	fm.Store = true
	fm.IncludeInAll = false
	fm.IncludeTermVectors = false
	fm.DocValues = false
	return fm
}
