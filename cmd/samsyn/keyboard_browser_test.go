package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/regeringen/regeringentest"
	"github.com/samsyn/samsyn/app/web/browsertest"
	"github.com/samsyn/samsyn/templates"
)

// keyboardJourneys name the tasks TestKeyboardOnlyInChromium carries out
// with the keyboard alone, in order (the accessibility statement words
// them as a11y.journey.<name>): log in; draft and save a statement, and
// close the @mention list with Escape; resolve an edit conflict between
// two versions; accept a suggestion; open the bell and mark a notification
// read; sign a statement for a municipality; dismiss two remisser at once
// in the triage inbox.
var keyboardJourneys = []string{"login", "draft-save", "conflict", "suggestion", "bell-inbox", "sign", "triage-dismiss"}

// keyboardChecks name what TestKeyboardOnlyInChromium checks in every
// journey: only Tab, Shift+Tab, Enter, Space, Escape and typing, no mouse
// and no focus set by script; the result is stored (read back through the
// API); focus is visible at every step (a computed outline or box-shadow);
// no focus trap (from where the task ends, Tab goes round the page).
var keyboardChecks = []string{"keys-only", "result-stored", "focus-visible", "no-trap"}

// keyboardReport is where TestKeyboardOnlyInChromium writes what it did.
const keyboardReport = "../../templates/a11y/keyboard.json"

func keyboardPlan() templates.A11yReport {
	return templates.A11yReport{Suite: "keyboard", Test: "TestKeyboardOnlyInChromium", Views: []string{"1280px"},
		Checks: keyboardChecks, Journeys: keyboardJourneys}
}

// TestKeyboardReportIsCurrent: the committed keyboard report names the
// journeys and checks TestKeyboardOnlyInChromium runs now.
func TestKeyboardReportIsCurrent(t *testing.T) {
	t.Parallel()
	browsertest.CheckReport(t, keyboardReport, keyboardPlan(), "go test -run TestKeyboardOnlyInChromium ./cmd/samsyn")
}

// TestKeyboardOnlyInChromium carries out each of keyboardJourneys on the
// demo with nothing but the keys a keyboard user has (WCAG 2.1.1, 2.1.2,
// 2.4.3, 2.4.7), on one server in one browser tab: each reaches its goal,
// read back through the API; at every Tab the focused element shows a
// focus outline; from where each task ends Tab goes round the whole page,
// and Escape closes the @mention list. With SAMSYN_A11Y_REPORT=write it
// writes templates/a11y/keyboard.json.
func TestKeyboardOnlyInChromium(t *testing.T) {
	t.Parallel()
	ctx := browsertest.NewBrowser(t)
	inst := startServe(t, t.TempDir())
	defer inst.stop()
	ids := demoStatementIDs(t, inst)
	draft, signing := ids["industriell-omstallning-kraver-statlig-partner"], ids["remissvar-forhandsinvesteringar-elnat"]
	if draft == "" || signing == "" {
		t.Fatalf("demo statements missing: %v", ids)
	}
	signerEmail, signerPassword, _ := newSignerFor(t, inst, signing)
	admin := signIn(t, inst.URL, inst.AdminEmail, inst.AdminPassword)
	actx, cancel := context.WithTimeout(ctx, 6*time.Minute)
	defer cancel()
	k := &keyboard{t: t, ctx: actx, base: inst.URL}
	journeys := []func(){
		func() { k.login(inst.AdminEmail, inst.AdminPassword) },
		func() { k.draftAndSave(admin, draft) },
		func() { k.resolveConflict(admin, draft) },
		func() { k.acceptSuggestion(admin, draft) },
		func() {
			k.logout()
			k.login(signerEmail, signerPassword)
			k.bellAndInbox(signIn(t, inst.URL, signerEmail, signerPassword))
		},
		func() { k.sign(admin, signing, "Signe Öhrström") },
		func() {
			k.logout()
			k.login(inst.AdminEmail, inst.AdminPassword)
			k.triageDismiss(admin)
		},
	}
	for i, j := range journeys {
		k.journey = keyboardJourneys[i]
		j()
	}
	report := keyboardPlan()
	report.Failures = k.failures
	browsertest.WriteReport(t, actx, keyboardReport, report)
}

// keyboard drives one tab by keys alone and records what failed.
type keyboard struct {
	t        *testing.T
	ctx      context.Context
	base     string
	journey  string
	failures []string
}

func (k *keyboard) errorf(format string, args ...any) {
	k.t.Helper()
	msg := k.journey + ": " + fmt.Sprintf(format, args...)
	k.failures = append(k.failures, msg)
	k.t.Error(msg)
}

