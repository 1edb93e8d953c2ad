package main

import (
	"context"
	"maps"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/types"

	"github.com/samsyn/samsyn/search/meili"
)

// envExample reads the variables .env.example names.
func envExample(t *testing.T) map[string]string {
	t.Helper()
	b, err := os.ReadFile("../../.env.example")
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok && !strings.HasPrefix(strings.TrimSpace(line), "#") {
			vars[strings.TrimSpace(k)] = v
		}
	}
	return vars
}

// loadCompose loads docker-compose.yml with the Compose specification's
// own loader (the one docker compose uses, schema validation included)
// and env as the .env file's contents.
func loadCompose(t *testing.T, env map[string]string) (*types.Project, error) {
	t.Helper()
	var pairs []string
	for k, v := range env {
		pairs = append(pairs, k+"="+v)
	}
	opts, err := cli.NewProjectOptions([]string{"../../docker-compose.yml"}, cli.WithEnv(pairs), cli.WithName("samsyn"))
	if err != nil {
		t.Fatal(err)
	}
	return opts.LoadProject(context.Background())
}

// TestComposeFile: docker-compose.yml is a valid Compose file for a real
// deployment: it loads with every secret from .env and refuses to without
// them; only the proxy publishes ports, so the app scales; the app has a
// health check and a stop grace period above its drain; MongoDB has a user
// and password; Meilisearch runs the pinned release, and the app gets
// scoped keys, never the master key; every variable it reads is in
// .env.example, and .env is ignored by git.
func TestComposeFile(t *testing.T) {
	t.Parallel()
	env := envExample(t)
	raw, err := os.ReadFile("../../docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	secret := maps.Clone(env) // the example, with every required value filled in
	for _, m := range regexp.MustCompile(`\$\{([A-Z0-9_]+):\?`).FindAllStringSubmatch(string(raw), -1) {
		if secret[m[1]] == "" {
			secret[m[1]] = "value-of-" + strings.ToLower(m[1])
		}
	}
	p, err := loadCompose(t, secret)
	if err != nil {
		t.Fatalf("docker-compose.yml does not load: %v", err)
	}
	svc := func(name string) types.ServiceConfig {
		s, err := p.GetService(name)
		if err != nil {
			t.Fatalf("service %s: %v", name, err)
		}
		return s
	}
	for _, s := range p.Services {
		if len(s.Ports) > 0 && s.Name != "caddy" {
			t.Errorf("service %s publishes ports %v: only the proxy may (the app must scale)", s.Name, s.Ports)
		}
	}
	app := svc("app")
	if app.HealthCheck == nil || !slices.Contains(app.HealthCheck.Test, "healthcheck") {
		t.Errorf("app health check: %+v, want /samsyn healthcheck", app.HealthCheck)
	}
	if app.StopGracePeriod == nil || time.Duration(*app.StopGracePeriod) <= drainTimeout {
		t.Errorf("app stop_grace_period %v, want above the drain of %v", app.StopGracePeriod, drainTimeout)
	}
	appEnv := func(k string) string {
		if v := app.Environment[k]; v != nil {
			return *v
		}
		return ""
	}
	if uri := appEnv("SAMSYN_MONGODB_URI"); !strings.Contains(uri, secret["SAMSYN_MONGO_USER"]+":"+secret["SAMSYN_MONGO_PASSWORD"]+"@") {
		t.Errorf("the app's MongoDB URI %q carries no user and password", uri)
	}
	mongo := svc("mongodb")
	for _, k := range []string{"MONGO_INITDB_ROOT_USERNAME", "MONGO_INITDB_ROOT_PASSWORD", "SAMSYN_MONGO_USER", "SAMSYN_MONGO_PASSWORD"} {
		if v := mongo.Environment[k]; v == nil || *v == "" {
			t.Errorf("mongodb: %s not set", k)
		}
	}
	if img := svc("meilisearch").Image; img != "getmeili/meilisearch:"+meili.PinnedVersion {
		t.Errorf("meilisearch image %s, want the contract's %s", img, meili.PinnedVersion)
	}
	for k, v := range app.Environment {
		if v != nil && *v == secret["MEILI_MASTER_KEY"] {
			t.Errorf("the app gets the Meilisearch master key in %s", k)
		}
	}
	for _, k := range []string{"SAMSYN_MEILI_KEY", "SAMSYN_MEILI_PUBLIC_SEARCH_KEY", "SAMSYN_MEILI_INTERNAL_SEARCH_KEY", "SAMSYN_BASE_URL"} {
		if appEnv(k) == "" {
			t.Errorf("app: %s not set", k)
		}
	}
	cfg := ConfigFromEnv(func(k string) string { return appEnv(k) })
	if err := cfg.Validate(); err != nil {
		t.Errorf("the app's environment does not validate: %v", err)
	}

	for _, m := range regexp.MustCompile(`\$\{([A-Z0-9_]+)`).FindAllStringSubmatch(string(raw), -1) {
		if _, ok := env[m[1]]; !ok {
			t.Errorf("docker-compose.yml reads %s, which .env.example does not name", m[1])
		}
	}
	if _, err := loadCompose(t, nil); err == nil || !strings.Contains(err.Error(), "in .env") {
		t.Errorf("loading without .env: %v, want a refusal naming a missing secret", err)
	}
	ignore, err := os.ReadFile("../../.gitignore")
	if err != nil || !slices.Contains(strings.Split(string(ignore), "\n"), ".env") {
		t.Errorf(".gitignore does not ignore .env (%v)", err)
	}
	caddy, err := os.ReadFile("../../Caddyfile")
	if err != nil || !regexp.MustCompile(`(?s)dynamic a \{\s*name app\s*port 8080`).Match(caddy) {
		t.Errorf("the Caddyfile does not proxy to every replica of app:8080 (%v)", err)
	}
}
