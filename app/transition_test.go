package app_test

import (
	"testing"

	"github.com/samsyn/samsyn/app"
)

// TestTransitions checks every pair of statuses against the allowed set.
func TestTransitions(t *testing.T) {
	t.Parallel()
	const (
		in, as, dr, si = app.ConsultationIncoming, app.ConsultationAssessing, app.ConsultationDrafting, app.ConsultationSigning
		su, de, mi     = app.ConsultationSubmitted, app.ConsultationDeclined, app.ConsultationMissed
	)
	allowed := map[[2]app.ConsultationStatus]bool{
		{in, as}: true, {in, de}: true,
		{as, dr}: true, {as, de}: true,
		{dr, si}: true, {dr, as}: true, {dr, de}: true,
		{si, su}: true, {si, dr}: true, {si, de}: true,
		{de, as}: true,
	}
	all := []app.ConsultationStatus{in, as, dr, si, su, de, mi, "archived", ""}
	for _, from := range all {
		for _, to := range all {
			want := allowed[[2]app.ConsultationStatus{from, to}] || (from == to && from.Stored())
			if got := app.CanTransition(from, to); got != want {
				t.Errorf("CanTransition(%q, %q) = %v, want %v", from, to, got, want)
			}
		}
	}
	if app.ConsultationMissed.Stored() || app.ConsultationSubmitted.Open() || app.ConsultationDeclined.Open() || !app.ConsultationSigning.Open() {
		t.Error("Stored/Open disagree with the status rules")
	}
}

// TestReviseStatus checks transitions through Revise: an illegal one, an
// unknown status and "missed" are field errors; declining needs a reason,
// and leaving declined drops it.
func TestReviseStatus(t *testing.T) {
	t.Parallel()
	base := mustConsultation(t, "2026-03-02", "2026-05-29")
	cases := []struct {
		name, to, reason, field string
	}{
		{"forward", "assessing", "", ""},
		{"skip ahead", "signing", "", "status"},
		{"unknown", "archived", "", "status"},
		{"derived", "missed", "", "status"},
		{"decline without reason", "declined", " ", "decline_reason"},
		{"decline", "declined", "Utanför uppdraget.", ""},
	}
	for _, tc := range cases {
		in := base.Input()
		in.Status, in.DeclineReason = tc.to, tc.reason
		got, err := base.Revise(in, now)
		if field := fieldOf(err); field != tc.field {
			t.Errorf("%s: error %v, want field %q", tc.name, err, tc.field)
		}
		if err == nil && string(got.Status) != tc.to {
			t.Errorf("%s: status %q", tc.name, got.Status)
		}
	}
	declined := *base
	declined.Status, declined.DeclineReason = app.ConsultationDeclined, "Utanför uppdraget."
	in := declined.Input()
	in.Status = "assessing"
	back, err := declined.Revise(in, now)
	if err != nil || back.DeclineReason != "" {
		t.Fatalf("reconsidered: %+v %v", back, err)
	}
}
