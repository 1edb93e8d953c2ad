package meili

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/meilisearch/meilisearch-go"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/search/swedish"
)

var _ app.SearchIndex = (*Index)(nil)

// Index is one Meilisearch index. Index and Delete return once the server
// has applied the change, so a search right after sees it.
type Index struct {
	uid    string
	ix     meilisearch.IndexManager // with the admin key: writes, settings
	search meilisearch.IndexManager // with a key that may only search this index
}

func newIndex(client meilisearch.ServiceManager, uid string) *Index {
	ix := client.Index(uid)
	return &Index{uid: uid, ix: ix, search: ix}
}

// document is what the index holds. Empty values are left out so that
// they show up in no facet.
type document struct {
	ID          string   `json:"id"`
	Type        string   `json:"type,omitempty"`
	Kind        string   `json:"kind,omitempty"`
	Title       string   `json:"title,omitempty"`
	Slug        string   `json:"slug,omitempty"`
	Summary     string   `json:"summary,omitempty"`
	Body        string   `json:"body,omitempty"`
	Topics      []string `json:"topics,omitempty"`
	Members     []string `json:"members,omitempty"`
	Issuer      string   `json:"issuer,omitempty"`
	Status      string   `json:"status,omitempty"`
	Reference   string   `json:"reference,omitempty"`
	Terms       string   `json:"terms,omitempty"`        // the Swedish pipeline's terms of the text
	PublishedAt int64    `json:"published_at,omitempty"` // Unix milliseconds
	Year        string   `json:"year,omitempty"`
}

// Index adds or replaces documents by ID. An ID Meilisearch cannot take
// (empty, or other than letters, digits, - and _) is an EINVALID error and
// nothing is written.
func (ix *Index) Index(ctx context.Context, docs ...app.SearchDoc) error {
	if len(docs) == 0 {
		return nil
	}
	out := make([]document, 0, len(docs))
	for _, d := range docs {
		if !uidRE.MatchString(d.ID) {
			return app.Errorf(app.EINVALID, "Ogiltigt id för sökindexet: %q.", d.ID)
		}
		out = append(out, toDocument(d))
	}
	pk := fieldID
	task, err := ix.ix.AddDocuments(ctx, out, &meilisearch.DocumentOptions{PrimaryKey: &pk})
	if err != nil {
		return fmt.Errorf("meili: index into %s: %w", ix.uid, err)
	}
	return ix.wait(ctx, task)
}

// Delete removes documents by ID; unknown IDs are ignored.
func (ix *Index) Delete(ctx context.Context, ids ...string) error {
	var valid []string
	for _, id := range ids {
		if uidRE.MatchString(id) { // any other id cannot be in the index
			valid = append(valid, id)
		}
	}
	if len(valid) == 0 {
		return nil
	}
	task, err := ix.ix.DeleteDocuments(ctx, valid, nil)
	if err != nil {
		return fmt.Errorf("meili: delete from %s: %w", ix.uid, err)
	}
	return ix.wait(ctx, task)
}

func toDocument(d app.SearchDoc) document {
	doc := document{
		ID: d.ID, Type: clean(d.Type), Kind: clean(d.Kind), Title: clean(d.Title),
		Slug: clean(d.Slug), Summary: clean(d.Summary), Body: clean(d.Body),
		Topics: cleanAll(d.Topics), Members: cleanAll(d.Members),
		Issuer: clean(d.Issuer), Status: clean(d.Status), Reference: clean(d.Reference),
	}
	doc.Terms = swedish.Default().IndexText(strings.Join([]string{doc.Title, doc.Summary, doc.Body, doc.Reference, clean(d.Context)}, "\n"))
	if !d.PublishedAt.IsZero() {
		doc.PublishedAt = d.PublishedAt.UnixMilli()
		doc.Year = strconv.Itoa(d.PublishedAt.In(app.Stockholm).Year())
	}
	return doc
}

// clean makes text valid UTF-8 and removes the private-use characters the
// highlighter uses as tags, so document text can never forge a <mark>.
func clean(s string) string {
	return tagStripper.Replace(strings.ToValidUTF8(s, "\uFFFD"))
}

var tagStripper = strings.NewReplacer(preTag, "", postTag, "")

func cleanAll(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s = clean(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
