package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/samsyn/samsyn/app/web/browsertest"
)

// TestConsultationPagesInChromium logs in to a demo instance and runs the
// axe-core WCAG 2.1 A/AA check on every consultation, issue, meeting and
// deadline-watch page, in Swedish and English. Screenshots go to
// SAMSYN_SCREENSHOTS when set (for looking at the pages), else a temp dir.
func TestConsultationPagesInChromium(t *testing.T) {
	t.Parallel()
	ctx := browsertest.NewBrowser(t)
	inst := startServe(t, t.TempDir())
	defer inst.stop()
	loginInBrowser(t, ctx, inst)
	cid, iid := remissFirstIDs(t, inst)
	paths := []string{"/internt/remisser", "/internt/remisser?status=missed", "/internt/remisser/ny",
		"/internt/remisser/" + cid, "/internt/remisser/" + cid + "/redigera", "/internt/moten", "/internt/bevakning",
		"/internt/fragor", "/internt/fragor/ny", "/internt/fragor/" + iid, "/internt/fragor/" + iid + "/redigera",
		"/internt/remisser?lang=en", "/internt/bevakning?lang=en", "/internt/fragor/" + iid + "?lang=en",
		"/internt/remisser/" + cid + "?lang=sv"}
	for _, p := range paths {
		browsertest.CheckA11y(t, ctx, inst.URL+p)
	}
	shots := os.Getenv("SAMSYN_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	}
	for name, p := range map[string]string{"register": "/internt/remisser", "remiss": "/internt/remisser/" + cid,
		"form": "/internt/remisser/" + cid + "/redigera", "moten": "/internt/moten", "bevakning": "/internt/bevakning",
		"fragor": "/internt/fragor", "fraga": "/internt/fragor/" + iid} {
		browsertest.Screenshot(t, ctx, inst.URL+p, filepath.Join(shots, name+"-1280.png"), 1280)
	}
	browsertest.Screenshot(t, ctx, inst.URL+"/internt/bevakning", filepath.Join(shots, "bevakning-375.png"), 375)
}

// remissFirstIDs reads the id of the first consultation and issue by the API.
func remissFirstIDs(t *testing.T, inst *instance) (consultation, issue string) {
	t.Helper()
	c := newClient(t)
	resp, body := mustDo(t, c, "POST", inst.URL+"/api/v1/auth/login",
		`{"email":"`+inst.AdminEmail+`","password":"`+inst.AdminPassword+`"}`, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("login: %d", resp.StatusCode)
	}
	var list struct {
		Items []struct {
			ID string `json:"id"`
		} `json:"items"`
	}
	for _, p := range []struct {
		path string
		dst  *string
	}{{"/api/v1/consultations?status=signing", &consultation}, {"/api/v1/issues", &issue}} {
		_, body = mustDo(t, c, "GET", inst.URL+p.path, "", nil)
		if err := json.Unmarshal([]byte(body), &list); err != nil || len(list.Items) == 0 {
			t.Fatalf("%s: %v %s", p.path, err, body)
		}
		*p.dst = list.Items[0].ID
	}
	return consultation, issue
}
