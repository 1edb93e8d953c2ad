package bleve

import (
	"encoding/json"
	"testing"

	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
)

type segment struct {
	id   uint64
	docs int64
}

func (s segment) Id() uint64          { return s.id }
func (s segment) FullSize() int64     { return s.docs }
func (s segment) LiveSize() int64     { return s.docs }
func (s segment) HasVector() bool     { return false }
func (s segment) FileSize() int64     { return s.docs * 8000 }
func (s segment) LiveFileSize() int64 { return s.docs * 8000 }

// mergeOptions are the planner options scorch makes of runtimeConfig: its
// defaults with the JSON of ours laid over them.
func mergeOptions(t *testing.T) *mergeplan.MergePlanOptions {
	t.Helper()
	o := mergeplan.DefaultMergePlanOptions
	b, err := json.Marshal(runtimeConfig()["scorchMergePlanOptions"])
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &o); err != nil {
		t.Fatal(err)
	}
	if err := mergeplan.ValidateMergePlannerOptions(&o); err != nil {
		t.Fatal(err)
	}
	return &o
}

// merged returns how many documents the plan for segs rewrites.
func merged(t *testing.T, segs []mergeplan.Segment, o *mergeplan.MergePlanOptions) int64 {
	t.Helper()
	plan, err := mergeplan.Plan(segs, o)
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	if plan != nil {
		for _, task := range plan.Tasks {
			for _, s := range task.Segments {
				n += s.LiveSize()
			}
		}
	}
	return n
}

// TestSmallIndexIsNotRewrittenForEachWrite: an index of 1,000 documents
// in two segments and a new one-document segment (a saved draft): Bleve's
// default plan merges all 1,001 documents into one segment; ours leaves
// them, and merges a handful of small segments among themselves.
func TestSmallIndexIsNotRewrittenForEachWrite(t *testing.T) {
	t.Parallel()
	ours := mergeOptions(t)
	afterSave := []mergeplan.Segment{segment{1, 500}, segment{2, 500}, segment{3, 1}}
	if n := merged(t, afterSave, &mergeplan.DefaultMergePlanOptions); n != 1001 {
		t.Fatalf("Bleve's default plan rewrites %d documents, want all 1001 (else this test shows nothing)", n)
	}
	if n := merged(t, afterSave, ours); n != 0 {
		t.Errorf("our plan rewrites %d of 1001 documents after one save, want none", n)
	}
	many := []mergeplan.Segment{segment{1, 500}, segment{2, 500}}
	for i := range 8 {
		many = append(many, segment{uint64(10 + i), 1})
	}
	if n := merged(t, many, ours); n == 0 || n > 8 {
		t.Errorf("after eight saves our plan rewrites %d documents, want the small segments only (1–8)", n)
	}
}
