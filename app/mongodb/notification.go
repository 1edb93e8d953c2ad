package mongodb

import (
	"context"
	"errors"
	"slices"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/samsyn/samsyn/app"
)

// Notifications live in the notifications collection (unique per event and
// recipient, which makes a repeated handler harmless) and, per user, an
// inbox document (_id the user's id) with the unread count and the newest
// unread notifications: the bell and the desk read one document by _id,
// the only lookup the embedded store answers from an index (dialect.go),
// where counting the notifications would read them all. Users' follows
// and preferences (one document each, _id the user's id) are kept too, and claims of work done once a day (a digest, a statement's reminder),
// unique per key and day.
const (
	colNotifications = "notifications"
	colFollows       = "follows"
	colNotifyPrefs   = "notify_prefs"
	colDayClaims     = "day_claims"
	colInbox         = "notify_inbox"
)

func init() {
	indexes = append(indexes,
		index{colNotifications, bson.D{{Key: "event_id", Value: 1}, {Key: "user_id", Value: 1}}, true},
		index{colNotifications, bson.D{{Key: "user_id", Value: 1}, {Key: "created_at", Value: -1}}, false},
		index{colNotifications, bson.D{{Key: "mail", Value: 1}, {Key: "created_at", Value: 1}}, false},
		index{colFollows, bson.D{{Key: "user_id", Value: 1}, {Key: "type", Value: 1}, {Key: "subject_id", Value: 1}}, true},
		index{colFollows, bson.D{{Key: "type", Value: 1}, {Key: "subject_id", Value: 1}}, false},
		index{colDayClaims, bson.D{{Key: "key", Value: 1}, {Key: "day", Value: 1}}, true},
	)
	collections = append(collections, colNotifications, colFollows, colNotifyPrefs, colDayClaims, colInbox)
}

// NotificationStore keeps notifications, follows and preferences.
type NotificationStore struct{ db *DB }

var _ app.NotificationStore = (*NotificationStore)(nil)

// NewNotificationStore returns a store on db.
func NewNotificationStore(db *DB) *NotificationStore { return &NotificationStore{db: db} }

const notificationWhat = "Notisen"

type notificationDoc struct {
	ID          bson.ObjectID `bson:"_id"`
	UserID      string        `bson:"user_id"`
	EventID     string        `bson:"event_id"`
	Kind        string        `bson:"kind"`
	Title       string        `bson:"title"`
	Body        string        `bson:"body,omitempty"`
	URL         string        `bson:"url"`
	SubjectType string        `bson:"subject_type"`
	SubjectID   string        `bson:"subject_id"`
	CreatedAt   time.Time     `bson:"created_at"`
	ReadAt      time.Time     `bson:"read_at,omitempty"`
	Mail        string        `bson:"mail"`
	MailedAt    time.Time     `bson:"mailed_at,omitempty"`
}

func (d *notificationDoc) notification() *app.Notification {
	return &app.Notification{ID: d.ID.Hex(), UserID: d.UserID, EventID: d.EventID, Kind: app.NotifyKind(d.Kind),
		Title: d.Title, Body: d.Body, URL: d.URL, Subject: app.Subject{Type: d.SubjectType, ID: d.SubjectID},
		CreatedAt: d.CreatedAt, ReadAt: d.ReadAt, Mail: app.MailMode(d.Mail), MailedAt: d.MailedAt}
}

// AddNotifications inserts each notification; one already stored for the
// same event and user is a duplicate key, skipped.
func (s *NotificationStore) AddNotifications(ctx context.Context, ns []*app.Notification) (int, error) {
	added := 0
	for _, n := range ns {
		d := notificationDoc{ID: bson.NewObjectID(), UserID: n.UserID, EventID: n.EventID, Kind: string(n.Kind),
			Title: n.Title, Body: n.Body, URL: n.URL, SubjectType: n.Subject.Type, SubjectID: n.Subject.ID,
			CreatedAt: utc(n.CreatedAt), Mail: string(n.Mail)}
		_, err := s.db.col(colNotifications).InsertOne(ctx, d)
		switch {
		case err == nil:
			n.ID, n.CreatedAt = d.ID.Hex(), d.CreatedAt
			added++
			if err := s.updateInbox(ctx, n.UserID, func(in *inboxDoc) { in.add(d) }); err != nil {
				return added, err
			}
		case isDuplicate(err):
		default:
			return added, translate(err, notificationWhat)
		}
	}
	return added, nil
}

