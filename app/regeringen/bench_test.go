package regeringen_test

import (
	"bytes"
	"testing"

	"github.com/samsyn/samsyn/app/regeringen"
	"github.com/samsyn/samsyn/app/regeringen/regeringentest"
)

func BenchmarkParse(b *testing.B) {
	for _, name := range regeringentest.Pages {
		page := regeringentest.Read(b, name)
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := regeringen.Parse(bytes.NewReader(page), nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
