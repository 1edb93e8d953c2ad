package bleve

import (
	"bytes"
	"context"
	"reflect"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/document"
	index "github.com/blevesearch/bleve_index_api"

	"github.com/samsyn/samsyn/app"
)

// IndexTogether indexes docs into ix and otherDocs into other at the same
// time, each in one batch, and analyses the text of a document both get
// only once: a published statement goes to the public and the internal
// index with the same words, and analysing them is most of the cost of
// indexing. Each error is its own: neither index waits for the other's
// success. An other that is not a Bleve index is written the usual way.
func (ix *Index) IndexTogether(ctx context.Context, docs []app.SearchDoc, other app.SearchIndex,
	otherDocs []app.SearchDoc) (err, otherErr error) {
	o, ok := other.(*Index)
	if !ok || o == ix {
		var wg sync.WaitGroup
		wg.Go(func() { otherErr = other.Index(ctx, otherDocs...) })
		err = ix.Index(ctx, docs...)
		wg.Wait()
		return err, otherErr
	}
	mine, err := ix.documents(docs)
	theirs, otherErr := o.documents(otherDocs)
	if err == nil && otherErr == nil {
		shareAnalysis(mine, theirs)
	}
	var wg sync.WaitGroup
	if otherErr == nil {
		wg.Go(func() { otherErr = o.indexDocuments(ctx, theirs) })
	}
	if err == nil {
		err = ix.indexDocuments(ctx, mine)
	}
	wg.Wait()
	return err, otherErr
}

// shareAnalysis lets each text field of a document in a that the document
// of the same ID in b has too — the only field of its name in both, with
// the same value and options — share one analysis with it: whichever
// index analyses the field first does it for both. A field of a name
// that occurs more than once is left alone: Bleve merges the frequencies
// of such fields into the first one's, which must not be shared.
func shareAnalysis(a, b []*document.Document) {
	byID := make(map[string]*document.Document, len(a))
	for _, d := range a {
		byID[d.ID()] = d
	}
	for _, db := range b {
		da := byID[db.ID()]
		if da == nil {
			continue
		}
		fa := singleTextFields(da)
		for name, j := range singleTextFields(db) {
			i, ok := fa[name]
			if !ok {
				continue
			}
			ta, tb := da.Fields[i].(*document.TextField), db.Fields[j].(*document.TextField)
			if ta.Options() != tb.Options() || len(ta.ArrayPositions())+len(tb.ArrayPositions()) > 0 ||
				!sameAnalyzer(ta.Analyzer(), tb.Analyzer()) || !bytes.Equal(ta.Value(), tb.Value()) {
				continue
			}
			shared := &analysed{}
			da.Fields[i], db.Fields[j] = &sharedText{ta, shared}, &sharedText{tb, shared}
		}
	}
}

// singleTextFields maps the name of each text field that occurs once in d
// to its position.
func singleTextFields(d *document.Document) map[string]int {
	at, seen := map[string]int{}, map[string]int{}
	for i, f := range d.Fields {
		seen[f.Name()]++
		if _, ok := f.(*document.TextField); ok {
			at[f.Name()] = i
		}
	}
	for name := range at {
		if seen[name] > 1 {
			delete(at, name)
		}
	}
	return at
}

// sameAnalyzer reports whether a and b are the same analyzer: equal
// values of a comparable type (package swedish's pipelines are).
func sameAnalyzer(a, b analysis.Analyzer) bool {
	ta := reflect.TypeOf(a)
	return ta != nil && ta == reflect.TypeOf(b) && ta.Comparable() && a == b
}

// analysed is the outcome of analysing a field, made once.
type analysed struct {
	once   sync.Once
	length int
	freqs  index.TokenFrequencies
}

// sharedText is a text field whose analysis another index's copy of it
// may already have made. Bleve reads the frequencies and never changes
// those of a field that is alone of its name.
type sharedText struct {
	*document.TextField
	a *analysed
}

func (f *sharedText) Analyze() {
	f.a.once.Do(func() {
		f.TextField.Analyze()
		f.a.length, f.a.freqs = f.TextField.AnalyzedLength(), f.TextField.AnalyzedTokenFrequencies()
	})
}

func (f *sharedText) AnalyzedLength() int                              { return f.a.length }
func (f *sharedText) AnalyzedTokenFrequencies() index.TokenFrequencies { return f.a.freqs }
