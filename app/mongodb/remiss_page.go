package mongodb

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/samsyn/samsyn/app"
)

// colRemissPages holds the harvest's state of each remiss page (_id the
// page's address): validators, the answers and invitee list it listed,
// and the schedule (see app.Harvester).
const colRemissPages = "remiss_pages"

func init() { collections = append(collections, colRemissPages) }

var _ app.RemissPageStateStore = (*ExternalResponseStore)(nil)

type remissPageDoc struct {
	URL          string          `bson:"_id"`
	ETag         string          `bson:"etag,omitempty"`
	LastModified string          `bson:"last_modified,omitempty"`
	Answers      []answerLinkDoc `bson:"answers,omitempty"`
	InviteesURL  string          `bson:"invitees_url,omitempty"`
	LastFetch    time.Time       `bson:"last_fetch,omitempty"`
	LastOK       time.Time       `bson:"last_ok,omitempty"`
	NextFetch    time.Time       `bson:"next_fetch,omitempty"`
	Failures     int             `bson:"failures"`
	LastError    string          `bson:"last_error,omitempty"`
	Invitees     inviteeListDoc  `bson:"invitees"`
}

type answerLinkDoc struct {
	Organisation string `bson:"organisation"`
	URL          string `bson:"url"`
}

type inviteeListDoc struct {
	URL          string    `bson:"url,omitempty"`
	ETag         string    `bson:"etag,omitempty"`
	LastModified string    `bson:"last_modified,omitempty"`
	Text         string    `bson:"text,omitempty"`
	NoText       bool      `bson:"no_text"`
	Members      []string  `bson:"members,omitempty"`
	ReadAt       time.Time `bson:"read_at,omitempty"`
}

// RemissPageState returns the harvest's state of the page at url.
func (s *ExternalResponseStore) RemissPageState(ctx context.Context, url string) (*app.RemissPageState, error) {
	var d remissPageDoc
	if err := s.db.findByID(ctx, colRemissPages, url, &d, "Remissidan"); err != nil {
		return nil, err
	}
	st := &app.RemissPageState{URL: d.URL, ETag: d.ETag, LastModified: d.LastModified, InviteesURL: d.InviteesURL,
		LastFetch: d.LastFetch, LastOK: d.LastOK, NextFetch: d.NextFetch, Failures: d.Failures, LastError: d.LastError,
		Invitees: app.InviteeList{URL: d.Invitees.URL, ETag: d.Invitees.ETag, LastModified: d.Invitees.LastModified,
			Text: d.Invitees.Text, NoText: d.Invitees.NoText, Members: d.Invitees.Members, ReadAt: d.Invitees.ReadAt}}
	for _, a := range d.Answers {
		st.Answers = append(st.Answers, app.AnswerLink{Organisation: a.Organisation, URL: a.URL})
	}
	return st, nil
}

// SaveRemissPageState creates or replaces the state of st.URL, under the
// document's lock.
func (s *ExternalResponseStore) SaveRemissPageState(ctx context.Context, st *app.RemissPageState) error {
	inv := st.Invitees
	d := remissPageDoc{URL: st.URL, ETag: st.ETag, LastModified: st.LastModified, InviteesURL: st.InviteesURL,
		LastFetch: utcOrZero(st.LastFetch), LastOK: utcOrZero(st.LastOK), NextFetch: utcOrZero(st.NextFetch),
		Failures: st.Failures, LastError: st.LastError,
		Invitees: inviteeListDoc{URL: inv.URL, ETag: inv.ETag, LastModified: inv.LastModified, Text: inv.Text,
			NoText: inv.NoText, Members: inv.Members, ReadAt: utcOrZero(inv.ReadAt)}}
	for _, a := range st.Answers {
		d.Answers = append(d.Answers, answerLinkDoc{Organisation: a.Organisation, URL: a.URL})
	}
	unlock, err := s.db.lock(ctx, colRemissPages, st.URL)
	if err != nil {
		return err
	}
	defer unlock()
	_, err = s.db.col(colRemissPages).ReplaceOne(ctx, bson.D{{Key: "_id", Value: d.URL}}, d, options.Replace().SetUpsert(true))
	return translate(err, "Remissidan")
}
