package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
)

// AccountLinks issues, mails and redeems account links (account_link.go).
type AccountLinks struct {
	Users    UserStore
	Links    AccountLinkStore
	Accounts *Accounts // ends the user's sessions and tokens after a new password
	Mailer   Mailer    // nil without SMTP: nothing can be mailed
	Clock    Clock
	// BaseURL starts every link, e.g. https://samsyn.example.se.
	BaseURL     string
	NetworkName string
	Log         *slog.Logger
	Events      *Events
}

// ErrMailNotSent wraps the mail server's refusal of an invitation.
var ErrMailNotSent = errors.New("invitation mail not sent")

// errNoMailer refuses an invitation when no mail server is configured.
var errNoMailer = FieldError("invite", "error.invite.no_mailer")

// CanMail returns a validation error on "invite" when there is no mail
// server to send an invitation with.
func (a *AccountLinks) CanMail() error {
	if a.Mailer == nil {
		return errNoMailer
	}
	return nil
}

// Issue stores a new link of purpose for u, invalidating u's older links
// of that purpose, and returns its secret.
func (a *AccountLinks) Issue(ctx context.Context, u *User, purpose LinkPurpose) (string, error) {
	if err := a.Links.DeleteUserAccountLinks(ctx, u.ID, purpose); err != nil {
		return "", err
	}
	secret := RandomToken(32)
	now := a.Clock.Now()
	l := &AccountLink{ID: HashSecret(secret), UserID: u.ID, Purpose: purpose, CreatedAt: now, ExpiresAt: now.Add(purpose.TTL())}
	if err := a.Links.CreateAccountLink(ctx, l); err != nil {
		return "", err
	}
	return secret, nil
}

// RequestReset mails a reset link to the active user with that e-mail
// address. It returns nil whether or not there is such a user and whether
// or not the mail went out (that is logged, never the link), so that the
// caller cannot tell; errors are the store's.
func (a *AccountLinks) RequestReset(ctx context.Context, email string) error {
	u, err := a.Users.UserByEmail(ctx, strings.TrimSpace(email))
	switch {
	case ErrorCode(err) == ENOTFOUND:
		return nil
	case err != nil:
		return err
	case !u.Active:
		return nil
	}
	if a.Mailer == nil {
		a.Log.Warn("password reset link not mailed: no mail server (SAMSYN_SMTP_URL is not set)", "user_id", u.ID)
		return nil
	}
	secret, err := a.Issue(ctx, u, LinkReset)
	if err != nil {
		return err
	}
	if err := a.Mailer.Send(ctx, a.mail(u, LinkReset, secret)); err != nil {
		a.Log.Warn("password reset link could not be mailed", "user_id", u.ID, "err", err)
		return nil
	}
	a.Log.Info("password reset link mailed", "user_id", u.ID)
	return nil
}

// Invite mails u, an active user without a password, a new invitation
// link. It answers EINVALID when there is no mail server or u cannot be
// invited, and an error wrapping ErrMailNotSent when the mail server
// refused the mail.
func (a *AccountLinks) Invite(ctx context.Context, actor, u *User) error {
	switch {
	case a.Mailer == nil:
		return errNoMailer
	case !u.Active:
		return FieldError("invite", "error.invite.user_inactive")
	case u.HasPassword():
		return FieldError("invite", "error.invite.has_password")
	}
	secret, err := a.Issue(ctx, u, LinkInvite)
	if err != nil {
		return err
	}
	if err := a.Mailer.Send(ctx, a.mail(u, LinkInvite, secret)); err != nil {
		return fmt.Errorf("%w: %w", ErrMailNotSent, err)
	}
	publish(ctx, a.Events, a.Clock, actor, "user.invite", Subject{"user", u.ID}, "", "", "")
	return nil
}

// Check returns the link with that secret and its user when the link
// works for purpose: known, unused, not expired, of that purpose, for an
// active user. Every failure is ErrLinkInvalid. Nothing is changed.
func (a *AccountLinks) Check(ctx context.Context, secret string, purpose LinkPurpose) (*AccountLink, *User, error) {
	if !validLinkSecret(secret) {
		return nil, nil, ErrLinkInvalid
	}
	l, err := a.Links.AccountLinkByID(ctx, HashSecret(secret))
	if err != nil {
		return nil, nil, notFoundAs(err, ErrLinkInvalid)
	}
	if l.Purpose != purpose || !a.Clock.Now().Before(l.ExpiresAt) {
		return nil, nil, ErrLinkInvalid
	}
	u, err := a.Users.UserByID(ctx, l.UserID)
	if err != nil {
		return nil, nil, notFoundAs(err, ErrLinkInvalid)
	}
	if !u.Active {
		return nil, nil, ErrLinkInvalid
	}
	return l, u, nil
}