func unreadFilter(userID string) bson.D {
	return bson.D{{Key: "user_id", Value: userID}, {Key: "read_at", Value: bson.D{{Key: "$exists", Value: false}}}}
}

// ListNotifications lists a user's notifications, newest first.
func (s *NotificationStore) ListNotifications(ctx context.Context, f app.NotificationFilter) ([]*app.Notification, int, error) {
	filter := bson.D{{Key: "user_id", Value: f.UserID}}
	if f.UnreadOnly {
		filter = unreadFilter(f.UserID)
	}
	docs, total, err := findPage[notificationDoc](ctx, s.db.col(colNotifications), filter,
		bson.D{{Key: "created_at", Value: -1}, {Key: "_id", Value: -1}}, f.Page)
	if err != nil {
		return nil, 0, err
	}
	out := make([]*app.Notification, len(docs))
	for i := range docs {
		out[i] = docs[i].notification()
	}
	return out, total, nil
}

// CountUnread is the user's unread count, from their inbox document.
func (s *NotificationStore) CountUnread(ctx context.Context, userID string) (int, error) {
	in, err := s.inbox(ctx, userID)
	return in.Unread, err
}

// RecentUnread returns the user's newest unread notifications of mentions
// and replies (at most inboxRecent) and the unread count of all kinds,
// from their inbox document.
func (s *NotificationStore) RecentUnread(ctx context.Context, userID string) ([]*app.Notification, int, error) {
	in, err := s.inbox(ctx, userID)
	out := make([]*app.Notification, len(in.Recent))
	for i := range in.Recent {
		out[i] = in.Recent[i].notification()
	}
	return out, in.Unread, err
}

// MarkRead sets read_at on the user's unread notifications ids (all of
// them when ids is nil). Ids that are not the user's are not touched.
func (s *NotificationStore) MarkRead(ctx context.Context, userID string, ids []string, at time.Time) (int, error) {
	filter := unreadFilter(userID)
	if ids != nil {
		oids := make(bson.A, 0, len(ids))
		for _, id := range ids {
			if o, err := bson.ObjectIDFromHex(id); err == nil {
				oids = append(oids, o)
			}
		}
		if len(oids) == 0 {
			return 0, nil
		}
		filter = append(filter, bson.E{Key: "_id", Value: bson.D{{Key: "$in", Value: oids}}})
	}
	n, err := s.setRead(ctx, filter, at)
	if err != nil {
		return 0, err
	}
	return n, s.updateInbox(ctx, userID, func(in *inboxDoc) {
		if ids == nil {
			in.Unread, in.Recent = 0, nil
			return
		}
		in.read(n, func(d *notificationDoc) bool { return slices.Contains(ids, d.ID.Hex()) })
	})
}

// MarkSubjectRead sets read_at on the user's unread notifications about
// subject. It reads the inbox document first and writes only when one of
// the newest unread is about subject, so that opening a page costs one
// lookup by _id when there is nothing to mark.
func (s *NotificationStore) MarkSubjectRead(ctx context.Context, userID string, subject app.Subject, at time.Time) error {
	in, err := s.inbox(ctx, userID)
	if err != nil || !slices.Contains(in.Subjects, subjectKey(subject.Type, subject.ID)) {
		return err
	}
	filter := append(unreadFilter(userID), bson.E{Key: "subject_type", Value: subject.Type}, bson.E{Key: "subject_id", Value: subject.ID})
	n, err := s.setRead(ctx, filter, at)
	if err != nil {
		return err
	}
	return s.updateInbox(ctx, userID, func(in *inboxDoc) {
		in.read(n, func(d *notificationDoc) bool { return about(d, subject) })
		in.Subjects = slices.DeleteFunc(in.Subjects, func(k string) bool { return k == subjectKey(subject.Type, subject.ID) })
	})
}

