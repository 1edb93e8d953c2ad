package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// instance is samsyn serve running in-process on a real listener.
type instance struct {
	URL, AdminEmail, AdminPassword string
	StartupMS                      string
	stop                           func() error
}

var (
	listeningRE = regexp.MustCompile(`listening on (http://\S+) \(ready in (\d+) ms\)`)
	loginRE     = regexp.MustCompile(`Log in as (\S+) with (?:new )?password (\S+)`)
)

// testEnv returns a getenv over a fresh data dir and extra variables.
func testEnv(dataDir string, extra ...string) func(string) string {
	vars := map[string]string{"SAMSYN_DATA_DIR": dataDir}
	for i := 0; i+1 < len(extra); i += 2 {
		vars[extra[i]] = extra[i+1]
	}
	return func(k string) string { return vars[k] }
}

// startServe runs "samsyn serve --demo" on dataDir, with extra
// environment variables (name, value, …), and waits until it listens; the
// test ends it gracefully.
func startServe(t *testing.T, dataDir string, extraEnv ...string) *instance {
	t.Helper()
	return startServeEnv(t, dataDir, nil, extraEnv...)
}

// startServeEnv is startServe with a change to the env before it runs
// (nil: none).
func startServeEnv(t *testing.T, dataDir string, change func(*env), extraEnv ...string) *instance {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	out, w := io.Pipe()
	done := make(chan error, 1)
	e := newEnv(testEnv(dataDir, extraEnv...), strings.NewReader(""), w, io.Discard)
	if change != nil {
		change(e)
	}
	go func() {
		done <- runEnv(ctx, []string{"serve", "--demo", "--addr", "127.0.0.1:0"}, e, io.Discard)
		w.Close()
	}()
	inst := &instance{}
	inst.stop = func() error {
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(30 * time.Second):
			t.Fatal("serve did not stop within 30 s")
			return nil
		}
	}
	sc := bufio.NewScanner(out)
	for inst.URL == "" && sc.Scan() {
		if m := loginRE.FindStringSubmatch(sc.Text()); m != nil {
			inst.AdminEmail, inst.AdminPassword = m[1], m[2]
		}
		if m := listeningRE.FindStringSubmatch(sc.Text()); m != nil {
			inst.URL, inst.StartupMS = m[1], m[2]
		}
	}
	if inst.URL == "" {
		t.Fatalf("serve ended before listening: %v", <-done)
	}
	go io.Copy(io.Discard, out)
	return inst
}

func newClient(t *testing.T) *http.Client {
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func mustDo(t *testing.T, c *http.Client, method, url, body string, hdr map[string]string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(b)
}

// runCLI runs one samsyn command and returns its standard output.
func runCLI(t *testing.T, dataDir, stdin string, args ...string) (string, error) {
	t.Helper()
	var out strings.Builder
	err := run(context.Background(), args, testEnv(dataDir), strings.NewReader(stdin), &out, io.Discard)
	return out.String(), err
}

// TestGoldenPath runs the real binary's code end to end: serve --demo on
// an empty data dir, log in, use the API, refuse a second process on the
// same data dir, shut down gracefully, then the CLI commands, and serve
// again with the data kept.
func TestGoldenPath(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	inst := startServe(t, dir)
	t.Logf("serve --demo: ready in %s ms (embedded FerretDB, Bleve, demo data)", inst.StartupMS)
	c := newClient(t)
	if resp, body := mustDo(t, c, "GET", inst.URL+"/", "", nil); resp.StatusCode != 200 || !strings.Contains(body, `lang="sv"`) {
		t.Fatalf("start page: %d", resp.StatusCode)
	}
	if resp, _ := mustDo(t, c, "GET", inst.URL+"/logga-in", "", nil); resp.StatusCode != 200 {
		t.Fatalf("login page: %d", resp.StatusCode)
	}
	if inst.AdminPassword == "" {
		t.Fatal("serve --demo printed no admin login")
	}
	resp, body := mustDo(t, c, "POST", inst.URL+"/api/v1/auth/login",
		`{"email":"`+inst.AdminEmail+`","password":"`+inst.AdminPassword+`"}`, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("login: %d %s", resp.StatusCode, body)
	}
	var login struct {
		CSRFToken string `json:"csrf_token"`
	}
	_ = json.Unmarshal([]byte(body), &login)
	csrf := map[string]string{"X-CSRF-Token": login.CSRFToken}
	resp, body = mustDo(t, c, "POST", inst.URL+"/api/v1/members", `{"name":"Överkalix","municipality_code":"2513"}`, csrf)
	if resp.StatusCode != 201 || !strings.Contains(body, `"slug":"overkalix"`) || !strings.Contains(body, "Norrbottens län") {
		t.Fatalf("create member: %d %s", resp.StatusCode, body)
	}
	resp, body = mustDo(t, c, "GET", inst.URL+"/api/v1/members?per_page=100", "", nil)
	var members struct{ Total int }
	_ = json.Unmarshal([]byte(body), &members)
	if resp.StatusCode != 200 || members.Total < 20 {
		t.Fatalf("members: %d, total %d", resp.StatusCode, members.Total)
	}
	if _, err := runCLI(t, dir, "", "member", "add", "--name", "Pajala", "--code", "2521"); err == nil || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("second process on the same data dir: %v, want a clear 'in use' error", err)
	}
	if err := inst.stop(); err != nil {
		t.Fatalf("graceful shutdown: %v", err)
	}

	slug, err := runCLI(t, dir, "", "member", "add", "--name", "Pajala", "--code", "2521")
	if err != nil || strings.TrimSpace(slug) != "pajala" {
		t.Fatalf("member add: %q %v", slug, err)
	}
	if _, err := runCLI(t, dir, "lösenord som räcker\n", "user", "add", "--email", "Kso@Pajala.example", "--name", "Pia Pajala",
		"--title", "KSO", "--role", "member", "--member", "pajala", "--may-sign", "--password-stdin"); err != nil {
		t.Fatalf("user add: %v", err)
	}
	if _, err := runCLI(t, dir, "kort\n", "user", "add", "--email", "x@pajala.example", "--name", "X", "--role", "admin", "--password-stdin"); err == nil {
		t.Fatal("user add accepted a short password")
	}
	token, err := runCLI(t, dir, "", "token", "create", "--email", "kso@pajala.example")
	token = strings.TrimSpace(token)
	if err != nil || !strings.HasPrefix(token, "samsyn_") || strings.Contains(token, "\n") {
		t.Fatalf("token create printed %q, %v", token, err)
	}

	again := startServe(t, dir)
	defer again.stop()
	resp, body = mustDo(t, newClient(t), "GET", again.URL+"/api/v1/me", "", map[string]string{"Authorization": "Bearer " + token})
	if resp.StatusCode != 200 || !strings.Contains(body, `"email":"Kso@Pajala.example"`) || !strings.Contains(body, `"may_sign":true`) {
		t.Fatalf("me with CLI token: %d %s", resp.StatusCode, body)
	}
	if strings.Contains(body, "password") || strings.Contains(body, "argon2") {
		t.Fatalf("me leaks secrets: %s", body)
	}
}

