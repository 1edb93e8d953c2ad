package demo

import (
	"context"
	"time"

	"github.com/samsyn/samsyn/app"
)

// loadMeetings gives every member its board meetings (kommunstyrelsen, KS,
// and its working committee, KSAU) over the next four months: KS every
// fourth Tuesday, KSAU the Tuesday a week before. Members are offset by a
// week each so the dates spread; every fifth member has recorded KS dates
// only, far apart, so some consultations show a member that cannot decide
// in time.
func (l *loader) loadMeetings(ctx context.Context) error {
	first := l.nextTuesday()
	for i, code := range memberCodes() {
		m := l.members[code]
		start := first.AddDays(7 * (i % 4))
		for k := 0; k < 4; k++ {
			ks := start.AddDays(28 * k)
			if err := l.meeting(ctx, m.ID, app.BodyKS, ks); err != nil {
				return err
			}
			if i%5 == 4 {
				start = start.AddDays(28) // sparse: one KS meeting every eight weeks
				continue
			}
			if err := l.meeting(ctx, m.ID, app.BodyKSAU, ks.AddDays(-7)); err != nil {
				return err
			}
		}
	}
	return nil
}

func (l *loader) meeting(ctx context.Context, memberID string, body app.BoardBody, on app.Date) error {
	if !app.IsWorkingDay(on) {
		on = app.WorkingDaysAfter(on, 1)
	}
	m, err := app.NewBoardMeeting(memberID, string(body), on.String(), "", l.now)
	if err != nil {
		return err
	}
	return l.s.Consultations.CreateMeeting(ctx, m)
}

// nextTuesday is the first Tuesday after today.
func (l *loader) nextTuesday() app.Date {
	d := l.today.AddDays(1)
	for d.Weekday() != time.Tuesday {
		d = d.AddDays(1)
	}
	return d
}

// memberCodes lists the municipality codes in the order of municipalities.
func memberCodes() []string {
	out := make([]string, len(municipalities))
	for i, m := range municipalities {
		out[i] = m.code
	}
	return out
}
