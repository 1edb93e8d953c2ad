package app

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// The daily digest: from DigestHour on, each user with notifications in
// MailDigest from before that hour gets one mail listing them, once a day
// (a claim of the user's day, unique in the store).

// digestCutoff is today's digest hour in Stockholm.
func digestCutoff(now time.Time) time.Time {
	l := now.In(Stockholm)
	return time.Date(l.Year(), l.Month(), l.Day(), DigestHour, 0, 0, 0, Stockholm)
}

// sendDigests mails, from the digest hour on, each user whose digest of
// today is not sent yet one mail with all their notifications in
// MailDigest from before that hour.
func (j *NotificationMailer) sendDigests(ctx context.Context, now time.Time) (int, error) {
	cutoff := digestCutoff(now)
	if now.Before(cutoff) {
		return 0, nil
	}
	ns, err := j.Store.PendingMail(ctx, MailDigest, cutoff, digestBatch)
	if err != nil || len(ns) == 0 {
		return 0, err
	}
	var order []string
	byUser := map[string][]*Notification{}
	for _, n := range ns {
		if byUser[n.UserID] == nil {
			order = append(order, n.UserID)
		}
		byUser[n.UserID] = append(byUser[n.UserID], n)
	}
	rs := &recipients{j: j, seen: map[string]*mailRecipient{}}
	sent := 0
	var errs []error
	for _, uid := range order {
		to, err := rs.get(ctx, uid)
		if err != nil {
			return sent, err
		}
		var keep, drop []*Notification
		for _, n := range byUser[uid] {
			if wants(to, n) {
				keep = append(keep, n)
			} else {
				drop = append(drop, n)
			}
		}
		if err := j.drop(ctx, drop, now); err != nil {
			return sent, err
		}
		if len(keep) == 0 {
			continue
		}
		ok, err := j.sendDigest(ctx, to, keep, now)
		if err != nil {
			errs = append(errs, fmt.Errorf("digest to user %s: %w", uid, err))
		}
		if ok {
			sent++
		}
	}
	return sent, errors.Join(errs...)
}

// sendDigest claims the user's digest of today, then the notifications,
// and sends one mail with those it claimed; on failure both claims are
// released for the next run.
func (j *NotificationMailer) sendDigest(ctx context.Context, to *mailRecipient, ns []*Notification, now time.Time) (bool, error) {
	key, day := "digest:"+to.user.ID, DateOf(now)
	switch err := j.Store.ClaimDay(ctx, key, day, now); {
	case ErrorCode(err) == ECONFLICT:
		return false, nil // sent today already, by this replica or another
	case err != nil:
		return false, err
	}
	ids := make([]string, len(ns))
	for i, n := range ns {
		ids[i] = n.ID
	}
	claimed, err := j.Store.MarkMailed(ctx, ids, now)
	if err == nil && len(claimed) == 0 {
		return false, j.Store.ReleaseDay(ctx, key, day)
	}
	if err == nil {
		var m *Mail
		if m, err = j.digestMail(ctx, to, claimedOf(ns, claimed)); err == nil {
			err = j.Mailer.Send(ctx, m)
		}
	}
	if err != nil {
		return false, errors.Join(err, j.Store.ReleaseMail(ctx, claimed, MailDigest), j.Store.ReleaseDay(ctx, key, day))
	}
	return true, nil
}

func claimedOf(ns []*Notification, ids []string) []*Notification {
	set := setOf(ids)
	var out []*Notification
	for _, n := range ns {
		if set[n.ID] {
			out = append(out, n)
		}
	}
	return out
}
