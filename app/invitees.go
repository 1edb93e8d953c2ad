package app

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/unicode/norm"
)

// A remiss page links its invitee list (remissinstanser), usually a PDF
// with one body per line: "12. Luleå kommun". A member municipality on it
// must answer on its own too, so the harvest reads the list and names the
// members on it, for the consultation page and for triage.

// InviteeList is what the harvest read from a remiss's invitee list.
type InviteeList struct {
	URL          string
	ETag         string
	LastModified string
	Text         string // the list's text, kept so members who join later are matched without a fetch
	NoText       bool   // the list is a scan
	Members      []string
	ReadAt       time.Time // zero until the list was read
}

// MatchInvitedMembers returns the names of the members that text names as
// invited bodies, in the order of members. A member matches as "Luleå
// kommun" (or "Luleå stad", "Stockholms stad"), whatever the member's own
// name says of "kommun", or as a line that holds the bare name alone
// ("12. Luleå"); whole words, any case. "Luleå tekniska universitet" and
// "Region Norrbotten" name no municipality.
func MatchInvitedMembers(text string, members []*Member) []string {
	text = norm.NFC.String(text)
	var out []string
	for _, m := range members {
		if re := memberPattern(m.Name); re != nil && re.MatchString(text) {
			out = append(out, m.Name)
		}
	}
	return out
}

// municipalitySuffix is how a municipality's name ends.
var municipalitySuffix = regexp.MustCompile(`(?i)\s+(kommun|stad)$`)

// memberPattern matches a member's name as an invitee list writes it;
// nil for a name that is empty once "kommun" is taken off.
func memberPattern(name string) *regexp.Regexp {
	name = norm.NFC.String(strings.ToValidUTF8(name, ""))
	base := municipalitySuffix.ReplaceAllString(strings.Join(strings.Fields(name), " "), "")
	if base == "" || strings.EqualFold(base, "kommun") || strings.EqualFold(base, "stad") {
		return nil
	}
	forms := []string{regexp.QuoteMeta(base) + "s?"}
	if strings.HasSuffix(base, "s") { // "Stockholms stad" for the member "Stockholms"
		forms = append(forms, regexp.QuoteMeta(strings.TrimSuffix(base, "s")))
	}
	words := strings.ReplaceAll("(?:"+strings.Join(forms, "|")+")", `\ `, `\s+`)
	words = strings.ReplaceAll(words, " ", `\s+`)
	// Go's \b knows only ASCII letters: the boundaries are spelt out, so
	// that "Luleå" ends at "å".
	return regexp.MustCompile(`(?im)(?:(?:^|[^\pL\pN])` + words + `\s+(?:kommun|stad)(?:[^\pL\pN]|$))` +
		`|(?:^\s*(?:\d+[.)]?\s+)?` + regexp.QuoteMeta(base) + `\s*$)`)
}

// readInvitees reads the invitee list st names, when it changed, and
// matches the members on it; the members found go to the triage item
// triageID (one event when they change). The list's fetch error is
// returned after the members were matched on what was read before.
func (h *Harvester) readInvitees(ctx context.Context, actor *User, st *RemissPageState, triageID string) error {
	if st.InviteesURL == "" || h.Members == nil {
		return nil
	}
	inv := &st.Invitees
	if inv.URL != st.InviteesURL {
		*inv = InviteeList{URL: st.InviteesURL}
	}
	if !h.pause(ctx) {
		return &WatchFailure{Err: errLeaseLost} // read on the next turn
	}
	doc, fetchErr := h.Fetcher.FetchDocument(ctx, inv.URL, inv.ETag, inv.LastModified)
	if fetchErr == nil && !doc.NotModified {
		paras, err := h.Text.ExtractText(ctx, doc.Body)
		switch {
		case errors.Is(err, ErrNoText):
			inv.Text, inv.NoText = "", true
		case err != nil:
			fetchErr = Errorf(EINVALID, "error.harvest.not_pdf")
		default:
			inv.Text, inv.NoText = strings.Join(paras, "\n"), false
		}
		if err == nil || errors.Is(err, ErrNoText) {
			inv.ETag, inv.LastModified, inv.ReadAt = doc.ETag, doc.LastModified, h.Clock.Now()
		}
	}
	if inv.ReadAt.IsZero() {
		return fetchErr
	}
	members, _, err := h.Members.ListMembers(ctx, MemberFilter{ActiveOnly: true})
	if err != nil {
		return err
	}
	inv.Members = MatchInvitedMembers(inv.Text, members)
	if err := h.announceInvitees(ctx, actor, inv.Members, triageID); err != nil {
		return err
	}
	return fetchErr
}

// announceInvitees stores the invited members on the triage item, with
// one event when they changed.
func (h *Harvester) announceInvitees(ctx context.Context, actor *User, after []string, triageID string) error {
	if triageID == "" || h.Triage == nil {
		return nil
	}
	t, err := h.Triage.TriageItemByID(ctx, triageID)
	if err != nil || slices.Equal(t.InvitedMembers, after) {
		return err
	}
	v := t.Version
	t.InvitedMembers, t.UpdatedAt = slices.Clone(after), h.Clock.Now()
	if err := h.Triage.UpdateTriageItem(ctx, t); err != nil {
		return err
	}
	publish(ctx, h.Events, h.Clock, orHarvest(actor), "triage.invitees", Subject{"triage", triageID},
		strconv.Itoa(v), strconv.Itoa(t.Version), strings.Join(after, ", "))
	return nil
}
