package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app/web"
)

// TestProxyForwardedForAndLoginLimiter: the per-IP login limiter keys on
// the client's address. X-Forwarded-For counts only from a trusted proxy,
// and then only its rightmost untrusted entry: a header a client wrote
// itself, sent directly or through the proxy, does not change the key.
func TestProxyForwardedForAndLoginLimiter(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		trusted []string
		xff     func(i int) string
		want429 bool
	}{
		{"no proxy configured, spoofed header", nil, func(i int) string { return fmt.Sprintf("203.0.113.%d", i) }, true},
		{"untrusted peer, spoofed header", []string{"10.0.0.1", "192.168.0.0/16"}, func(i int) string { return fmt.Sprintf("203.0.113.%d", i) }, true},
		{"trusted proxy, client spoofs to the left", []string{"127.0.0.1"}, func(i int) string { return fmt.Sprintf("203.0.113.%d, 198.51.100.7", i) }, true},
		{"trusted proxy, different clients", []string{"127.0.0.0/8", "::1"}, func(i int) string { return fmt.Sprintf("203.0.113.%d", i) }, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixtureWith(t, web.Config{BaseURL: "http://localhost:8080", LoginLimit: 1, LoginWindow: time.Minute, TrustedProxies: tc.trusted})
			base := f.listen()
			// 5 failures per IP are allowed (LoginLimit 1 per account, each
			// attempt another account); the sixth shows whether they shared a key.
			var last int
			for i := range 6 {
				body := fmt.Sprintf(`{"email":"ingen%d@example.se","password":"fel fel fel fel"}`, i)
				req, _ := http.NewRequest("POST", base+"/api/v1/auth/login", strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("X-Forwarded-For", tc.xff(i))
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				last = resp.StatusCode
			}
			if got := last == 429; got != tc.want429 {
				t.Fatalf("sixth failed login: %d; want 429 = %v", last, tc.want429)
			}
		})
	}
}

// TestProxyConfigRejectsBadEntries: a trusted proxy that is neither an IP
// address nor a CIDR range stops start-up.
func TestProxyConfigRejectsBadEntries(t *testing.T) {
	t.Parallel()
	_, err := web.New(web.Deps{}, web.Config{BaseURL: "http://localhost:8080", TrustedProxies: []string{"10.0.0.1", "proxy.example"}})
	if err == nil || !strings.Contains(err.Error(), "proxy.example") {
		t.Fatalf("New with a bad trusted proxy: %v", err)
	}
}