func (k *keyboard) fatalf(format string, args ...any) {
	k.t.Helper()
	k.errorf(format, args...)
	k.t.FailNow()
}

func (k *keyboard) do(actions ...chromedp.Action[chromedp.Void]) {
	k.t.Helper()
	if err := chromedp.Do(k.ctx, actions...); err != nil {
		k.fatalf("%v", err)
	}
}

func (k *keyboard) open(path string) {
	k.t.Helper()
	if err := browsertest.Navigate(k.ctx, k.base+path); err != nil {
		k.fatalf("%v", err)
	}
}

// press sends keys (kb.Tab, kb.Enter, " ", kb.Escape or text to type).
func (k *keyboard) press(keys string, opts ...chromedp.KeyOption) {
	k.t.Helper()
	k.do(chromedp.KeyEvent(keys, opts...))
}

// focus is what the test reads of document.activeElement.
type focus struct {
	Desc    string `json:"desc"`
	Body    bool   `json:"body"`
	Visible bool   `json:"visible"`
	Match   bool   `json:"match"`
	Wrapped bool   `json:"wrapped"`
}

const focusScript = `((sel) => {
const e = document.activeElement;
const wrapped = !!window.__kbStart && (e === document.body ||
	(window.__kbStart.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_PRECEDING) !== 0);
if (!e || e === document.body) return {desc: "body", body: true, visible: true, match: false, wrapped};
const s = getComputedStyle(e);
const visible = (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none";
const desc = e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.name ? "[name=" + e.name + "]" : "") +
	" \"" + (e.innerText || e.value || e.getAttribute("aria-label") || "").trim().slice(0, 40) + "\"";
return {desc, body: false, visible, match: sel !== "" && e.matches(sel), wrapped};
})(%q)`

func (k *keyboard) focused(sel string) focus {
	k.t.Helper()
	f, err := chromedp.Run(k.ctx, chromedp.Evaluate[focus](fmt.Sprintf(focusScript, sel)))
	if err != nil {
		k.fatalf("read the focus: %v", err)
	}
	return f
}

// tab presses Tab (Shift+Tab when back) until the focused element matches
// sel, checking at each step that focus is visible.
func (k *keyboard) tab(sel string, back bool) {
	k.t.Helper()
	var opts []chromedp.KeyOption
	if back {
		opts = append(opts, chromedp.KeyModifiers(chromedp.ModifierShift))
	}
	for range 250 {
		k.press(kb.Tab, opts...)
		f := k.focused(sel)
		if !f.Body && !f.Visible {
			k.errorf("focus on %s is not visible (no outline, no box-shadow)", f.Desc)
		}
		if f.Match {
			return
		}
	}
	k.fatalf("%s never took the focus in 250 presses of Tab", sel)
}

// skipToContent follows the skip link, as a keyboard user starts a page.
func (k *keyboard) skipToContent() {
	k.t.Helper()
	k.tab("a.skip", false)
	k.press(kb.Enter)
}

// noTrap presses Tab from the focused element until focus has gone round
// the page (to the body or to an element before the start) and fails when
// it does not within the number of focusable elements.
func (k *keyboard) noTrap() {
	k.t.Helper()
	n, err := chromedp.Run(k.ctx, chromedp.Evaluate[int](`(() => { window.__kbStart = document.activeElement;
		return document.querySelectorAll("a[href], button, input, select, textarea, [tabindex]").length; })()`))
	if err != nil {
		k.fatalf("%v", err)
	}
	start := k.focused("")
	for range n + 5 {
		k.press(kb.Tab)
		if k.focused("").Wrapped {
			return
		}
	}
	k.errorf("focus is trapped: Tab from %s does not go round the page in %d presses", start.Desc, n+5)
}

