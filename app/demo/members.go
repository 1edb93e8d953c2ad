package demo

import (
	"context"
	"strings"

	"github.com/samsyn/samsyn/app"
)

// municipalities are real Swedish industrial municipalities with their
// official municipality codes (kommunkoder, SCB); the county follows from
// the first two digits.
var municipalities = []struct{ name, code string }{
	{"Södertälje", "0181"},
	{"Oxelösund", "0481"},
	{"Finspång", "0562"},
	{"Olofström", "1060"},
	{"Trollhättan", "1488"},
	{"Skövde", "1496"},
	{"Degerfors", "1862"},
	{"Karlskoga", "1883"},
	{"Hallstahammar", "1961"},
	{"Fagersta", "1982"},
	{"Smedjebacken", "2061"},
	{"Borlänge", "2081"},
	{"Avesta", "2084"},
	{"Ludvika", "2085"},
	{"Hofors", "2104"},
	{"Gävle", "2180"},
	{"Sandviken", "2181"},
	{"Timrå", "2262"},
	{"Sundsvall", "2281"},
	{"Örnsköldsvik", "2284"},
	{"Skellefteå", "2482"},
	{"Gällivare", "2523"},
	{"Luleå", "2580"},
	{"Piteå", "2581"},
	{"Boden", "2582"},
	{"Kiruna", "2584"},
}

// officials are the invented representatives of the members that have
// users: the chair of the municipal board (KSO, who may sign), the
// municipal director and the head of business development.
var officials = []struct{ code, kso, director, business string }{
	{"2181", "Birgitta Wahlström", "Mattias Höglund", "Sofia Ekdahl"},
	{"2081", "Lars-Göran Nordin", "Katarina Sjöberg", "Emil Rask"},
	{"0481", "Annika Forsgren", "Henrik Dahlqvist", "Jenny Åström"},
	{"2482", "Tomas Lindblad", "Ulrika Boström", "Anders Marklund"},
	{"2580", "Helena Strandberg", "Johan Öhman", "Linnea Nilsson Kero"},
	{"2523", "Margareta Palo", "Niklas Wikström", "Elin Kuoppa"},
	{"1488", "Peter Ahlgren", "Lena Bergkvist", "Oskar Fredén"},
	{"1883", "Camilla Rydén", "Stefan Olander", "Malin Tegnér"},
}

// Titles of the member officials.
const (
	titleKSO      = "Kommunstyrelsens ordförande"
	titleDirector = "Kommundirektör"
	titleBusiness = "Näringslivschef"
)

func (l *loader) loadMembers(ctx context.Context) error {
	for _, m := range municipalities {
		member, err := app.NewMember(m.name, m.code, "", l.daysAgo(400))
		if err != nil {
			return err
		}
		if err := l.s.Members.CreateMember(ctx, member); err != nil {
			return err
		}
		if err := l.audit(ctx, "member", member.ID, member.MunicipalityCode, "Medlem i demodata."); err != nil {
			return err
		}
		l.members[member.MunicipalityCode] = member
		l.res.Members++
	}
	return nil
}

func (l *loader) loadUsers(ctx context.Context) error {
	l.res.AdminEmail, l.res.AdminPassword = AdminEmail, app.RandomToken(12)
	admin := app.NewUserInput{Email: AdminEmail, Name: "Jonas Berglöf", Title: "Systemförvaltare",
		Role: app.RoleAdmin, Password: l.res.AdminPassword}
	if _, err := l.createUser(ctx, admin); err != nil {
		return err
	}
	var err error
	if l.author, err = l.createStaff(ctx, "Eva Lindqvist", "Kanslichef"); err != nil {
		return err
	}
	if l.registrar, err = l.createStaff(ctx, "Sara Nyström", "Handläggare"); err != nil {
		return err
	}
	for _, o := range officials {
		m := l.members[o.code]
		if l.signatories[o.code], err = l.createOfficial(ctx, m, o.kso, titleKSO, true); err != nil {
			return err
		}
		if _, err := l.createOfficial(ctx, m, o.director, titleDirector, false); err != nil {
			return err
		}
		if _, err := l.createOfficial(ctx, m, o.business, titleBusiness, false); err != nil {
			return err
		}
	}
	return nil
}

func (l *loader) createStaff(ctx context.Context, name, title string) (*app.User, error) {
	return l.createUser(ctx, app.NewUserInput{Email: emailOf(name, "samsyn"), Name: name, Title: title,
		Role: app.RoleSecretariat, Password: app.RandomToken(16)})
}

func (l *loader) createOfficial(ctx context.Context, m *app.Member, name, title string, maySign bool) (*app.User, error) {
	return l.createUser(ctx, app.NewUserInput{Email: emailOf(name, m.Slug), Name: name, Title: title,
		Role: app.RoleMember, MemberID: m.ID, MaySign: maySign, Password: app.RandomToken(16)})
}

func (l *loader) createUser(ctx context.Context, in app.NewUserInput) (*app.User, error) {
	u, err := app.NewUser(in, l.daysAgo(380))
	if err != nil {
		return nil, err
	}
	if err := l.s.Users.CreateUser(ctx, u); err != nil {
		return nil, err
	}
	if err := l.audit(ctx, "user", u.ID, string(u.Role), "Användare i demodata."); err != nil {
		return nil, err
	}
	l.res.Users++
	return u, nil
}

// emailOf builds fornamn.efternamn@domain.example from a name:
// "Linnea Nilsson Kero" at "lulea" → "linnea.nilsson-kero@lulea.example".
func emailOf(name, domain string) string {
	first, last, _ := strings.Cut(name, " ")
	return app.Slugify(first) + "." + app.Slugify(last) + "@" + domain + ".example"
}
