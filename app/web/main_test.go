package web_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/mongodb/mongotest"
	"github.com/samsyn/samsyn/app/regeringen"
	"github.com/samsyn/samsyn/app/web"
)

const testPassword = "rätt häst batteri häftstift"

// fixture is a server on a fresh database with two members and a user of
// every kind, each with an API token.
type fixture struct {
	t        testing.TB
	srv      *web.Server
	db       *mongodb.DB
	members  *mongodb.MemberStore
	users    *mongodb.UserStore
	accounts *app.Accounts
	services *app.Services
	memberA  *app.Member
	memberB  *app.Member
	byRole   map[string]*app.User // "admin", "secretariat", "memberA", "signerA", "memberB"
	tokens   map[string]string
}

func newFixture(t testing.TB) *fixture {
	return newFixtureWith(t, web.Config{BaseURL: "http://localhost:8080"})
}

func newFixtureWith(t testing.TB, cfg web.Config) *fixture {
	t.Helper()
	db := mongotest.MustOpenDB(t)
	f := &fixture{t: t, db: db, members: mongodb.NewMemberStore(db), users: mongodb.NewUserStore(db),
		byRole: map[string]*app.User{}, tokens: map[string]string{}}
	if cfg.NetworkName == "" {
		cfg.NetworkName = "Industrikommunerna"
	}
	if cfg.BodyLimit == 0 {
		cfg.BodyLimit = 64 << 10
	}
	if cfg.RequestTimeout == 0 {
		cfg.RequestTimeout = 10 * time.Second
	}
	if cfg.LoginLimit == 0 {
		cfg.LoginLimit, cfg.LoginWindow = 5, time.Minute
	}
	f.services = newServices(db, io.Discard)
	f.accounts = f.services.Accounts
	srv, err := web.New(web.Deps{Services: f.services, Ready: db.Ping,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Registry: prometheus.NewRegistry()}, cfg)
	if err != nil {
		t.Fatal(err)
	}
	f.srv = srv
	f.memberA = f.mustMember("Skellefteå", "2482")
	f.memberB = f.mustMember("Oxelösund", "0481")
	f.mustUser("admin", app.NewUserInput{Email: "admin@example.se", Name: "Åke Admin", Role: app.RoleAdmin})
	f.mustUser("secretariat", app.NewUserInput{Email: "kansli@example.se", Name: "Karin Kansli", Role: app.RoleSecretariat})
	f.mustUser("memberA", app.NewUserInput{Email: "nlc@skelleftea.example", Name: "Märta Medlem", Role: app.RoleMember, MemberID: f.memberA.ID})
	f.mustUser("signerA", app.NewUserInput{Email: "kso@skelleftea.example", Name: "Sören Signer", Title: "KSO", Role: app.RoleMember, MemberID: f.memberA.ID, MaySign: true})
	f.mustUser("memberB", app.NewUserInput{Email: "nlc@oxelosund.example", Name: "Börje B", Role: app.RoleMember, MemberID: f.memberB.ID})
	return f
}

// newServices wires the domain's services on db as cmd does, logging
// follow-up failures to w.
func newServices(db *mongodb.DB, w io.Writer) *app.Services {
	return app.NewServices(mongodb.Stores(db), app.ServiceConfig{Clock: app.SystemClock{},
		Fetcher: regeringen.Reader{}, BaseURL: "http://localhost:8080", NetworkName: "Industrikommunerna",
		Log: slog.New(slog.NewTextHandler(w, nil)), IdleTimeout: time.Hour, AbsoluteTimeout: 8 * time.Hour})
}

// listen serves on a real loopback listener and returns its base URL.
func (f *fixture) listen() string {
	f.t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		f.t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- f.srv.Serve(ln) }()
	f.t.Cleanup(func() {
		_ = f.srv.Shutdown(context.Background())
		<-done
	})
	return "http://" + ln.Addr().String()
}

func (f *fixture) mustMember(name, code string) *app.Member {
	m, err := app.NewMember(name, code, "", time.Now())
	if err == nil {
		err = f.members.CreateMember(context.Background(), m)
	}
	if err != nil {
		f.t.Fatal(err)
	}
	return m
}

func (f *fixture) mustUser(key string, in app.NewUserInput) {
	in.Password = testPassword
	u, err := app.NewUser(in, time.Now())
	if err == nil {
		err = f.users.CreateUser(context.Background(), u)
	}
	if err != nil {
		f.t.Fatal(err)
	}
	tok, err := f.accounts.CreateToken(context.Background(), in.Email, "test")
	if err != nil {
		f.t.Fatal(err)
	}
	f.byRole[key], f.tokens[key] = u, tok
}

// request is one HTTP request in a test.
type request struct {
	method, path, body string
	role               string // "" for anonymous; sent as a bearer token
	contentType        string
	headers            map[string]string
}

func (f *fixture) do(r request) *http.Response {
	f.t.Helper()
	var body io.Reader
	if r.body != "" {
		body = strings.NewReader(r.body)
	}
	req := httptest.NewRequest(r.method, r.path, body)
	ct := r.contentType
	if ct == "" && r.body != "" {
		ct = "application/json"
	}
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	if r.role != "" {
		req.Header.Set("Authorization", "Bearer "+f.tokens[r.role])
	}
	for k, v := range r.headers {
		req.Header.Set(k, v)
	}
	resp, err := f.srv.App().Test(req, -1)
	if err != nil {
		f.t.Fatalf("%s %s: %v", r.method, r.path, err)
	}
	return resp
}

// errorAnswer is the JSON error shape of DESIGN.md.
type errorAnswer struct {
	Error struct {
		Code    string            `json:"code"`
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields"`
	} `json:"error"`
}

func decode[T any](t *testing.T, resp *http.Response) T {
	t.Helper()
	defer resp.Body.Close()
	var v T
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("decode %T from %q: %v", v, b, err)
	}
	return v
}

func (f *fixture) counts() (members, users int) {
	ctx := context.Background()
	_, m, err := f.members.ListMembers(ctx, app.MemberFilter{})
	if err != nil {
		f.t.Fatal(err)
	}
	_, u, err := f.users.ListUsers(ctx, app.UserFilter{})
	if err != nil {
		f.t.Fatal(err)
	}
	return m, u
}
