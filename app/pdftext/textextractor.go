package pdftext

import (
	"context"
	"errors"

	"github.com/samsyn/samsyn/app"
)

// ExtractText gives the paragraphs of pdf for the harvest of remissvar
// (app.TextExtractor): a scan is app.ErrNoText, bytes that are no
// readable PDF app.ErrNotPDF.
func (e *Extractor) ExtractText(ctx context.Context, pdf []byte) ([]string, error) {
	doc, err := e.Extract(ctx, pdf)
	switch {
	case errors.Is(err, ErrNoText):
		return nil, app.ErrNoText
	case errors.Is(err, ErrNotPDF):
		return nil, app.ErrNotPDF
	case err != nil:
		return nil, err
	}
	return doc.Paragraphs, nil
}

var _ app.TextExtractor = (*Extractor)(nil)
