package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"
)

// TestVersionFlag: samsyn --version names the build: module version and
// VCS revision (unknown in a test binary, which Go stamps without them).
func TestVersionFlag(t *testing.T) {
	t.Parallel()
	var out strings.Builder
	if err := run(context.Background(), []string{"--version"}, testEnv(t.TempDir()), strings.NewReader(""), &out, io.Discard); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); !strings.HasPrefix(got, "samsyn ") || !strings.Contains(got, "(revision ") {
		t.Errorf("--version printed %q, want samsyn <version> (revision …)", got)
	}
}

// TestLogFormatJSON: SAMSYN_LOG_FORMAT=json logs one JSON object a line;
// another value stops start-up.
func TestLogFormatJSON(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	e := newEnv(testEnv(t.TempDir(), "SAMSYN_LOG_FORMAT", "json"), strings.NewReader(""), io.Discard, &logs)
	e.log.Info("starting", "config", e.cfg)
	var rec struct {
		Msg    string
		Config struct {
			LogFormat string `json:"log_format"`
		}
	}
	if err := json.Unmarshal(logs.Bytes(), &rec); err != nil || rec.Msg != "starting" || rec.Config.LogFormat != "json" {
		t.Errorf("log line %q: %v, %+v", logs.String(), err, rec)
	}
	if err := ConfigFromEnv(testEnv(t.TempDir(), "SAMSYN_LOG_FORMAT", "xml")).Validate(); err == nil ||
		!strings.Contains(err.Error(), "SAMSYN_LOG_FORMAT") {
		t.Errorf("SAMSYN_LOG_FORMAT=xml: %v, want an error naming it", err)
	}
}

// TestMetricsTokenAndBuildInfo: with SAMSYN_METRICS_TOKEN /metrics answers
// 401 without the bearer token and the metrics with it, among them
// samsyn_build_info and the search sync's lag and failures.
func TestMetricsTokenAndBuildInfo(t *testing.T) {
	t.Parallel()
	inst := startServe(t, t.TempDir(), "SAMSYN_METRICS_TOKEN", "hemlig-token-123")
	defer inst.stop()
	c := newClient(t)
	if resp, body := mustDo(t, c, "GET", inst.URL+"/metrics", "", nil); resp.StatusCode != 401 || strings.Contains(body, "samsyn_") {
		t.Errorf("/metrics without the token: %d, want 401 and no metrics", resp.StatusCode)
	}
	if resp, _ := mustDo(t, c, "GET", inst.URL+"/metrics", "", map[string]string{"Authorization": "Bearer fel"}); resp.StatusCode != 401 {
		t.Errorf("/metrics with a wrong token: %d, want 401", resp.StatusCode)
	}
	resp, body := mustDo(t, c, "GET", inst.URL+"/metrics", "", map[string]string{"Authorization": "Bearer hemlig-token-123"})
	if resp.StatusCode != 200 {
		t.Fatalf("/metrics with the token: %d", resp.StatusCode)
	}
	for _, want := range []string{"samsyn_build_info{", "samsyn_search_sync_lag_seconds ", "samsyn_search_sync_failing_rounds ",
		"samsyn_search_sync_indexed_total ", "samsyn_http_requests_total"} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}

// TestHealthcheckCommand: samsyn healthcheck exits 0 while the server on
// SAMSYN_ADDR's port is ready and fails when nothing answers there.
func TestHealthcheckCommand(t *testing.T) {
	t.Parallel()
	inst := startServe(t, t.TempDir())
	defer inst.stop()
	addr := strings.TrimPrefix(inst.URL, "http://")
	check := func(addr string) error {
		return run(context.Background(), []string{"healthcheck"}, testEnv(t.TempDir(), "SAMSYN_ADDR", addr),
			strings.NewReader(""), io.Discard, io.Discard)
	}
	if err := check(addr); err != nil {
		t.Errorf("healthcheck against a ready server: %v", err)
	}
	if err := check(closedPort(t)); err == nil || !strings.Contains(err.Error(), "not ready") {
		t.Errorf("healthcheck with nothing listening: %v, want not ready", err)
	}
}