// setRead sets read_at on the unread notifications filter finds, one at a
// time under each one's lock: FerretDB writes a whole document back, and
// an unlocked write could undo the mail job's claim of the same one.
func (s *NotificationStore) setRead(ctx context.Context, filter bson.D, at time.Time) (int, error) {
	cur, err := s.db.col(colNotifications).Find(ctx, filter, options.Find().SetProjection(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		return 0, translate(err, notificationWhat)
	}
	var ids []struct {
		ID bson.ObjectID `bson:"_id"`
	}
	if err := cur.All(ctx, &ids); err != nil {
		return 0, translate(err, notificationWhat)
	}
	n := 0
	for _, d := range ids {
		changed, err := s.markOneRead(ctx, d.ID, at)
		if err != nil {
			return n, err
		}
		if changed {
			n++
		}
	}
	return n, nil
}

func (s *NotificationStore) markOneRead(ctx context.Context, id bson.ObjectID, at time.Time) (bool, error) {
	unread := bson.D{{Key: "read_at", Value: bson.D{{Key: "$exists", Value: false}}}}
	return s.claimed(s.db.guardedUpdate(ctx, colNotifications, id, unread, func(raw bson.Raw) error {
		if _, err := raw.LookupErr("read_at"); err == nil {
			return errTaken
		}
		return nil
	}, bson.D{{Key: "$set", Value: bson.D{{Key: "read_at", Value: utc(at)}}}}, notificationWhat, nil))
}

// errTaken is a guarded update's refusal because someone got there first.
var errTaken = app.Errorf(app.ECONFLICT, "taken")

// claimed turns a guarded update's answer into whether it changed the
// document: a refusal (errTaken, or a conflict on MongoDB's filter) is
// no error, only no change.
func (s *NotificationStore) claimed(err error) (bool, error) {
	switch {
	case err == nil:
		return true, nil
	case err == errTaken || app.ErrorCode(err) == app.ECONFLICT || app.ErrorCode(err) == app.ENOTFOUND:
		return false, nil
	}
	return false, err
}

func about(d *notificationDoc, subject app.Subject) bool {
	return d.SubjectType == subject.Type && d.SubjectID == subject.ID
}

// The inbox document stays small, since every page reads it: it keeps
// the newest inboxRecent unread notifications of mentions and replies (what
// the desk lists as comments awaiting the user) and the subjects, newest
// first, of up to inboxSubjects unread ones (so that opening a page knows
// at once whether anything about it is unread).
const (
	inboxRecent   = 10
	inboxSubjects = 100
)

// inboxDoc is one user's unread count, newest unread notifications of
// mentions and replies, and the subjects of the newest unread ones.
type inboxDoc struct {
	UserID   string            `bson:"_id"`
	Unread   int               `bson:"unread"`
	Recent   []notificationDoc `bson:"recent"`
	Subjects []string          `bson:"subjects"`
	Version  int               `bson:"version"`
}

func subjectKey(typ, id string) string { return typ + "/" + id }

func (in *inboxDoc) add(d notificationDoc) {
	in.Unread++
	key := subjectKey(d.SubjectType, d.SubjectID)
	in.Subjects = append([]string{key}, slices.DeleteFunc(in.Subjects, func(k string) bool { return k == key })...)
	in.Subjects = in.Subjects[:min(len(in.Subjects), inboxSubjects)]
	if k := app.NotifyKind(d.Kind); k == app.NotifyMention || k == app.NotifyReply {
		in.Recent = append([]notificationDoc{d}, in.Recent...)
		in.Recent = in.Recent[:min(len(in.Recent), inboxRecent)]
	}
}

// read takes n notifications off the unread count and those that match
// off the newest.
func (in *inboxDoc) read(n int, match func(*notificationDoc) bool) {
	in.Unread = max(0, in.Unread-n)
	in.Recent = slices.DeleteFunc(in.Recent, func(d notificationDoc) bool { return match(&d) })
	if in.Unread == 0 {
		in.Recent, in.Subjects = nil, nil
	}
}

// inbox reads the user's inbox document; an empty one when there is none.
func (s *NotificationStore) inbox(ctx context.Context, userID string) (*inboxDoc, error) {
	var in inboxDoc
	err := s.db.col(colInbox).FindOne(ctx, bson.D{{Key: "_id", Value: userID}}).Decode(&in)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return &inboxDoc{UserID: userID}, nil
	}
	return &in, translate(err, notificationWhat)
}

