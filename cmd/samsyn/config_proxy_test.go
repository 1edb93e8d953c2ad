package main

import (
	"slices"
	"strings"
	"testing"
)

// TestTrustedProxiesConfig: SAMSYN_TRUSTED_PROXIES is a comma-separated
// list of IP addresses and CIDR ranges, empty by default; anything else is
// named by Validate.
func TestTrustedProxiesConfig(t *testing.T) {
	t.Parallel()
	if l := ConfigFromEnv(testEnv("x")).TrustedProxyList(); len(l) != 0 {
		t.Fatalf("default trusts %v", l)
	}
	c := ConfigFromEnv(testEnv("x", "SAMSYN_TRUSTED_PROXIES", " 10.0.0.5, 172.16.0.0/12 ,,::1"))
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if l := c.TrustedProxyList(); !slices.Equal(l, []string{"10.0.0.5", "172.16.0.0/12", "::1"}) {
		t.Fatalf("parsed %q", l)
	}
	if s := c.LogValue().String(); !strings.Contains(s, "172.16.0.0/12") {
		t.Errorf("config dump lacks the trusted proxies: %s", s)
	}
	bad := ConfigFromEnv(testEnv("x", "SAMSYN_TRUSTED_PROXIES", "10.0.0.5,proxy.example,10.0.0.0/33"))
	err := bad.Validate()
	for _, want := range []string{"SAMSYN_TRUSTED_PROXIES", "proxy.example", "10.0.0.0/33"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate() = %v, want it to name %s", err, want)
		}
	}
}
