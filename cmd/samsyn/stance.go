package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/pdftext"
)

// stanceCommand is "samsyn stance FILE…": each remissvar's stance and the
// sentence that decided it, for checking one answer by hand.
func (e *env) stanceCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "stance FILE…",
		Short: "Print the stance of remissvar (PDF or UTF-8 text) with the sentence that decided it",
		Long: "Each FILE is a PDF or UTF-8 text (paragraphs separated by blank lines). Prints its stance\n" +
			"(tillstyrker, avstyrker, delvis, inga_synpunkter, oklart) and the deciding sentence; with --json\n" +
			"one object a line: {\"file\",\"stance\",\"quote\"}. A PDF without text (a scan) is oklart with an\n" +
			"empty quote and a note on standard error; unreadable files make the exit status non-zero.",
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, files []string) error {
			r := stanceReader{stderr: cmd.ErrOrStderr()}
			defer r.close()
			failed := 0
			for _, file := range files {
				res, err := r.read(cmd.Context(), file)
				if err != nil {
					fmt.Fprintf(r.stderr, "%s: %v\n", file, err)
					failed++
					continue
				}
				if err := printStance(e.stdout, file, res, asJSON); err != nil {
					return err
				}
			}
			if failed > 0 {
				return fmt.Errorf("%d of %d files could not be read", failed, len(files))
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, `one JSON object a line: {"file","stance","quote"}`)
	return cmd
}

// stanceReader reads answers, starting PDFium only when a PDF comes.
type stanceReader struct {
	stderr io.Writer
	pdf    *pdftext.Extractor
}

// read classifies one file. A PDF without text is oklart with a note on
// standard error; a file that cannot be read at all is an error.
func (r *stanceReader) read(ctx context.Context, file string) (app.StanceResult, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return app.StanceResult{}, err
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		if !utf8.Valid(b) {
			return app.StanceResult{}, errors.New("neither a PDF nor UTF-8 text")
		}
		return app.ClassifyStance(textParagraphs(string(b))), nil
	}
	if r.pdf == nil {
		r.pdf = pdftext.New()
	}
	doc, err := r.pdf.Extract(ctx, b)
	if errors.Is(err, pdftext.ErrNoText) {
		fmt.Fprintf(r.stderr, "%s: no text (a scanned PDF?)\n", file)
		return app.StanceResult{Stance: app.StanceUnclear}, nil
	}
	if err != nil {
		return app.StanceResult{}, err
	}
	return app.ClassifyStance(doc.Paragraphs), nil
}

func (r *stanceReader) close() {
	if r.pdf != nil {
		_ = r.pdf.Close()
	}
}

// textParagraphs splits text on blank lines.
func textParagraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// stanceLine is the --json form of one file's stance.
type stanceLine struct {
	File   string `json:"file"`
	Stance string `json:"stance"`
	Quote  string `json:"quote"`
}

func printStance(w io.Writer, file string, res app.StanceResult, asJSON bool) error {
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return enc.Encode(stanceLine{File: file, Stance: string(res.Stance), Quote: res.Quote})
	}
	if res.Quote == "" {
		_, err := fmt.Fprintf(w, "%s: %s\n", file, res.Stance)
		return err
	}
	_, err := fmt.Fprintf(w, "%s: %s\n  ”%s”\n", file, res.Stance, res.Quote)
	return err
}