// updateInbox applies change to the user's inbox document: read, change
// and write under the document's lock (which serialises this process's
// writers), the write conditional on the version read (which, on MongoDB,
// holds across processes; a writer that lost tries again).
func (s *NotificationStore) updateInbox(ctx context.Context, userID string, change func(*inboxDoc)) error {
	for range 50 {
		done, err := s.tryUpdateInbox(ctx, userID, change)
		if done || err != nil {
			return err
		}
	}
	return app.Errorf(app.ECONFLICT, "%s har ändrats av någon annan. Läs in den igen och försök på nytt.", notificationWhat)
}

func (s *NotificationStore) tryUpdateInbox(ctx context.Context, userID string, change func(*inboxDoc)) (bool, error) {
	unlock, err := s.db.lock(ctx, colInbox, userID)
	if err != nil {
		return false, err
	}
	defer unlock()
	in, err := s.inbox(ctx, userID)
	if err != nil {
		return false, err
	}
	v := in.Version
	change(in)
	in.Version = v + 1
	if v == 0 {
		_, err = s.db.col(colInbox).InsertOne(ctx, in)
		if isDuplicate(err) {
			return false, nil
		}
		return true, translate(err, notificationWhat)
	}
	res, err := s.db.col(colInbox).UpdateOne(ctx, s.db.dialect.updateFilter(userID, bson.D{{Key: "version", Value: v}}),
		bson.D{{Key: "$set", Value: bson.D{{Key: "unread", Value: in.Unread}, {Key: "recent", Value: in.Recent},
			{Key: "subjects", Value: in.Subjects}, {Key: "version", Value: in.Version}}}})
	if err != nil {
		return false, translate(err, notificationWhat)
	}
	return res.MatchedCount == 1, nil
}

// PendingMail lists notifications waiting in mode, oldest first.
func (s *NotificationStore) PendingMail(ctx context.Context, mode app.MailMode, before time.Time, limit int) ([]*app.Notification, error) {
	filter := bson.D{{Key: "mail", Value: string(mode)}, {Key: "created_at", Value: bson.D{{Key: "$lt", Value: utc(before)}}}}
	cur, err := s.db.col(colNotifications).Find(ctx, filter,
		options.Find().SetSort(bson.D{{Key: "created_at", Value: 1}, {Key: "_id", Value: 1}}).SetLimit(int64(limit)))
	if err != nil {
		return nil, translate(err, notificationWhat)
	}
	var docs []notificationDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, translate(err, notificationWhat)
	}
	out := make([]*app.Notification, len(docs))
	for i := range docs {
		out[i] = docs[i].notification()
	}
	return out, nil
}

var pendingModes = bson.A{string(app.MailNow), string(app.MailDigest)}

// MarkMailed moves each id from pending to sent, one conditional update
// each under the document's lock: of two senders only one changes it.
func (s *NotificationStore) MarkMailed(ctx context.Context, ids []string, at time.Time) ([]string, error) {
	var claimed []string
	for _, id := range ids {
		o, err := bson.ObjectIDFromHex(id)
		if err != nil {
			continue
		}
		ok, err := s.claimMail(ctx, o, at)
		if err != nil {
			return claimed, err
		}
		if ok {
			claimed = append(claimed, id)
		}
	}
	return claimed, nil
}

