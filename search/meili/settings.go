package meili

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/meilisearch/meilisearch-go"
)

const (
	pollInterval = 50 * time.Millisecond
	facetSize    = 300     // enough for every Swedish municipality
	maxTotalHits = 100_000 // Total and pagination stop here
)

// ErrTaskFailed wraps the reason when Meilisearch reports a task as failed
// or canceled.
var ErrTaskFailed = errors.New("meili: task failed")

// Field names in the documents.
const (
	fieldID        = "id"
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
	fieldReference = "reference"
	fieldTerms     = "terms"
)

// locale is Swedish in Meilisearch's ISO 639-3 codes
// (crates/meilisearch-types/src/locales.rs: Sv → "swe").
const locale = "swe"

// searchCutoff bounds a search's time in milliseconds; Meilisearch then
// answers with the best hits found so far.
const searchCutoff = 150

// settings are applied to both indexes at start-up and verified. The
// searchable attributes are in order of weight; "terms" holds the Swedish
// pipeline's terms (base forms, compound parts, references), which the
// query meets because it is analysed by the same pipeline.
func settings() *meilisearch.Settings {
	return &meilisearch.Settings{
		SearchableAttributes: []string{fieldTitle, fieldReference, fieldSummary, fieldTerms, fieldBody},
		FilterableAttributes: []string{fieldKind, fieldTopics, fieldMembers, fieldYear, fieldType, fieldStatus, fieldIssuer},
		SortableAttributes:   []string{fieldPublished},
		// "sort" first: a search that asks for a sort (newest first, or no
		// text) is ordered by it, as Bleve orders it; one that does not is
		// ranked by relevance and then by date. In Meilisearch's default
		// order sort is fifth and would only break ties.
		RankingRules: []string{"sort", "words", "typo", "proximity", "attribute", "exactness",
			fieldPublished + ":desc"},
		TypoTolerance: &meilisearch.TypoTolerance{
			Enabled:             true,
			MinWordSizeForTypos: meilisearch.MinWordSizeForTypos{OneTypo: 5, TwoTypos: 9},
			DisableOnAttributes: []string{fieldReference},
			DisableOnWords:      []string{},
			DisableOnNumbers:    true,
		},
		LocalizedAttributes: []*meilisearch.LocalizedAttributes{{
			Locales: []string{locale}, AttributePatterns: []string{fieldTitle, fieldSummary, fieldBody, fieldTerms},
		}},
		Synonyms: map[string][]string{
			"ks": {"kommunstyrelsen"}, "kso": {"kommunstyrelsens ordförande"},
			"remiss": {"remissvar"}, "remissvar": {"remiss"},
		},
		SearchCutoffMs: searchCutoff,
		Faceting: &meilisearch.Faceting{
			MaxValuesPerFacet: facetSize,
			SortFacetValuesBy: map[string]meilisearch.SortFacetType{"*": meilisearch.SortFacetTypeCount},
		},
		Pagination: &meilisearch.Pagination{MaxTotalHits: maxTotalHits},
	}
}

// setUp creates the index when missing and applies its settings.
func (ix *Index) setUp(ctx context.Context, client meilisearch.ServiceManager) error {
	task, err := client.CreateIndex(ctx, &meilisearch.IndexConfig{Uid: ix.uid, PrimaryKey: fieldID})
	if err != nil {
		return fmt.Errorf("meili: create index %s: %w", ix.uid, err)
	}
	if err := ix.wait(ctx, task, meilisearch.APIErrCodeIndexAlreadyExists); err != nil {
		return err
	}
	task, err = ix.ix.UpdateSettings(ctx, settings())
	if err != nil {
		return fmt.Errorf("meili: settings of %s: %w", ix.uid, err)
	}
	if err := ix.wait(ctx, task); err != nil {
		return err
	}
	return ix.verify(ctx)
}

// verify reads the settings back and fails unless the server holds what
// settings asked for.
func (ix *Index) verify(ctx context.Context) error {
	got, err := ix.ix.GetSettings(ctx)
	if err != nil {
		return fmt.Errorf("meili: read settings of %s: %w", ix.uid, err)
	}
	if diff := settingsDiff(settings(), got); diff != "" {
		return fmt.Errorf("meili: settings of %s not applied: %s", ix.uid, diff)
	}
	return nil
}

// settingsDiff names the first setting in got that differs from want.
func settingsDiff(want, got *meilisearch.Settings) string {
	sorted := func(ss []string) []string { ss = slices.Clone(ss); slices.Sort(ss); return ss }
	switch {
	case !slices.Equal(want.SearchableAttributes, got.SearchableAttributes):
		return "searchableAttributes"
	case !slices.Equal(sorted(want.FilterableAttributes), sorted(got.FilterableAttributes)):
		return "filterableAttributes"
	case !slices.Equal(sorted(want.SortableAttributes), sorted(got.SortableAttributes)):
		return "sortableAttributes"
	case !slices.Equal(want.RankingRules, got.RankingRules):
		return "rankingRules"
	case got.TypoTolerance == nil || !got.TypoTolerance.Enabled ||
		got.TypoTolerance.MinWordSizeForTypos != want.TypoTolerance.MinWordSizeForTypos:
		return "typoTolerance"
	case len(got.LocalizedAttributes) != 1 || !slices.Equal(got.LocalizedAttributes[0].Locales, want.LocalizedAttributes[0].Locales):
		return "localizedAttributes"
	case got.SearchCutoffMs != want.SearchCutoffMs:
		return "searchCutoffMs"
	case got.Pagination == nil || got.Pagination.MaxTotalHits != want.Pagination.MaxTotalHits:
		return "pagination.maxTotalHits"
	case len(got.Synonyms) < len(want.Synonyms):
		return "synonyms"
	}
	return ""
}

// wait blocks until the task is done and reports its failure, unless the
// failure's code is one of ok.
func (ix *Index) wait(ctx context.Context, info *meilisearch.TaskInfo, ok ...meilisearch.APIErrCode) error {
	task, err := ix.ix.WaitForTask(ctx, info.TaskUID, pollInterval)
	if err != nil {
		return fmt.Errorf("meili: wait for task %d on %s: %w", info.TaskUID, ix.uid, err)
	}
	if task.Status == meilisearch.TaskStatusSucceeded || slices.Contains(ok, task.Error.Code) {
		return nil
	}
	return fmt.Errorf("%w: %s on %s is %s: %s (%s)", ErrTaskFailed,
		task.Type, ix.uid, task.Status, task.Error.Message, task.Error.Code)
}