// SetPassword redeems the link with that secret: it checks the link and
// the password (EINVALID leaves the link usable), uses the link up, stores
// the password, deletes the user's other links and ends all the user's
// sessions and API tokens. A link already used is ErrLinkInvalid.
func (a *AccountLinks) SetPassword(ctx context.Context, secret string, purpose LinkPurpose, password string) (*User, error) {
	l, u, err := a.Check(ctx, secret, purpose)
	if err != nil {
		return nil, err
	}
	nu, err := u.Apply(UserUpdate{Password: &password})
	if err != nil {
		return nil, err
	}
	if _, err := a.Links.TakeAccountLink(ctx, l.ID, purpose); err != nil {
		return nil, notFoundAs(err, ErrLinkInvalid)
	}
	if nu, err = a.storePassword(ctx, nu); err != nil {
		return nil, err
	}
	if err := a.Links.DeleteUserAccountLinks(ctx, nu.ID, ""); err != nil {
		return nil, err
	}
	if err := a.Accounts.EndUserAccess(ctx, nu.ID); err != nil {
		return nil, err
	}
	kind := "user.password_reset"
	if purpose == LinkInvite {
		kind = "user.invitation_accepted"
	}
	publish(ctx, a.Events, a.Clock, nu, kind, Subject{"user", nu.ID}, strconv.Itoa(u.Version), strconv.Itoa(nu.Version), "")
	return nu, nil
}

// storePassword stores nu's password hash, retrying on a concurrent change
// to another field of the user.
func (a *AccountLinks) storePassword(ctx context.Context, nu *User) (*User, error) {
	for range 3 {
		nu.UpdatedAt = a.Clock.Now()
		err := a.Users.UpdateUser(ctx, nu)
		if ErrorCode(err) != ECONFLICT {
			return nu, err
		}
		fresh, ferr := a.Users.UserByID(ctx, nu.ID)
		if ferr != nil {
			return nil, ferr
		}
		fresh.PasswordHash = nu.PasswordHash
		nu = fresh
	}
	return nil, Errorf(ECONFLICT, "error.link.user_changed")
}

// mail is the e-mail carrying a link.
func (a *AccountLinks) mail(u *User, purpose LinkPurpose, secret string) *Mail {
	link := strings.TrimRight(a.BaseURL, "/") + purpose.Path() + secret
	var b strings.Builder
	fmt.Fprintf(&b, "Hej %s!\n\n", u.Name)
	subject := "Välj nytt lösenord – " + a.NetworkName
	if purpose == LinkInvite {
		subject = "Inbjudan till " + a.NetworkName
		fmt.Fprintf(&b, "Du har fått ett konto i %s arbetsverktyg Samsyn med e-postadressen %s.\n\n", genitive(a.NetworkName), u.Email)
		fmt.Fprintf(&b, "Välj ditt lösenord här. Länken gäller i 7 dagar och fungerar en gång:\n%s\n\n", link)
		b.WriteString("Har länken gått ut kan du be nätverkets administratör om en ny inbjudan.\n")
	} else {
		fmt.Fprintf(&b, "Någon, förhoppningsvis du, har bett om ett nytt lösenord till ditt konto (%s) i %s.\n\n", u.Email, a.NetworkName)
		fmt.Fprintf(&b, "Välj ett nytt lösenord här. Länken gäller i 30 minuter och fungerar en gång:\n%s\n\n", link)
		b.WriteString("Bad du inte om detta kan du bortse från mejlet: ditt lösenord är oförändrat.\n")
	}
	fmt.Fprintf(&b, "\nDet här är ett automatiskt meddelande från %s.\n", a.NetworkName)
	return &Mail{To: u.Email, ToName: u.Name, Subject: subject, Body: b.String()}
}

// genitive is a Swedish genitive: "Industrikommunerna" → "Industrikommunernas";
// names ending in s, x or z take no extra s.
func genitive(name string) string {
	if strings.HasSuffix(name, "s") || strings.HasSuffix(name, "x") || strings.HasSuffix(name, "z") {
		return name
	}
	return name + "s"
}