func (s *NotificationStore) claimMail(ctx context.Context, id bson.ObjectID, at time.Time) (bool, error) {
	pending := bson.D{{Key: "mail", Value: bson.D{{Key: "$in", Value: pendingModes}}}}
	return s.claimed(s.db.guardedUpdate(ctx, colNotifications, id, pending, func(raw bson.Raw) error {
		if m, _ := raw.Lookup("mail").StringValueOK(); m != string(app.MailNow) && m != string(app.MailDigest) {
			return errTaken
		}
		return nil
	}, bson.D{{Key: "$set", Value: bson.D{{Key: "mail", Value: string(app.MailSent)}, {Key: "mailed_at", Value: utc(at)}}}},
		notificationWhat, nil))
}

// ReleaseMail puts ids back to mode.
func (s *NotificationStore) ReleaseMail(ctx context.Context, ids []string, mode app.MailMode) error {
	for _, id := range ids {
		o, err := bson.ObjectIDFromHex(id)
		if err != nil {
			continue
		}
		unlock, err := s.db.lock(ctx, colNotifications, id)
		if err != nil {
			return err
		}
		_, err = s.db.col(colNotifications).UpdateOne(ctx, bson.D{{Key: "_id", Value: o}},
			bson.D{{Key: "$set", Value: bson.D{{Key: "mail", Value: string(mode)}}}, {Key: "$unset", Value: bson.D{{Key: "mailed_at", Value: ""}}}})
		unlock()
		if err != nil {
			return translate(err, notificationWhat)
		}
	}
	return nil
}

// ClaimDay inserts the claim of key on day; ECONFLICT when it exists.
func (s *NotificationStore) ClaimDay(ctx context.Context, key string, day app.Date, at time.Time) error {
	_, err := s.db.col(colDayClaims).InsertOne(ctx, bson.D{{Key: "_id", Value: bson.NewObjectID()},
		{Key: "key", Value: key}, {Key: "day", Value: dateValue(day)}, {Key: "at", Value: utc(at)}})
	return translate(err, "Utskicket")
}

// ReleaseDay deletes the claim of key on day.
func (s *NotificationStore) ReleaseDay(ctx context.Context, key string, day app.Date) error {
	_, err := s.db.col(colDayClaims).DeleteOne(ctx, bson.D{{Key: "key", Value: key}, {Key: "day", Value: dateValue(day)}})
	return translate(err, "Utskicket")
}

type followDoc struct {
	ID          bson.ObjectID `bson:"_id"`
	UserID      string        `bson:"user_id"`
	SubjectType string        `bson:"type"`
	SubjectID   string        `bson:"subject_id"`
	On          bool          `bson:"on"`
	At          time.Time     `bson:"at"`
}

func (d *followDoc) follow() *app.Follow {
	return &app.Follow{UserID: d.UserID, Subject: app.Subject{Type: d.SubjectType, ID: d.SubjectID}, On: d.On, At: d.At}
}

// SetFollow records the user's choice about the subject, replacing an
// earlier one.
func (s *NotificationStore) SetFollow(ctx context.Context, f *app.Follow) error {
	key := bson.D{{Key: "user_id", Value: f.UserID}, {Key: "type", Value: f.Subject.Type}, {Key: "subject_id", Value: f.Subject.ID}}
	unlock, err := s.db.lock(ctx, colFollows, f.UserID+"/"+f.Subject.Type+"/"+f.Subject.ID)
	if err != nil {
		return err
	}
	defer unlock()
	_, err = s.db.col(colFollows).UpdateOne(ctx, key,
		bson.D{{Key: "$set", Value: bson.D{{Key: "on", Value: f.On}, {Key: "at", Value: utc(f.At)}}},
			{Key: "$setOnInsert", Value: bson.D{{Key: "_id", Value: bson.NewObjectID()}}}},
		options.UpdateOne().SetUpsert(true))
	if isDuplicate(err) { // made meanwhile by another request: set it
		_, err = s.db.col(colFollows).UpdateOne(ctx, key,
			bson.D{{Key: "$set", Value: bson.D{{Key: "on", Value: f.On}, {Key: "at", Value: utc(f.At)}}}})
	}
	return translate(err, "Bevakningen")
}

