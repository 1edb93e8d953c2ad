package templates_test

import (
	"strings"
	"testing"

	"github.com/samsyn/samsyn/templates"
)

func TestMessagesCompleteInEveryLanguage(t *testing.T) {
	msgs, err := templates.Messages()
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs["sv"]) < 50 || len(msgs["sv"]) != len(msgs["en"]) {
		t.Fatalf("catalogues: sv %d keys, en %d keys", len(msgs["sv"]), len(msgs["en"]))
	}
	for key, sv := range msgs["sv"] {
		if strings.TrimSpace(sv) == "" || strings.TrimSpace(msgs["en"][key]) == "" {
			t.Errorf("%s is empty in a language", key)
		}
	}
}

func TestAssetsHaveContentHashedURLs(t *testing.T) {
	assets, err := templates.Assets()
	if err != nil {
		t.Fatal(err)
	}
	css := assets["app.css"]
	if css == nil || !strings.HasPrefix(css.URL, "/static/app.") || !strings.HasSuffix(css.URL, ".css") || len(css.URL) != len("/static/app.12345678.css") {
		t.Fatalf("app.css: %+v", css)
	}
}
