package main

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/samsyn/samsyn/app/smtp/smtptest"
	"github.com/samsyn/samsyn/app/web/browsertest"
)

var resetLinkRE = regexp.MustCompile(`https?://[^/\s]+(/aterstall/[0-9a-f]{64})`)

// TestPasswordResetInChromium: the whole reset in a browser, with axe-core
// on every new page: "Glömt lösenordet?" on the login page, the e-mail
// form, the mail (caught by an in-process SMTP server), the new-password
// form, and a login with the new password. The link then no longer works.
func TestPasswordResetInChromium(t *testing.T) {
	t.Parallel()
	ctx := browsertest.NewBrowser(t)
	mail := smtptest.Start(t)
	inst := startServe(t, t.TempDir(), "SAMSYN_SMTP_URL", mail.URL(), "SAMSYN_MAIL_FROM", "samsyn@example.se")
	defer inst.stop()
	for _, path := range []string{"/glomt-losenord", "/glomt-losenord?lang=en", "/aterstall/" + strings.Repeat("0", 64)} {
		browsertest.CheckA11y(t, ctx, inst.URL+path)
	}
	actx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := browsertest.Navigate(actx, inst.URL+"/logga-in?lang=sv"); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(actx,
		chromedp.Click(chromedp.CSS(`main a[href="/glomt-losenord"]`)),
		chromedp.WaitVisible(chromedp.CSS("#f-email")),
		chromedp.SendKeys(chromedp.CSS("#f-email"), inst.AdminEmail),
		chromedp.Click(chromedp.CSS("main button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	); err != nil {
		t.Fatalf("ask for a reset link: %v", err)
	}
	var link string
	for deadline := time.Now().Add(20 * time.Second); link == "" && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		for _, m := range mail.Messages() {
			if l := resetLinkRE.FindStringSubmatch(m.Body); l != nil && m.To[0] == inst.AdminEmail {
				link = l[1]
			}
		}
	}
	if link == "" {
		t.Fatalf("no reset mail to %s among %d", inst.AdminEmail, len(mail.Messages()))
	}
	browsertest.CheckA11y(t, ctx, inst.URL+link)
	const pw = "valnöt kanot spegel tåg"
	if err := chromedp.Do(actx,
		chromedp.Navigate(inst.URL+link),
		chromedp.WaitVisible(chromedp.CSS("#f-password")),
		chromedp.SendKeys(chromedp.CSS("#f-password"), pw),
		chromedp.SendKeys(chromedp.CSS("#f-password_confirm"), pw),
		chromedp.Click(chromedp.CSS("main button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	); err != nil {
		t.Fatalf("choose the new password: %v", err)
	}
	inst.AdminPassword = pw
	loginInBrowser(t, ctx, inst)
	if loc, err := chromedp.Run(actx, chromedp.Location()); err != nil || !strings.HasSuffix(loc, "/oversikt") {
		t.Fatalf("after login with the new password at %q (%v), want /oversikt", loc, err)
	}
	if err := browsertest.Navigate(actx, inst.URL+link); err != nil {
		t.Fatal(err)
	}
	if h1, err := browsertest.Text(actx, "h1"); err != nil || h1 != "Länken gäller inte" {
		t.Fatalf("the used link shows %q (%v)", h1, err)
	}
}