func (s *NotificationStore) follows(ctx context.Context, filter bson.D) ([]*app.Follow, error) {
	cur, err := s.db.col(colFollows).Find(ctx, filter, options.Find().SetSort(bson.D{{Key: "at", Value: -1}}))
	if err != nil {
		return nil, translate(err, "Bevakningen")
	}
	var docs []followDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, translate(err, "Bevakningen")
	}
	out := make([]*app.Follow, len(docs))
	for i := range docs {
		out[i] = docs[i].follow()
	}
	return out, nil
}

// Follows lists the user's follows, newest first.
func (s *NotificationStore) Follows(ctx context.Context, userID string) ([]*app.Follow, error) {
	return s.follows(ctx, bson.D{{Key: "user_id", Value: userID}})
}

// Followers lists the follows of subject.
func (s *NotificationStore) Followers(ctx context.Context, subject app.Subject) ([]*app.Follow, error) {
	return s.follows(ctx, bson.D{{Key: "type", Value: subject.Type}, {Key: "subject_id", Value: subject.ID}})
}

type notifyPrefsDoc struct {
	UserID  string            `bson:"_id"`
	Lang    string            `bson:"lang"`
	Mail    map[string]string `bson:"mail"`
	Version int               `bson:"version"`
}

// NotifyPrefs returns the user's preferences, empty when none are stored.
func (s *NotificationStore) NotifyPrefs(ctx context.Context, userID string) (*app.NotifyPrefs, error) {
	var d notifyPrefsDoc
	err := s.db.col(colNotifyPrefs).FindOne(ctx, bson.D{{Key: "_id", Value: userID}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return &app.NotifyPrefs{UserID: userID, Mail: map[app.NotifyKind]app.MailMode{}}, nil
	}
	if err != nil {
		return nil, translate(err, "Inställningarna")
	}
	p := &app.NotifyPrefs{UserID: d.UserID, Lang: d.Lang, Mail: map[app.NotifyKind]app.MailMode{}, Version: d.Version}
	for k, v := range d.Mail {
		p.Mail[app.NotifyKind(k)] = app.MailMode(v)
	}
	return p, nil
}

// SaveNotifyPrefs inserts the first version or replaces the stored one
// when p.Version matches it.
func (s *NotificationStore) SaveNotifyPrefs(ctx context.Context, p *app.NotifyPrefs) error {
	d := notifyPrefsDoc{UserID: p.UserID, Lang: p.Lang, Mail: map[string]string{}, Version: p.Version + 1}
	for k, v := range p.Mail {
		d.Mail[string(k)] = string(v)
	}
	if p.Version == 0 {
		if _, err := s.db.col(colNotifyPrefs).InsertOne(ctx, d); err != nil {
			return translate(err, "Inställningarna")
		}
		p.Version = d.Version
		return nil
	}
	unlock, err := s.db.lock(ctx, colNotifyPrefs, p.UserID)
	if err != nil {
		return err
	}
	defer unlock()
	res, err := s.db.col(colNotifyPrefs).ReplaceOne(ctx,
		bson.D{{Key: "_id", Value: p.UserID}, {Key: "version", Value: p.Version}}, d)
	if err != nil {
		return translate(err, "Inställningarna")
	}
	if res.MatchedCount == 0 {
		return app.NewError(app.ECONFLICT, app.Msg("error.changed_by_other", "version", p.Version))
	}
	p.Version = d.Version
	return nil
}
