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

var unsubscribePathRE = regexp.MustCompile(`https?://[^/\s]+(/avregistrera\?t=\S+)`)

// TestNotifySettingsInChromium: the admin opens the notification
// settings, chooses in-app only for one kind and saves; then a colleague
// opens signing, the admin's e-mail arrives with an unsubscribe link,
// and following it and confirming stops that kind. axe-core passes on
// the settings page, the confirmation and the answer at 375 and 1280 px.
// Not parallel: it shortens the mail job's interval, which all servers
// of this process share.
func TestNotifySettingsInChromium(t *testing.T) {
	ctx := browsertest.NewBrowser(t)
	mail := smtptest.Start(t)
	old := notificationMailInterval
	notificationMailInterval = 100 * time.Millisecond
	defer func() { notificationMailInterval = old }()
	inst := startServe(t, t.TempDir(), "SAMSYN_SMTP_URL", mail.URL(), "SAMSYN_MAIL_FROM", "samsyn@example.se")
	defer inst.stop()
	loginInBrowser(t, ctx, inst)
	actx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := browsertest.Navigate(actx, inst.URL+"/internt/installningar?lang=sv"); err != nil {
		t.Fatal(err)
	}
	browsertest.CheckA11yHere(t, actx, "the notification settings", 375, 1280)
	shoot(t, actx, "notify-settings")
	if err := chromedp.Do(actx,
		chromedp.Click(chromedp.CSS(`input[name="mail.published"][value=none]`)),
		chromedp.Click(chromedp.CSS("main form[action='/internt/installningar'] button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".flash")),
	); err != nil {
		t.Fatalf("save the settings: %v", err)
	}
	checked, err := chromedp.Run(actx, chromedp.Evaluate[bool](`document.querySelector('input[name="mail.published"][value=none]').checked`))
	if err != nil || !checked {
		t.Fatalf("after saving, in-app only for published is checked: %v (%v)", checked, err)
	}

	admin := signIn(t, inst.URL, inst.AdminEmail, inst.AdminPassword)
	const pw = "valnöt kanot spegel tåg"
	admin.call(201, "POST", "/api/v1/users", `{"email":"kansli2@example.se","name":"Kerstin Kansli","role":"secretariat","password":"`+pw+`"}`, nil)
	colleague := signIn(t, inst.URL, "kansli2@example.se", pw)
	var st struct{ ID string }
	colleague.call(201, "POST", "/api/v1/statements", `{"kind":"joint_statement","title":"Elnätet i norr","body":"Vi vill ha mer kapacitet."}`, &st)
	signBy := time.Now().AddDate(0, 0, 20).Format(time.DateOnly)
	colleague.call(200, "POST", "/api/v1/statements/"+st.ID+"/signing", `{"sign_by":"`+signBy+`"}`, nil)
	var link string
	for deadline := time.Now().Add(30 * time.Second); link == "" && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		for _, m := range mail.Messages() {
			l := unsubscribePathRE.FindStringSubmatch(m.Body) // the reminder job's mails have one too
			if l != nil && m.To[0] == inst.AdminEmail && strings.Contains(m.Subject, "Dags att besluta: ”Elnätet i norr”") {
				link = l[1]
			}
		}
	}
	if link == "" {
		t.Fatalf("no notification mail to %s among %d", inst.AdminEmail, len(mail.Messages()))
	}
	if err := browsertest.Navigate(actx, inst.URL+link); err != nil {
		t.Fatal(err)
	}
	browsertest.CheckA11yHere(t, actx, "the unsubscribe confirmation", 375, 1280)
	shoot(t, actx, "unsubscribe")
	if err := chromedp.Do(actx,
		chromedp.Click(chromedp.CSS("main form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("main .flash")),
	); err != nil {
		t.Fatalf("confirm: %v", err)
	}
	if got, err := browsertest.Text(actx, "main .flash"); err != nil || got != "Klart. Du får inte längre e-post om ”Underskrift öppnad”." {
		t.Fatalf("answer %q (%v)", got, err)
	}
	browsertest.CheckA11yHere(t, actx, "the unsubscribe answer", 375, 1280)
	shoot(t, actx, "unsubscribed")
	if err := browsertest.Navigate(actx, inst.URL+"/internt/installningar"); err != nil {
		t.Fatal(err)
	}
	checked, err = chromedp.Run(actx, chromedp.Evaluate[bool](`document.querySelector('input[name="mail.signing_opened"][value=none]').checked`))
	if err != nil || !checked {
		t.Fatalf("after unsubscribing, in-app only for signing opened is checked: %v (%v)", checked, err)
	}
}
