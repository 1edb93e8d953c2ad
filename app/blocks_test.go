package app_test

import (
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
)

func TestBlocks(t *testing.T) {
	type b struct{ kind, source string }
	for _, tc := range []struct {
		name string
		src  string
		lead string
		want []b
	}{
		{"empty", "", "", nil},
		{"blank only", "\n \n", "\n \n", nil},
		{"prose", "# Rubrik\n\nFörsta stycket\nmed två rader.\n\n- ett\n- två\n\nSista.\n",
			"", []b{{"heading", "# Rubrik"}, {"paragraph", "Första stycket\nmed två rader."}, {"list", "- ett\n- två"}, {"paragraph", "Sista."}}},
		{"raw HTML stays with the block before", "Ett.\n\n<script>alert(1)</script>\n\nTvå.",
			"", []b{{"paragraph", "Ett.\n\n<script>alert(1)</script>"}, {"paragraph", "Två."}}},
		{"lead", "\n\n<!-- dold -->\n\nText.", "\n\n<!-- dold -->\n\n", []b{{"paragraph", "Text."}}},
		{"only HTML", "<div>x</div>\n", "<div>x</div>\n", nil},
		{"link reference", "Se [lagen][l].\n\n[l]: https://example.se\n\nSlut.",
			"", []b{{"paragraph", "Se [lagen][l].\n\n[l]: https://example.se"}, {"paragraph", "Slut."}}},
		{"setext heading and rule", "Rubrik\n======\n\n***\n\n> citat\n> fortsatt\n",
			"", []b{{"heading", "Rubrik\n======"}, {"rule", "***"}, {"quote", "> citat\n> fortsatt"}}},
		{"fenced code keeps its blank lines", "```\nkod\n\n\nmer\n```\n\nText.",
			"", []b{{"code", "```\nkod\n\n\nmer\n```"}, {"paragraph", "Text."}}},
		{"indented code", "Text.\n\n    kod\n", "", []b{{"paragraph", "Text."}, {"code", "    kod"}}},
		{"table after a paragraph line", "Inledning\n| a | b |\n|---|---|\n| å | ö |\n\nEfter.",
			"", []b{{"paragraph", "Inledning"}, {"table", "| a | b |\n|---|---|\n| å | ö |"}, {"paragraph", "Efter."}}},
		{"loose list", "1. ett\n\n2. två\n\n   mer\n\nText.",
			"", []b{{"list", "1. ett\n\n2. två\n\n   mer"}, {"paragraph", "Text."}}},
		{"CRLF", "Ett\r\n\r\nTvå\r\n", "", []b{{"paragraph", "Ett"}, {"paragraph", "Två"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lead, blocks := app.SplitBlocks(tc.src)
			var got []b
			for i, bl := range blocks {
				if bl.N != i+1 {
					t.Errorf("block %d has N %d", i, bl.N)
				}
				got = append(got, b{bl.Kind, bl.Source})
			}
			if lead != tc.lead || len(got) != len(tc.want) {
				t.Fatalf("SplitBlocks(%q) = %q, %q; want %q, %q", tc.src, lead, got, tc.lead, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("block %d = %q, want %q", i+1, got[i], tc.want[i])
				}
			}
			if j := app.JoinBlocks(lead, blocks); j != tc.src {
				t.Errorf("joined %q, want %q", j, tc.src)
			}
			if n := len(app.Blocks(tc.src)); n != len(tc.want) {
				t.Errorf("Blocks has %d, want %d", n, len(tc.want))
			}
		})
	}
}

// FuzzBlocks checks that any text splits into blocks that put it together
// again byte for byte, numbered 1..len, each with some source and only
// white space between.
func FuzzBlocks(f *testing.F) {
	for _, s := range []string{"# R\n\nA\n\n- x\n- y\n\n<script>x</script>\n\nB", "a\n| a |\n|---|\n| b |",
		"\t- x\n\t\t- y", "> a\n>\n> b\n\n---\n", "[x]: /y\n\n```\nkod\n", "Rubrik\n---\n\n\ta\n", "\r\n\r\nx\r\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		lead, blocks := app.SplitBlocks(src)
		if j := app.JoinBlocks(lead, blocks); j != src {
			t.Fatalf("%q joined again is %q", src, j)
		}
		for i, b := range blocks {
			if b.N != i+1 || b.Source == "" || strings.Trim(b.Sep, " \t\r\n") != "" || b.Kind == "" {
				t.Fatalf("%q: block %d is %+v", src, i+1, b)
			}
		}
		if len(app.Blocks(src)) != len(blocks) {
			t.Fatalf("%q: Blocks and SplitBlocks disagree", src)
		}
	})
}
