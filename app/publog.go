package app

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// The publication log is the public, append-only, hash-chained record of
// every publish and withdraw (DESIGN.md rule 7). Each entry names the
// statement (slug), the action, when, and the content hash of the text;
// its entry hash covers all of that and the previous entry's hash, and the
// network signs the entry hash with its Ed25519 key. Anyone holding the
// log and the public key can check that no entry was changed, removed or
// reordered since it was written (VerifyPublicationLog).
//
// An entry is written exactly once. The handler of the publish and withdraw
// events appends it after the statement is stored; should the process stop
// in between, RepairPublicationLog (at start-up and every few minutes)
// appends what the stored statements say is missing. Each entry carries a
// key (statement, action, time) that the store keeps unique, and its
// sequence number is its _id: two writers never both append the same event,
// and two appends never share a number (the loser reads the end again).

// Publication log actions.
const (
	ActionPublish  = "publish"
	ActionWithdraw = "withdraw"
)

// GenesisHash is the previous hash of the first entry.
var GenesisHash = strings.Repeat("0", 64)

// PublicationEntry is one entry of the log.
type PublicationEntry struct {
	Seq         int64
	At          time.Time // UTC, milliseconds
	Slug        string
	Action      string // ActionPublish or ActionWithdraw
	ContentHash string
	PrevHash    string
	EntryHash   string
	Signature   string // base64 Ed25519 signature of EntryHash (its 64 hex characters)
	Key         string // statement id, action and time: unique; not public
}

// entryTimeLayout is how At is written in the hashed form and in JSON.
const entryTimeLayout = "2006-01-02T15:04:05.000Z"

// FormatEntryTime writes an entry's time as the hashed form has it.
func FormatEntryTime(t time.Time) string { return t.UTC().Format(entryTimeLayout) }

// EntryBytes is the hashed form of an entry: a first line naming the
// format, then one "name: value" line per field, in this order, each
// ending in LF.
func EntryBytes(e *PublicationEntry) []byte {
	return []byte("samsyn-publication-log-v1\n" +
		"seq: " + strconv.FormatInt(e.Seq, 10) + "\n" +
		"at: " + FormatEntryTime(e.At) + "\n" +
		"slug: " + e.Slug + "\n" +
		"action: " + e.Action + "\n" +
		"content_hash: " + e.ContentHash + "\n" +
		"prev_hash: " + e.PrevHash + "\n")
}

// EntryHash is the hex SHA-256 of EntryBytes.
func EntryHash(e *PublicationEntry) string {
	sum := sha256.Sum256(EntryBytes(e))
	return hex.EncodeToString(sum[:])
}

// seal sets the entry's hash and signature.
func (e *PublicationEntry) seal(key ed25519.PrivateKey) {
	e.EntryHash = EntryHash(e)
	e.Signature = base64.StdEncoding.EncodeToString(ed25519.Sign(key, []byte(e.EntryHash)))
}

// PublicationLogStore keeps the log. LastPublication returns ENOTFOUND on
// an empty log. AppendPublication returns ECONFLICT when the entry's Seq
// or Key is taken. ListPublications lists entries by Seq, ascending, from
// after (0 for all), at most limit (0 for all).
type PublicationLogStore interface {
	LastPublication(ctx context.Context) (*PublicationEntry, error)
	PublicationByKey(ctx context.Context, key string) (*PublicationEntry, error)
	AppendPublication(ctx context.Context, e *PublicationEntry) error
	ListPublications(ctx context.Context, after int64, limit int) ([]*PublicationEntry, error)
	CountPublications(ctx context.Context) (int, error)
}

// Publications appends to the log and reads it.
type Publications struct {
	Store      PublicationLogStore
	Statements StatementStore
	Key        ed25519.PrivateKey
}

// PublicKey is the key that verifies the log's signatures.
func (p *Publications) PublicKey() ed25519.PublicKey { return p.Key.Public().(ed25519.PublicKey) }

// Entries lists the log's entries by sequence number from after (0: from
// the first), at most limit (0: all).
func (p *Publications) Entries(ctx context.Context, after int64, limit int) ([]*PublicationEntry, error) {
	return p.Store.ListPublications(ctx, after, limit)
}

// Count is how many entries the log holds.
func (p *Publications) Count(ctx context.Context) (int, error) { return p.Store.CountPublications(ctx) }

