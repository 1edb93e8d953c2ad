package app_test

import (
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
)

func TestSlugify(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Oxelösund":                 "oxelosund",
		"Skellefteå kommun":         "skelleftea-kommun",
		"  Gällivare  ":             "gallivare",
		"Örnsköldsvik":              "ornskoldsvik",
		"Älvkarleby/Söderhamn & co": "alvkarleby-soderhamn-co",
		"Åre <script>":              "are-script",
		"!!!":                       "",
	} {
		if got := app.Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNewMember(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	m, err := app.NewMember(" Borlänge ", "2081", "", now)
	if err != nil || m.Slug != "borlange" || m.County != "Dalarnas län" || m.Name != "Borlänge" || !m.Active {
		t.Fatalf("NewMember: %+v %v", m, err)
	}
	cases := []struct{ name, code, field string }{
		{"", "2081", "name"},
		{"Borlänge", "208", "municipality_code"},
		{"Borlänge", "20811", "municipality_code"},
		{"Borlänge", "2O81", "municipality_code"},
		{"Borlänge", "9981", "municipality_code"},
		{"???", "2081", "name"},
	}
	for _, c := range cases {
		_, err := app.NewMember(c.name, c.code, "", now)
		if app.ErrorCode(err) != app.EINVALID || app.ErrorFields(err)[c.field] == "" {
			t.Errorf("NewMember(%q, %q) = %v, want invalid %s", c.name, c.code, err, c.field)
		}
	}
}

func TestNewUserRules(t *testing.T) {
	t.Parallel()
	now := time.Now()
	ok := app.NewUserInput{Email: "kso@lulea.example", Name: "Lena Luleå", Role: app.RoleMember, MemberID: "m1", MaySign: true, Password: "tolv tecken långt"}
	if u, err := app.NewUser(ok, now); err != nil || u.PasswordHash == "" || u.PasswordHash == ok.Password {
		t.Fatalf("valid user refused or password not hashed: %v", err)
	}
	bad := map[string]func(*app.NewUserInput){
		"email":     func(in *app.NewUserInput) { in.Email = "Lena <kso@lulea.example>" },
		"name":      func(in *app.NewUserInput) { in.Name = " " },
		"role":      func(in *app.NewUserInput) { in.Role = "root" },
		"member_id": func(in *app.NewUserInput) { in.MemberID = "" },
		"password":  func(in *app.NewUserInput) { in.Password = "elva tecken" },
	}
	for field, change := range bad {
		in := ok
		change(&in)
		if _, err := app.NewUser(in, now); app.ErrorFields(err)[field] == "" {
			t.Errorf("%s: got %v, want a message for %s", field, err, field)
		}
	}
	staff := ok
	staff.Role = app.RoleSecretariat
	if _, err := app.NewUser(staff, now); app.ErrorFields(err)["member_id"] == "" {
		t.Errorf("secretariat user with a member accepted: %v", err)
	}
}

func TestPasswordPolicy(t *testing.T) {
	t.Parallel()
	for pw, ok := range map[string]bool{
		"elva tecken": false, "tolv tecken!": true, "åäöåäöåäöåäö": true, string(make([]byte, 129)): false,
		"password1234": false, "qwertyuiop123": false, "123456789012": false, "iloveyou1234": false,
		"lösenordlösenord": false, "Stockholm2026": false, "rätt häst batteri häftstift": true,
	} {
		if got := app.PasswordProblem(pw) == ""; got != ok {
			t.Errorf("PasswordProblem(%q) ok=%v, want %v", pw, got, ok)
		}
	}
	if app.PasswordProblem("lena.lulea@kommun.example", "lena.lulea@kommun.example") == "" {
		t.Error("the user's own e-mail accepted as password")
	}
	h, err := app.HashPassword("rätt lösenord här")
	if err != nil || !app.CheckPassword("rätt lösenord här", h) || app.CheckPassword("fel lösenord här", h) || app.CheckPassword("x", "") {
		t.Fatal("argon2id hash/check does not behave")
	}
}

func TestNormalPage(t *testing.T) {
	t.Parallel()
	if p, err := app.NormalPage(0, 0); err != nil || p.Number != 1 || p.Size != 20 || p.Skip() != 0 {
		t.Fatalf("defaults: %+v %v", p, err)
	}
	if p, _ := app.NormalPage(3, 50); p.Skip() != 100 {
		t.Fatalf("skip = %d", p.Skip())
	}
	for _, c := range [][2]int{{-1, 20}, {1, 101}, {1, -5}} {
		if _, err := app.NormalPage(c[0], c[1]); app.ErrorCode(err) != app.EINVALID {
			t.Errorf("NormalPage(%d, %d) accepted", c[0], c[1])
		}
	}
}

func TestContentHashCanonical(t *testing.T) {
	t.Parallel()
	a := app.ContentHash("Elnätet", "Kort", "Rad ett\r\nRad två\n")
	b := app.ContentHash("Elnätet ", "Kort", "Rad ett\nRad två")
	if a != b || len(a) != 64 {
		t.Fatalf("line endings or surrounding space change the hash: %s %s", a, b)
	}
	if a == app.ContentHash("Elnätet", "Kort", "Rad ett\nRad tre") {
		t.Fatal("different text, same hash")
	}
	if app.ContentHash("a", "b\x00c", "") == app.ContentHash("a", "b", "c") {
		t.Fatal("fields can run into each other")
	}
}
