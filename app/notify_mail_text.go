package app

import (
	"context"
	"slices"
	"strconv"
	"strings"
)

// The texts of notification mails, in the user's language. A mail names
// the network and what happened (the notification's title), links to it
// on this site and to a page that stops e-mail of its kind — nothing
// else: no statement's text ever travels by e-mail.

// t returns message key with args in lang.
func (j *NotificationMailer) t(lang, key string, args ...any) string {
	return j.Translate(lang, Msg(key, args...))
}

// link makes path on this site an absolute address.
func (j *NotificationMailer) link(path string) string {
	return strings.TrimSuffix(j.BaseURL, "/") + path
}

// oneLine keeps a header to one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// unsubscribeLines are the footer lines that stop e-mail of each kind.
// It returns the first kind's link.
func (j *NotificationMailer) unsubscribeLines(ctx context.Context, b *strings.Builder, to *mailRecipient, kinds []NotifyKind) (string, error) {
	lang := to.prefs.Language()
	first, query, settings := "", "?", "/internt/installningar" // the pages open in the mail's language
	if lang != "sv" {
		query, settings = "?lang="+lang+"&", settings+"?lang="+lang
	}
	for _, k := range kinds {
		tok, err := j.Unsubscribes.Token(ctx, to.user.ID, k)
		if err != nil {
			return "", err
		}
		link := j.link("/avregistrera" + query + "t=" + tok)
		if first == "" {
			first = link
		}
		b.WriteString(j.t(lang, "notify_mail.unsubscribe", "kind", j.Translate(lang, NotifyKindLabel(k))) + "\n" + link + "\n")
	}
	b.WriteString(j.t(lang, "notify_mail.settings") + "\n" + j.link(settings) + "\n\n")
	b.WriteString(j.t(lang, "notify_mail.auto", "network", j.NetworkName) + "\n")
	return first, nil
}

// immediateMail is the mail of one notification.
func (j *NotificationMailer) immediateMail(ctx context.Context, to *mailRecipient, n *Notification) (*Mail, error) {
	lang := to.prefs.Language()
	title := oneLine(j.Translate(lang, n.Title))
	var b strings.Builder
	b.WriteString(j.t(lang, "notify_mail.greeting", "name", to.user.Name) + "\n\n")
	b.WriteString(title + "\n\n")
	b.WriteString(j.t(lang, "notify_mail.open") + "\n" + j.link(n.URL) + "\n\n-- \n")
	b.WriteString(j.t(lang, "notify_mail.why_now", "kind", j.Translate(lang, NotifyKindLabel(n.Kind)),
		"network", j.NetworkName) + "\n")
	unsub, err := j.unsubscribeLines(ctx, &b, to, []NotifyKind{n.Kind})
	if err != nil {
		return nil, err
	}
	return &Mail{To: to.user.Email, ToName: to.user.Name, Body: b.String(), Unsubscribe: unsub,
		Subject: oneLine(j.t(lang, "notify_mail.subject", "network", j.NetworkName, "title", title))}, nil
}

// digestMail is one mail listing ns, oldest first.
func (j *NotificationMailer) digestMail(ctx context.Context, to *mailRecipient, ns []*Notification) (*Mail, error) {
	lang := to.prefs.Language()
	var b strings.Builder
	b.WriteString(j.t(lang, "notify_mail.greeting", "name", to.user.Name) + "\n\n")
	b.WriteString(j.t(lang, "notify_mail.digest.intro") + "\n\n")
	var kinds []NotifyKind
	for _, n := range ns {
		b.WriteString("• " + oneLine(j.Translate(lang, n.Title)) + "\n  " + j.link(n.URL) + "\n\n")
		if !slices.Contains(kinds, n.Kind) {
			kinds = append(kinds, n.Kind)
		}
	}
	b.WriteString("-- \n" + j.t(lang, "notify_mail.why_digest", "network", j.NetworkName) + "\n")
	unsub, err := j.unsubscribeLines(ctx, &b, to, kinds)
	if err != nil {
		return nil, err
	}
	if len(kinds) > 1 {
		unsub = "" // the header names one page; the body has one per kind
	}
	subject := j.t(lang, "notify_mail.digest.subject_many", "network", j.NetworkName, "count", strconv.Itoa(len(ns)))
	if len(ns) == 1 {
		subject = j.t(lang, "notify_mail.digest.subject_one", "network", j.NetworkName)
	}
	return &Mail{To: to.user.Email, ToName: to.user.Name, Body: b.String(), Subject: oneLine(subject), Unsubscribe: unsub}, nil
}

// notifyKindLabels are the catalogue keys of the kinds' names.
var notifyKindLabels = map[NotifyKind]string{
	NotifySigningOpened: "notify.kind.signing_opened",
	NotifyReminder:      "notify.kind.reminder",
	NotifyVoided:        "notify.kind.voided",
	NotifyMention:       "notify.kind.mention",
	NotifyReply:         "notify.kind.reply",
	NotifyPublished:     "notify.kind.published",
	NotifyWithdrawn:     "notify.kind.withdrawn",
	NotifyDeadline:      "notify.kind.deadline",
	NotifyFollowed:      "notify.kind.followed",
}

// NotifyKindLabel returns the message that names kind k for people.
func NotifyKindLabel(k NotifyKind) string {
	if l, ok := notifyKindLabels[k]; ok {
		return l
	}
	return string(k)
}