// Handler appends an entry for each publish and withdraw event.
func (p *Publications) Handler(ctx context.Context, e Event) error {
	if e.Subject.Type != "statement" || (e.Kind != "statement.publish" && e.Kind != "statement.withdraw") {
		return nil
	}
	st, err := p.Statements.StatementByID(ctx, e.Subject.ID)
	if err != nil {
		return err
	}
	if e.Kind == "statement.publish" {
		return p.record(ctx, st, ActionPublish, st.PublishedAt)
	}
	return p.record(ctx, st, ActionWithdraw, st.WithdrawnAt)
}

// Repair appends the entries the stored statements call for and the log
// lacks (a stop between a statement's write and its entry; data loaded by
// the demo or an import), oldest first: for each published or withdrawn
// statement its publication, and for a withdrawn one its withdrawal. It
// returns how many it appended.
func (p *Publications) Repair(ctx context.Context) (int, error) {
	type step struct {
		st     *Statement
		action string
		at     time.Time
	}
	var steps []step
	for page := 1; ; page++ {
		sts, _, err := p.Statements.ListStatements(ctx, StatementFilter{
			Statuses: []StatementStatus{StatementPublished, StatementWithdrawn}, Page: Page{Number: page, Size: 100}})
		if err != nil {
			return 0, err
		}
		for _, st := range sts {
			if !st.PublishedAt.IsZero() {
				steps = append(steps, step{st, ActionPublish, st.PublishedAt})
			}
			if st.Status == StatementWithdrawn && !st.WithdrawnAt.IsZero() {
				steps = append(steps, step{st, ActionWithdraw, st.WithdrawnAt})
			}
		}
		if len(sts) < 100 {
			break
		}
	}
	sort.SliceStable(steps, func(i, j int) bool { return steps[i].at.Before(steps[j].at) })
	n := 0
	for _, s := range steps {
		added, err := p.appendOnce(ctx, s.st, s.action, s.at)
		if err != nil {
			return n, err
		}
		if added {
			n++
		}
	}
	return n, nil
}

func (p *Publications) record(ctx context.Context, st *Statement, action string, at time.Time) error {
	_, err := p.appendOnce(ctx, st, action, at)
	return err
}

// appendOnce appends the entry of st's action at at unless the log has it,
// retrying when another writer took the next number first.
func (p *Publications) appendOnce(ctx context.Context, st *Statement, action string, at time.Time) (bool, error) {
	at = at.UTC().Truncate(time.Millisecond)
	key := st.ID + " " + action + " " + FormatEntryTime(at)
	for range 50 {
		if _, err := p.Store.PublicationByKey(ctx, key); err == nil {
			return false, nil
		} else if ErrorCode(err) != ENOTFOUND {
			return false, err
		}
		e := &PublicationEntry{Seq: 1, At: at, Slug: st.Slug, Action: action, ContentHash: st.ContentHash,
			PrevHash: GenesisHash, Key: key}
		last, err := p.Store.LastPublication(ctx)
		switch {
		case err == nil:
			e.Seq, e.PrevHash = last.Seq+1, last.EntryHash
		case ErrorCode(err) != ENOTFOUND:
			return false, err
		}
		e.seal(p.Key)
		err = p.Store.AppendPublication(ctx, e)
		if err == nil {
			return true, nil
		}
		if ErrorCode(err) != ECONFLICT {
			return false, err
		}
	}
	return false, fmt.Errorf("publication log: no free sequence number after 50 attempts")
}

// VerifyPublicationLog checks a whole log, in the order given: sequence
// numbers 1, 2, 3, …; each entry's hash is the hash of its fields; each
// previous hash is the entry before's hash (the genesis hash for the
// first); each signature verifies under key. It returns nil, or an error
// naming the first entry that breaks the chain and how.
func VerifyPublicationLog(entries []*PublicationEntry, key ed25519.PublicKey) error {
	prev := GenesisHash
	for i, e := range entries {
		name := fmt.Sprintf("entry %d (seq %d, %s %s)", i+1, e.Seq, e.Action, e.Slug)
		sig, err := base64.StdEncoding.DecodeString(e.Signature)
		switch {
		case e.Seq != int64(i+1):
			return fmt.Errorf("%s: sequence number %d where %d belongs: an entry was removed, added or moved", name, e.Seq, i+1)
		case e.PrevHash != prev:
			return fmt.Errorf("%s: prev_hash %s is not the hash of the entry before (%s): the chain is broken here", name, e.PrevHash, prev)
		case EntryHash(e) != e.EntryHash:
			return fmt.Errorf("%s: entry_hash %s does not match the entry's fields (%s): the entry was altered", name, e.EntryHash, EntryHash(e))
		case err != nil || !ed25519.Verify(key, []byte(e.EntryHash), sig):
			return fmt.Errorf("%s: the signature does not verify under the network's key", name)
		}
		prev = e.EntryHash
	}
	return nil
}
