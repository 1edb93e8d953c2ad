package app

import (
	"context"
	"errors"
	"fmt"
)

// harvested is one answer's result and whether its failure is worth a
// retry after the back-off.
type harvested struct {
	HarvestResult
	retry bool
}

// harvestOne fetches one answer's PDF (conditionally, when it is stored),
// reads and classifies it, and stores it in consultation id when it is new
// or its text changed: one event each. A PDF that did not change (304, or
// the same text) changes nothing. With id "" it is read, not stored.
func (h *Harvester) harvestOne(ctx context.Context, actor *User, id string, a AnswerLink) harvested {
	res := harvested{HarvestResult: HarvestResult{Organisation: a.Organisation, OrgKind: ClassifyOrganisation(a.Organisation),
		SourceURL: a.URL, Stance: StanceUnclear}}
	var old *ExternalResponse
	if id != "" {
		var err error
		if old, err = h.Responses.ExternalResponseBySource(ctx, id, a.URL); err != nil && ErrorCode(err) != ENOTFOUND {
			return res.fail(err)
		}
	}
	etag, modified := "", ""
	if old != nil {
		etag, modified = old.ETag, old.LastModified
		res.show(old)
	}
	doc, err := h.Fetcher.FetchDocument(ctx, a.URL, etag, modified)
	if err != nil {
		return res.fail(err)
	}
	if doc.NotModified {
		res.Outcome = HarvestUnchanged
		return res
	}
	r, err := h.read(ctx, id, a, doc)
	if err != nil {
		return res.fail(err)
	}
	res.show(r)
	if id == "" {
		res.Outcome = HarvestAdded
		return res
	}
	if old == nil {
		return h.add(ctx, actor, r, res)
	}
	return h.update(ctx, actor, old, r, res)
}

// read makes the answer that doc holds: its paragraphs, or none for a
// scan, and its stance.
func (h *Harvester) read(ctx context.Context, id string, a AnswerLink, doc *DocumentAnswer) (*ExternalResponse, error) {
	now := h.Clock.Now()
	r := &ExternalResponse{ConsultationID: id, Organisation: a.Organisation, OrgKind: ClassifyOrganisation(a.Organisation),
		SourceURL: a.URL, ETag: doc.ETag, LastModified: doc.LastModified, FetchedAt: now, CreatedAt: now, UpdatedAt: now,
		Stance: StanceUnclear}
	paras, err := h.Text.ExtractText(ctx, doc.Body)
	switch {
	case errors.Is(err, ErrNoText):
		r.NoText = true
	case errors.Is(err, ErrNotPDF):
		return nil, Errorf(EINVALID, "error.harvest.not_pdf")
	case err != nil:
		return nil, fmt.Errorf("read %s: %w", a.URL, err)
	default:
		r.Paragraphs = paras
		s := ClassifyStance(paras)
		r.Stance, r.Quote = s.Stance, s.Quote
	}
	r.Checksum = ResponseChecksum(r.Paragraphs)
	return r, nil
}

// add stores a new answer.
func (h *Harvester) add(ctx context.Context, actor *User, r *ExternalResponse, res harvested) harvested {
	if err := h.Responses.CreateExternalResponse(ctx, r); err != nil {
		return res.fail(err)
	}
	res.Outcome, res.ResponseID = HarvestAdded, r.ID
	publish(ctx, h.Events, h.Clock, orHarvest(actor), "external_response.add", Subject{"external_response", r.ID},
		"", r.Checksum, r.Organisation)
	return res
}

// update stores a changed text over old, keeping a person's override; the
// same text only refreshes the validators, without an event.
func (h *Harvester) update(ctx context.Context, actor *User, old, r *ExternalResponse, res harvested) harvested {
	next := *old
	next.ETag, next.LastModified, next.FetchedAt = r.ETag, r.LastModified, r.FetchedAt
	changed := old.Checksum != r.Checksum || old.NoText != r.NoText
	if changed {
		next.Organisation, next.OrgKind, next.Paragraphs, next.Checksum = r.Organisation, r.OrgKind, r.Paragraphs, r.Checksum
		next.NoText, next.Stance, next.Quote, next.UpdatedAt = r.NoText, r.Stance, r.Quote, r.UpdatedAt
	}
	if !changed && next.ETag == old.ETag && next.LastModified == old.LastModified {
		res.show(old)
		res.Outcome = HarvestUnchanged
		return res
	}
	if err := h.Responses.UpdateExternalResponse(ctx, &next); err != nil {
		return res.fail(err)
	}
	res.show(&next)
	res.Outcome, res.ResponseID = HarvestUnchanged, old.ID
	if changed {
		res.Outcome = HarvestUpdated
		publish(ctx, h.Events, h.Clock, orHarvest(actor), "external_response.update", Subject{"external_response", old.ID},
			old.Checksum, next.Checksum, next.Organisation)
	}
	return res
}

// show copies what the answer holds into the result.
func (res *harvested) show(r *ExternalResponse) {
	res.NoText, res.Stance, res.Quote, res.ResponseID = r.NoText, r.EffectiveStance(), r.Quote, r.ID
}

func (res harvested) fail(err error) harvested {
	res.Outcome, res.retry = HarvestFailed, isRetry(err)
	res.Reason = ErrorMessage(err)
	if ErrorCode(err) == EINTERNAL {
		res.Reason = "error.harvest.failed"
	}
	return res
}

// harvestActor stands for the scheduled harvest and the command line in
// the audit.
var harvestActor = &User{Name: "remissvarsinsamling"}

func orHarvest(actor *User) *User {
	if actor == nil {
		return harvestActor
	}
	return actor
}
