package mongodb

import (
	"regexp"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/samsyn/samsyn/app"
)

func init() {
	indexes = append(indexes,
		index{colConsultations, bson.D{{Key: "search_dirty", Value: 1}}, false},
		index{colConsultations, bson.D{{Key: "report_key", Value: 1}}, false},
		index{colConsultations, bson.D{{Key: "status", Value: 1}, {Key: "deadline", Value: 1}}, false},
	)
}

// openStatuses are the stored statuses of consultations still being
// worked on; one of them past its deadline is "missed".
var openStatuses = bson.A{string(app.ConsultationIncoming), string(app.ConsultationAssessing),
	string(app.ConsultationDrafting), string(app.ConsultationSigning)}

// consultationFilter turns a filter into a query, each condition its own
// clause of an $and (two may be on the deadline). The derived status
// "missed" is an open status with a deadline before f.Today; a stored open
// status leaves the missed ones out.
func consultationFilter(f app.ConsultationFilter) bson.D {
	var and bson.A
	add := func(key string, v any) { and = append(and, bson.D{{Key: key, Value: v}}) }
	today := dateValue(f.Today)
	switch st := app.ConsultationStatus(f.Status); {
	case st == app.ConsultationMissed:
		add("status", bson.D{{Key: "$in", Value: openStatuses}})
		add("deadline", bson.D{{Key: "$lt", Value: today}})
	case st.Open() && !f.Today.IsZero():
		add("status", f.Status)
		add("$or", bson.A{bson.D{{Key: "deadline", Value: bson.D{{Key: "$gte", Value: today}}}},
			bson.D{{Key: "deadline", Value: bson.D{{Key: "$exists", Value: false}}}}})
	case f.Status != "":
		add("status", f.Status)
	}
	if f.Issuer != "" {
		add("issuer", bson.D{{Key: "$regex", Value: regexp.QuoteMeta(f.Issuer)}, {Key: "$options", Value: "i"}})
	}
	if f.Topic != "" {
		add("topics", f.Topic)
	}
	if f.Reference != "" {
		add("$or", bson.A{bson.D{{Key: "reference_key", Value: f.Reference}}, bson.D{{Key: "report_key", Value: f.Reference}}})
	}
	if !f.DeadlineFrom.IsZero() {
		add("deadline", bson.D{{Key: "$gte", Value: dateValue(f.DeadlineFrom)}})
	}
	if !f.DeadlineTo.IsZero() {
		add("deadline", bson.D{{Key: "$lte", Value: dateValue(f.DeadlineTo)}})
	}
	if len(and) == 0 {
		return bson.D{}
	}
	return bson.D{{Key: "$and", Value: and}}
}
