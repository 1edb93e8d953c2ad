package app_test

import (
	"testing"

	"github.com/samsyn/samsyn/app"
)

func TestDefaultMilestones(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ deadline, draft, sigs string }{
		{"2026-04-10", "2026-03-25", "2026-04-07"}, // Easter: långfredag 04-03, annandag påsk 04-06
		{"2026-06-26", "2026-06-11", "2026-06-23"}, // midsommarafton 06-19
		{"2027-01-08", "2026-12-18", "2027-01-04"}, // julafton, juldagen, nyårsafton, nyårsdagen, trettondagen
		{"2026-05-18", "2026-04-30", "2026-05-12"}, // första maj and Kristi himmelsfärd 05-14
	} {
		draft, sigs := app.DefaultMilestones(d(tc.deadline))
		if draft.String() != tc.draft || sigs.String() != tc.sigs {
			t.Errorf("DefaultMilestones(%s) = %s, %s; want %s, %s", tc.deadline, draft, sigs, tc.draft, tc.sigs)
		}
	}
	if a, b := app.DefaultMilestones(app.Date{}); !a.IsZero() || !b.IsZero() {
		t.Error("milestones of no deadline")
	}
}

// TestTrafficLight runs the traffic-light rule against a fixed clock:
// today is Monday 2026-03-16.
func TestTrafficLight(t *testing.T) {
	t.Parallel()
	today := app.DateOf(app.FixedClock{T: now}.Now())
	c := func(status app.ConsultationStatus, deadline, draft, sigs string) *app.Consultation {
		x := &app.Consultation{Status: status}
		if deadline != "" {
			x.Deadline = d(deadline)
		}
		if draft != "" {
			x.DraftDue = d(draft)
		}
		if sigs != "" {
			x.SignaturesDue = d(sigs)
		}
		return x
	}
	cases := []struct {
		name string
		c    *app.Consultation
		want app.Traffic
		eff  app.ConsultationStatus
	}{
		{"submitted", c(app.ConsultationSubmitted, "2026-03-01", "", ""), app.TrafficClosed, app.ConsultationSubmitted},
		{"declined", c(app.ConsultationDeclined, "2026-03-01", "", ""), app.TrafficClosed, app.ConsultationDeclined},
		{"no deadline", c(app.ConsultationIncoming, "", "", ""), app.TrafficNoDeadline, app.ConsultationIncoming},
		{"deadline passed", c(app.ConsultationSigning, "2026-03-13", "", ""), app.TrafficOverdue, app.ConsultationMissed},
		{"draft due passed", c(app.ConsultationDrafting, "2026-04-30", "2026-03-13", ""), app.TrafficOverdue, app.ConsultationDrafting},
		{"drafting, draft due in 3", c(app.ConsultationDrafting, "2026-04-30", "2026-03-19", ""), app.TrafficAtRisk, app.ConsultationDrafting},
		{"drafting, draft due in 4", c(app.ConsultationDrafting, "2026-04-30", "2026-03-20", ""), app.TrafficOnTrack, app.ConsultationDrafting},
		{"assessing, draft due in 5", c(app.ConsultationAssessing, "2026-04-30", "2026-03-23", ""), app.TrafficAtRisk, app.ConsultationAssessing},
		{"assessing, draft due in 6", c(app.ConsultationAssessing, "2026-04-30", "2026-03-24", ""), app.TrafficOnTrack, app.ConsultationAssessing},
		{"signing, draft passed but sigs later", c(app.ConsultationSigning, "2026-04-30", "2026-03-02", "2026-04-24"), app.TrafficOnTrack, app.ConsultationSigning},
		{"signing, sigs today", c(app.ConsultationSigning, "2026-04-30", "", "2026-03-16"), app.TrafficAtRisk, app.ConsultationSigning},
		{"signing, sigs passed", c(app.ConsultationSigning, "2026-04-30", "", "2026-03-13"), app.TrafficOverdue, app.ConsultationSigning},
		{"default milestones far off", c(app.ConsultationIncoming, "2026-06-30", "", ""), app.TrafficOnTrack, app.ConsultationIncoming},
		{"deadline today", c(app.ConsultationSigning, "2026-03-16", "", ""), app.TrafficOverdue, app.ConsultationSigning},
	}
	for _, tc := range cases {
		if got := tc.c.Traffic(today); got != tc.want {
			t.Errorf("%s: Traffic = %s, want %s", tc.name, got, tc.want)
		}
		if got := tc.c.EffectiveStatus(today); got != tc.eff {
			t.Errorf("%s: EffectiveStatus = %s, want %s", tc.name, got, tc.eff)
		}
	}
}
