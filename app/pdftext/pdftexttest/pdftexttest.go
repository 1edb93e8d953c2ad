// Package pdftexttest makes small PDFs for tests: text laid out as a
// word processor would (wrapped lines, numbered lists), and a scan-like PDF
// with an image and no text layer.
package pdftexttest

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/go-pdf/fpdf"
)

// Text makes an A4 PDF of paragraphs, each wrapped to the page width, in a
// core font with Swedish letters. A paragraph of "\n"-separated lines keeps
// its lines (a list).
func Text(t testing.TB, paragraphs ...string) []byte {
	t.Helper()
	f := fpdf.New("P", "mm", "A4", "")
	tr := f.UnicodeTranslatorFromDescriptor("")
	f.SetFont("Helvetica", "", 11)
	f.AddPage()
	for _, p := range paragraphs {
		f.MultiCell(0, 5.5, tr(p), "", "L", false)
		f.Ln(3)
	}
	return output(t, f)
}

// Scan makes a PDF whose only page is an image: what a scanned letter is.
func Scan(t testing.TB) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 200, 280))
	for y := 20; y < 260; y += 12 {
		for x := 20; x < 180; x++ {
			img.SetGray(x, y, color.Gray{Y: 40})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	f := fpdf.New("P", "mm", "A4", "")
	f.AddPage()
	f.RegisterImageOptionsReader("scan", fpdf.ImageOptions{ImageType: "PNG"}, &buf)
	f.ImageOptions("scan", 10, 10, 190, 266, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	return output(t, f)
}

func output(t testing.TB, f *fpdf.Fpdf) []byte {
	t.Helper()
	var out bytes.Buffer
	if err := f.Output(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}
