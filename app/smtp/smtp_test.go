package smtp_test

import (
	"context"
	"strings"
	"testing"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/smtp"
	"github.com/samsyn/samsyn/app/smtp/smtptest"
)

func TestSendArrives(t *testing.T) {
	srv := smtptest.Start(t)
	m, err := smtp.New(srv.URL(), "samsyn@example.se")
	if err != nil {
		t.Fatal(err)
	}
	err = m.Send(context.Background(), &app.Mail{To: "kso@skelleftea.example", ToName: "Sören Signer",
		Subject: "Påminnelse: sista svarsdag – Ädelmetallutredningen", Body: "Hej Sören!\n\nÅäö fungerar.\n"})
	if err != nil {
		t.Fatal(err)
	}
	got := srv.Messages()
	if len(got) != 1 || got[0].From != "samsyn@example.se" || len(got[0].To) != 1 || got[0].To[0] != "kso@skelleftea.example" {
		t.Fatalf("arrived: %+v", got)
	}
	if got[0].Subject != "Påminnelse: sista svarsdag – Ädelmetallutredningen" || !strings.Contains(got[0].Body, "Åäö fungerar.") {
		t.Errorf("subject %q body %q", got[0].Subject, got[0].Body)
	}
}

// TestSendListUnsubscribe: a mail with an unsubscribe page says so in
// List-Unsubscribe (RFC 2369), which mail programs show as a button.
func TestSendListUnsubscribe(t *testing.T) {
	srv := smtptest.Start(t)
	m, err := smtp.New(srv.URL(), "samsyn@example.se")
	if err != nil {
		t.Fatal(err)
	}
	const page = "https://samsyn.example.se/avregistrera?t=u1.reply.c2lnbmF0dXI"
	for _, unsub := range []string{page, ""} {
		if err := m.Send(context.Background(), &app.Mail{To: "kso@skelleftea.example", Subject: "S", Body: "B", Unsubscribe: unsub}); err != nil {
			t.Fatal(err)
		}
	}
	got := srv.Messages()
	if len(got) != 2 || !strings.Contains(got[0].Raw, "List-Unsubscribe: <"+page+">") || strings.Contains(got[1].Raw, "List-Unsubscribe") {
		t.Fatalf("arrived: %+v", got)
	}
}

func TestBadURL(t *testing.T) {
	for _, u := range []string{"http://mail.example", "smtp://", "smtp://host:port", "::"} {
		if _, err := smtp.New(u, "a@example.se"); err == nil {
			t.Errorf("%q accepted", u)
		}
	}
}
