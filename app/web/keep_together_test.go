package web

import "testing"

func TestKeepTogether(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ in, want string }{
		{"Remiss av SOU 2026:14 om elnät", `Remiss av <span class="ref">SOU 2026:14</span> om elnät`},
		{"Fi2026/02110 – svar senast 2026-12-16", `<span class="ref">Fi2026/02110</span> – svar senast <span class="ref">2026-12-16</span>`},
		{"Prop. 2026/27:45 och Ds 2026:3", `<span class="ref">Prop. 2026/27:45</span> och <span class="ref">Ds 2026:3</span>`},
		{"<script>alert(1)</script> & KN2026/00741", `&lt;script&gt;alert(1)&lt;/script&gt; &amp; <span class="ref">KN2026/00741</span>`},
		{"Inga nummer här", "Inga nummer här"},
	} {
		if got := string(keepTogether(c.in)); got != c.want {
			t.Errorf("keepTogether(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