// waitFor waits for what the page shows after a key press; waiting is
// not interaction.
func (k *keyboard) waitFor(sel string) {
	k.t.Helper()
	wctx, cancel := context.WithTimeout(k.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(wctx, chromedp.WaitVisible(chromedp.CSS(sel))); err != nil {
		k.fatalf("%s did not appear: %v", sel, err)
	}
}

func (k *keyboard) login(email, password string) {
	k.t.Helper()
	k.open("/logga-in")
	k.skipToContent()
	k.tab("#f-email", false)
	k.press(email)
	k.tab("#f-password", false)
	k.press(password)
	k.press(kb.Enter)
	k.waitFor(".flash")
	if loc, _ := chromedp.Run(k.ctx, chromedp.Location()); !strings.HasSuffix(loc, "/oversikt") {
		k.fatalf("after logging in the page is %s, want /oversikt", loc)
	}
}

func (k *keyboard) logout() {
	k.t.Helper()
	if _, err := chromedp.Call(k.ctx, network.ClearBrowserCookies, cdp.Empty{}); err != nil {
		k.fatalf("%v", err)
	}
}

// draftAndSave types a sentence at the start of the draft's text and
// saves it; then opens the @mention list in the comment field, closes it
// with Escape and leaves the field with Tab.
func (k *keyboard) draftAndSave(admin *session, id string) {
	k.t.Helper()
	k.open("/internt/stallningstaganden/" + id)
	k.skipToContent()
	k.tab("#f-body", false)
	k.press("Skrivet med tangentbordet. ")
	k.tab("#redigera-form button[type=submit]", false)
	k.press(kb.Enter)
	k.waitFor(".flash")
	var st apiStatement
	admin.call(200, "GET", "/api/v1/statements/"+id, "", &st)
	if !strings.Contains(st.Body, "Skrivet med tangentbordet.") {
		k.errorf("the saved text does not hold what was typed: %.120q", st.Body)
	}
	k.skipToContent()
	k.tab("#f-comment", false)
	k.press("@Sig")
	k.waitFor(".mention-list:not([hidden])")
	k.press(kb.Escape)
	if open, _ := chromedp.Run(k.ctx, chromedp.Evaluate[bool](`!document.querySelector(".mention-list").hidden`)); open {
		k.errorf("Escape left the @mention list open")
	}
	if f := k.focused("#f-comment"); !f.Match {
		k.errorf("after Escape the focus is on %s, not the comment field", f.Desc)
	}
	k.press(kb.Tab)
	if f := k.focused("#f-comment"); f.Match {
		k.errorf("Tab does not leave the comment field")
	}
	k.noTrap()
}

// resolveConflict: the secretariat changes the first paragraph while the
// keyboard user adds to it; the save shows both versions and the user
// keeps theirs by keyboard.
func (k *keyboard) resolveConflict(admin *session, id string) {
	k.t.Helper()
	k.open("/internt/stallningstaganden/" + id)
	var st apiStatement
	admin.call(200, "GET", "/api/v1/statements/"+id, "", &st)
	first := app.Blocks(st.Body)[0].Source
	admin.call(200, "PATCH", "/api/v1/statements/"+id, mustJSONString(map[string]any{"version": st.Version,
		"body": strings.Replace(st.Body, first, first+" Ändrat av kansliet.", 1)}), nil)
	k.skipToContent()
	k.tab("#f-body", false)
	k.press("Min ändring. ")
	k.tab("#redigera-form button[type=submit]", false)
	k.press(kb.Enter)
	k.waitFor("#konflikt [role=alert]")
	k.skipToContent()
	k.tab(`#konflikt input[type=radio][value=mine]`, false)
	k.tab(`#konflikt button[type=submit]`, false)
	k.press(kb.Enter)
	k.waitFor(".flash")
	admin.call(200, "GET", "/api/v1/statements/"+id, "", &st)
	if !strings.Contains(st.Body, "Min ändring.") || strings.Contains(st.Body, "Ändrat av kansliet.") {
		k.errorf("after keeping one's own version the text is %.160q", st.Body)
	}
	k.noTrap()
}

// acceptSuggestion: a suggestion for the summary, made over the API, is
// accepted from the statement's page by keyboard.
func (k *keyboard) acceptSuggestion(admin *session, id string) {
	k.t.Helper()
	var st apiStatement
	admin.call(200, "GET", "/api/v1/statements/"+id, "", &st)
	text := "Sammanfattning som ett förslag, godtaget med tangentbordet."
	admin.call(201, "POST", "/api/v1/statements/"+id+"/suggestions",
		fmt.Sprintf(`{"block":"summary","text":%q,"base_version":%d}`, text, st.Version), nil)
	k.open("/internt/stallningstaganden/" + id)
	k.skipToContent()
	k.tab(`form[action$="/godta"] button[type=submit]`, false)
	k.press(kb.Enter)
	k.waitFor(".flash")
	var after struct{ Summary string }
	admin.call(200, "GET", "/api/v1/statements/"+id, "", &after)
	if after.Summary != text {
		k.errorf("after accepting the suggestion the summary is %q", after.Summary)
	}
	k.noTrap()
}

// bellAndInbox: from the desk the bell leads to the inbox, where the
// signer marks the reminder read.
func (k *keyboard) bellAndInbox(signer *session) {
	k.t.Helper()
	var before struct{ Unread int }
	signer.call(200, "GET", "/api/v1/notifications?unread=true", "", &before)
	if before.Unread == 0 {
		k.fatalf("the signer has no unread notification to read")
	}
	k.tab("a.bell", false)
	k.press(kb.Enter)
	k.waitFor("ol.inbox")
	k.skipToContent()
	k.tab(`form[action="/internt/notiser/las"] button.link`, false)
	k.press(" ")
	k.waitFor(".flash")
	var after struct{ Unread int }
	signer.call(200, "GET", "/api/v1/notifications?unread=true", "", &after)
	if after.Unread != before.Unread-1 {
		k.errorf("unread notifications %d → %d, want one fewer", before.Unread, after.Unread)
	}
	k.noTrap()
}

// sign: the signer fills in the decision by keyboard and signs.
func (k *keyboard) sign(admin *session, id, name string) {
	k.t.Helper()
	k.open("/internt/stallningstaganden/" + id + "/signering")
	k.skipToContent()
	k.tab("#f-decided_on", false)
	today := app.DateOf(time.Now()).String()
	k.typeDate(today)
	if v, _ := chromedp.Run(k.ctx, chromedp.Value(chromedp.CSS("#f-decided_on"))); v != today {
		k.errorf("the date field holds %q after typing %s", v, today)
	}
	k.tab("#f-paragraph", false)
	k.press("§ 212")
	k.tab(`form[action$="/signering"] button[type=submit]`, false)
	k.press(kb.Enter)
	k.waitFor(".my-decision")
	var st struct {
		Signatures []struct {
			SignatoryName string `json:"signatory_name"`
			Paragraph     string `json:"paragraph"`
		}
	}
	admin.call(200, "GET", "/api/v1/statements/"+id, "", &st)
	signed := false
	for _, g := range st.Signatures {
		signed = signed || (g.SignatoryName == name && g.Paragraph == "§ 212")
	}
	if !signed {
		k.errorf("no signature by %s with § 212: %+v", name, st.Signatures)
	}
	k.noTrap()
}

// typeDate types date (YYYY-MM-DD) into the focused date field as a
// person does: its parts in the order the browser's locale shows them
// (month, day, year in en-US), each part moving on to the next when it is
// complete, and Tab after a year, which may take up to six digits.
func (k *keyboard) typeDate(date string) {
	k.t.Helper()
	order, err := chromedp.Run(k.ctx, chromedp.Evaluate[[]string](`new Intl.DateTimeFormat(navigator.language,
		{year: "numeric", month: "2-digit", day: "2-digit"}).formatToParts(new Date(2026, 11, 6)).
		filter(p => p.type !== "literal").map(p => p.type)`))
	if err != nil || len(order) != 3 {
		k.fatalf("the order of a date's parts: %v %v", order, err)
	}
	ymd := strings.Split(date, "-")
	if len(ymd) != 3 {
		k.fatalf("not a date: %q", date)
	}
	parts := map[string]string{"year": ymd[0], "month": ymd[1], "day": ymd[2]}
	for i, p := range order {
		k.press(parts[p])
		if p == "year" && i < len(order)-1 {
			k.press(kb.Tab)
		}
	}
}

// triageDismiss: two remisser of an imported listing are ticked with
// Space, a reason typed, and both dismissed at once.
func (k *keyboard) triageDismiss(admin *session) {
	k.t.Helper()
	importListing(k.t, admin)
	var before struct{ Total int }
	admin.call(200, "GET", "/api/v1/triage?state=pending", "", &before)
	k.open("/internt/inkorg")
	k.skipToContent()
	k.tab(`table.triage tbody tr:nth-child(1) input[name=ids]`, false)
	k.press(" ")
	k.tab(`table.triage tbody tr:nth-child(2) input[name=ids]`, false)
	k.press(" ")
	k.tab("#f-reason", true)
	k.press("Gäller inte våra kommuner")
	k.tab(`button[name=action][value=dismiss]`, false)
	k.press(kb.Enter)
	k.waitFor(".flash")
	var after struct{ Total int }
	admin.call(200, "GET", "/api/v1/triage?state=pending", "", &after)
	if after.Total != before.Total-2 {
		k.errorf("the inbox holds %d remisser after dismissing two of %d", after.Total, before.Total)
	}
	k.noTrap()
}

// importListing uploads the captured listing of remisser on the import
// page as the secretariat would, which puts its remisser in the inbox.
func importListing(t *testing.T, admin *session) {
	t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	_ = w.WriteField("_csrf", admin.csrf["X-CSRF-Token"])
	part, err := w.CreateFormFile("remiss_file", "listing.html")
	if err == nil {
		_, err = part.Write(regeringentest.Read(t, "listing.html"))
	}
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, admin.base+"/admin/import", &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("X-CSRF-Token", admin.csrf["X-CSRF-Token"])
	resp, err := admin.c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	page, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(page), "Till inkorgen: 20") {
		t.Fatalf("import the listing: %d %.300s", resp.StatusCode, page)
	}
}