func TestConfigValidate(t *testing.T) {
	t.Parallel()
	good := ConfigFromEnv(func(string) string { return "" })
	if err := good.Validate(); err != nil || good.BaseURL != "http://localhost:8080" || good.MongoDB != "samsyn" {
		t.Fatalf("defaults: %+v %v", good, err)
	}
	bad := ConfigFromEnv(testEnv("x", "SAMSYN_ADDR", "8080", "SAMSYN_MONGODB_URI", "postgres://x",
		"SAMSYN_MEILI_URL", "localhost:7700", "SAMSYN_SMTP_URL", "smtp://mail.example:587", "SAMSYN_BASE_URL", "samsyn.example"))
	err := bad.Validate()
	for _, want := range []string{"SAMSYN_ADDR", "SAMSYN_MONGODB_URI", "SAMSYN_MEILI_URL", "SAMSYN_MAIL_FROM", "SAMSYN_BASE_URL"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate() = %v, want it to name %s", err, want)
		}
	}
}

func TestConfigMasksSecrets(t *testing.T) {
	t.Parallel()
	c := ConfigFromEnv(testEnv("x", "SAMSYN_MONGODB_URI", "mongodb://app:hemligt@db:27017", "SAMSYN_MEILI_KEY", "masterkey123",
		"SAMSYN_SMTP_URL", "smtp://u:smtplösen@mail:587"))
	s := c.LogValue().String()
	for _, secret := range []string{"hemligt", "masterkey123", "smtplösen"} {
		if strings.Contains(s, secret) {
			t.Errorf("config dump shows %q: %s", secret, s)
		}
	}
	if !strings.Contains(s, "db:27017") {
		t.Errorf("config dump lost the host: %s", s)
	}
}

func TestRegistryAddressesConfig(t *testing.T) {
	t.Parallel()
	c := ConfigFromEnv(testEnv("x", "SAMSYN_REGISTRY_ADDRESSES", "Finansdepartementet = fi.remissvar@regeringskansliet.se; Energimyndigheten=registrator@energimyndigheten.se"))
	m, err := c.RegistryAddresses()
	if err != nil || m["Finansdepartementet"] != "fi.remissvar@regeringskansliet.se" || m["Energimyndigheten"] != "registrator@energimyndigheten.se" {
		t.Fatalf("parsed %v, %v", m, err)
	}
	bad := ConfigFromEnv(testEnv("x", "SAMSYN_REGISTRY_ADDRESSES", "Finansdepartementet"))
	if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), "SAMSYN_REGISTRY_ADDRESSES") {
		t.Fatalf("Validate() = %v, want it to name SAMSYN_REGISTRY_ADDRESSES", err)
	}
}

// TestSearchThatCannotOpenIsAnError: a data dir whose search directory
// cannot be made (a file stands there) stops start-up with an error
// naming it, and closing the half-opened stack does not panic.
func TestSearchThatCannotOpenIsAnError(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "search"), []byte("not a directory"), 0o600); err != nil {
		t.Fatal(err)
	}
	e := &env{cfg: ConfigFromEnv(testEnv(dir)), log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	s, err := e.openStore(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	err = e.openSearch(t.Context(), s)
	if err == nil || !strings.Contains(err.Error(), "open search") {
		t.Fatalf("openSearch over a file: %v, want an error about the search index", err)
	}
	if s.search != nil {
		t.Errorf("s.search = %#v after a failed open, want nil", s.search)
	}
}
