package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/web/browsertest"
)

// TestEditorKeepsWorkInChromium drives the editor as two people would: a
// save that meets someone else's change to the same paragraph comes back
// with both texts side by side and is resolved by a choice; a save after
// the secretariat froze the text shows the refusal at the top and every
// character typed. axe-core checks the editor, the conflict and the
// refusal at 375 and 1280 px.
func TestEditorKeepsWorkInChromium(t *testing.T) {
	t.Parallel()
	ctx := browsertest.NewBrowser(t)
	inst := startServe(t, t.TempDir())
	defer inst.stop()
	draft := demoStatementIDs(t, inst)["industriell-omstallning-kraver-statlig-partner"]
	if draft == "" {
		t.Fatal("demo draft missing")
	}
	loginInBrowser(t, ctx, inst)
	admin := signIn(t, inst.URL, inst.AdminEmail, inst.AdminPassword)
	page := inst.URL + "/internt/stallningstaganden/" + draft
	actx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()
	if err := browsertest.Navigate(actx, page); err != nil {
		t.Fatal(err)
	}
	browsertest.CheckA11yHere(t, actx, "the editor", 375, 1280)
	checkConflictInBrowser(t, actx, admin, draft)
	checkFreezeInBrowser(t, actx, admin, page, draft)
}

// checkConflictInBrowser: the browser edits the first paragraph of the
// text it loaded while the secretariat changes the same paragraph; the
// save shows the conflict, keeps the text typed, and "keep theirs" saves.
func checkConflictInBrowser(t *testing.T, ctx context.Context, admin *session, id string) {
	t.Helper()
	body, err := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#f-body")))
	if err != nil {
		t.Fatal(err)
	}
	first := app.Blocks(body)[0].Source
	var st apiStatement
	admin.call(200, "GET", "/api/v1/statements/"+id, "", &st)
	admin.call(200, "PATCH", "/api/v1/statements/"+id, mustJSONString(map[string]any{"version": st.Version,
		"body": strings.Replace(body, first, first+" Ändrat av kansliet.", 1)}), nil)
	mine := strings.Replace(body, first, first+" Min ändring, å ä ö.", 1)
	err = chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS("#f-body"), mine),
		chromedp.Click(chromedp.CSS("#redigera-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#konflikt [role=alert]")),
	)
	kept, verr := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#f-body")))
	if err != nil || verr != nil || kept != mine {
		t.Fatalf("conflict page: %v; the editor holds %d of %d characters typed", err, len(kept), len(mine))
	}
	browsertest.CheckA11yHere(t, ctx, "the conflict", 375, 1280)
	shoot(t, ctx, "conflict")
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#konflikt input[value=theirs]`)),
		chromedp.Click(chromedp.CSS("#konflikt button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	)
	if err != nil {
		t.Fatalf("resolving the conflict: %v", err)
	}
	admin.call(200, "GET", "/api/v1/statements/"+id, "", &st)
	if !strings.Contains(st.Body, "Ändrat av kansliet.") || strings.Contains(st.Body, "Min ändring") {
		t.Fatalf("after keeping theirs the text is %q", st.Body)
	}
}

// checkFreezeInBrowser: text typed into the editor before the secretariat
// opens signing is refused with the reason at the top and kept, read-only.
func checkFreezeInBrowser(t *testing.T, ctx context.Context, admin *session, page, id string) {
	t.Helper()
	typed := "Ett stycke skrivet medan texten låstes: Luleå, Skellefteå, Örnsköldsvik."
	err := chromedp.Do(ctx,
		chromedp.Navigate(page),
		chromedp.WaitVisible(chromedp.CSS("#f-body")),
		chromedp.SetValue(chromedp.CSS("#f-body"), typed),
	)
	if err != nil {
		t.Fatal(err)
	}
	signBy := time.Now().AddDate(0, 0, 10).Format(time.DateOnly)
	admin.call(200, "POST", "/api/v1/statements/"+id+"/signing", `{"sign_by":"`+signBy+`"}`, nil)
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#redigera-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#ej-sparad [role=alert]")),
	)
	kept, _ := chromedp.Run(ctx, chromedp.Value(chromedp.CSS("#ej-sparad-text")))
	above, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`(document.getElementById("ej-sparad").compareDocumentPosition(document.querySelector(".statement-grid")) & 4) !== 0`))
	if err != nil || kept != typed || !above {
		t.Fatalf("save after freeze: %v; kept %q, above the text %v", err, kept, above)
	}
	browsertest.CheckA11yHere(t, ctx, "the refused save", 375, 1280)
	shoot(t, ctx, "refused-save")
}

// shoot keeps screenshots of the page shown now when SAMSYN_SHOTS names a
// directory.
func shoot(t *testing.T, ctx context.Context, name string) {
	if dir := os.Getenv("SAMSYN_SHOTS"); dir != "" {
		for _, w := range []int{375, 1280} {
			browsertest.ScreenshotHere(t, ctx, filepath.Join(dir, fmt.Sprintf("%s-%d.png", name, w)), w)
		}
	}
}

func mustJSONString(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprint(err))
	}
	return string(b)
}
