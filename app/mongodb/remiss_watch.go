package mongodb

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/samsyn/samsyn/app"
)

// colRemissWatch holds the watch's state, one document per watched
// address (_id the address).
const colRemissWatch = "remiss_watch"

func init() { collections = append(collections, colRemissWatch) }

var _ app.WatchStateStore = (*TriageStore)(nil)

type watchDoc struct {
	URL          string    `bson:"_id"`
	ETag         string    `bson:"etag,omitempty"`
	LastModified string    `bson:"last_modified,omitempty"`
	LastFetch    time.Time `bson:"last_fetch,omitempty"`
	LastOK       time.Time `bson:"last_ok,omitempty"`
	NextFetch    time.Time `bson:"next_fetch,omitempty"`
	Failures     int       `bson:"failures"`
	LastError    string    `bson:"last_error,omitempty"`
	Added        int       `bson:"added"`
}

// WatchState returns the state of the watch of url.
func (s *TriageStore) WatchState(ctx context.Context, url string) (*app.WatchState, error) {
	var d watchDoc
	if err := s.db.findByID(ctx, colRemissWatch, url, &d, "Bevakningen"); err != nil {
		return nil, err
	}
	return &app.WatchState{URL: d.URL, ETag: d.ETag, LastModified: d.LastModified, LastFetch: d.LastFetch,
		LastOK: d.LastOK, NextFetch: d.NextFetch, Failures: d.Failures, LastError: d.LastError, Added: d.Added}, nil
}

// SaveWatchState creates or replaces the state of st.URL.
func (s *TriageStore) SaveWatchState(ctx context.Context, st *app.WatchState) error {
	d := watchDoc{URL: st.URL, ETag: st.ETag, LastModified: st.LastModified, LastFetch: utcOrZero(st.LastFetch),
		LastOK: utcOrZero(st.LastOK), NextFetch: utcOrZero(st.NextFetch), Failures: st.Failures, LastError: st.LastError, Added: st.Added}
	_, err := s.db.col(colRemissWatch).ReplaceOne(ctx, bson.D{{Key: "_id", Value: d.URL}}, d, options.Replace().SetUpsert(true))
	return translate(err, "Bevakningen")
}

func utcOrZero(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	return utc(t)
}
