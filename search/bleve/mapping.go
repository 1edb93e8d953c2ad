package bleve

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/lang/sv"
	"github.com/blevesearch/bleve/v2/mapping"
)

// textAnalyzer analyses title, summary and body. It is Bleve's stock
// Swedish analyzer (lower case, Swedish stop words, Snowball stemmer).
// Changing it needs a re-index: an existing index keeps its mapping.
const textAnalyzer = sv.AnalyzerName

// Field names in the index.
const (
	fieldTitle     = "title"
	fieldSummary   = "summary"
	fieldBody      = "body"
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
		fm := bleve.NewTextFieldMapping()
		fm.Analyzer = textAnalyzer
		fm.Store = true // the highlighter reads the stored text
		fm.IncludeInAll = false
		doc.AddFieldMappingsAt(f, fm)
	}
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

func storedOnly() *mapping.FieldMapping {
	fm := bleve.NewTextFieldMapping()
	fm.Index = false
	fm.Store = true
	fm.IncludeInAll = false
	fm.IncludeTermVectors = false
	fm.DocValues = false
	return fm
}
