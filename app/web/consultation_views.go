package web

import (
	"strings"

	"github.com/samsyn/samsyn/app"
)

// Labelled describes an input like Field, with its label and hint from the
// feature's own catalogue: "<feature>.field.<name>" and
// "<feature>.hint.<name>".
func (f *Form) Labelled(feature, name, typ string, required bool) FieldView {
	v := f.Field(name, typ, "off", required)
	v.Label = f.T(feature + ".field." + name)
	v.Hint = ""
	if h := feature + ".hint." + name; f.T(h) != h {
		v.Hint = f.T(h)
	}
	var ids []string
	if v.Hint != "" {
		ids = append(ids, "h-"+name)
	}
	if v.Error != "" {
		ids = append(ids, "e-"+name)
	}
	v.Described = strings.Join(ids, " ")
	return v
}

// LabelledSelect is Labelled for a select with opts.
func (f *Form) LabelledSelect(feature, name string, opts []Option) FieldView {
	v := f.Select(name, opts)
	v.Label = f.T(feature + ".field." + name)
	return v
}

// statusOptions are the choices of a status select: "" (any) first when
// anyLabel is set, then statuses, labelled from the catalogue.
func statusOptions(l Layout, anyLabel string, statuses ...app.ConsultationStatus) []Option {
	var out []Option
	if anyLabel != "" {
		out = append(out, Option{Value: "", Label: l.T(anyLabel)})
	}
	for _, st := range statuses {
		out = append(out, Option{Value: string(st), Label: l.T("consultations.status." + string(st))})
	}
	return out
}

// consultationRow is a consultation as lists and the dashboard show it.
type consultationRow struct {
	ID, Title, Reference, ReportNumber, Issuer string
	Deadline, DraftDue, SignaturesDue          string
	Status, StatusLabel                        string
	Traffic, TrafficLabel                      string
	WorkingDaysLeft                            int
	HasDeadline                                bool
}

func consultationRowOf(l Layout, c *app.Consultation, today app.Date) consultationRow {
	draft, sigs := c.Milestones()
	st, tr := c.EffectiveStatus(today), c.Traffic(today)
	return consultationRow{ID: c.ID, Title: c.Title, Reference: c.Reference, ReportNumber: c.ReportNumber,
		Issuer: c.Issuer, Deadline: c.Deadline.String(), DraftDue: draft.String(), SignaturesDue: sigs.String(),
		Status: string(st), StatusLabel: l.T("consultations.status." + string(st)),
		Traffic: string(tr), TrafficLabel: l.T("consultations.traffic." + string(tr)),
		WorkingDaysLeft: c.WorkingDaysLeftOn(today), HasDeadline: !c.Deadline.IsZero()}
}

// SeesDeadlineWatch reports whether the user may open the secretariat's
// deadline watch: staff only.
func (u *UserView) SeesDeadlineWatch() bool {
	return u.Role == app.RoleAdmin || u.Role == app.RoleSecretariat
}
