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
)

func settings() *meilisearch.Settings {
	return &meilisearch.Settings{
		SearchableAttributes: []string{fieldTitle, fieldSummary, fieldBody},
		FilterableAttributes: []string{fieldKind, fieldTopics, fieldMembers, fieldYear, fieldType, fieldStatus, fieldIssuer},
		SortableAttributes:   []string{fieldPublished},
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
	return ix.wait(ctx, task)
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
