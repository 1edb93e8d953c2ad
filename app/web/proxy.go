package web

import (
	"fmt"
	"net"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// trustedProxies are the reverse proxies whose X-Forwarded-For is believed
// (SAMSYN_TRUSTED_PROXIES). Behind a proxy every request comes from the
// proxy's address, so without this all clients would share one rate limit;
// believing the header from anyone else would let every client choose its
// own.
type trustedProxies []*net.IPNet

// parseTrustedProxies reads IP addresses and CIDR ranges; any other entry
// is an error.
func parseTrustedProxies(list []string) (trustedProxies, error) {
	var out trustedProxies
	for _, entry := range list {
		entry = strings.TrimSpace(entry)
		if entry == "" {
			continue
		}
		n, err := ParseTrustedProxy(entry)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

// ParseTrustedProxy reads one trusted proxy: an IP address (the range of
// that one address) or a CIDR range.
func ParseTrustedProxy(entry string) (*net.IPNet, error) {
	cidr := entry
	if !strings.Contains(entry, "/") {
		ip := net.ParseIP(entry)
		if ip == nil {
			return nil, fmt.Errorf("trusted proxy %q is not an IP address or CIDR range", entry)
		}
		bits := 128
		if ip.To4() != nil {
			bits = 32
		}
		cidr = fmt.Sprintf("%s/%d", entry, bits)
	}
	_, n, err := net.ParseCIDR(cidr)
	if err != nil {
		return nil, fmt.Errorf("trusted proxy %q is not an IP address or CIDR range", entry)
	}
	return n, nil
}

func (t trustedProxies) contains(ip net.IP) bool {
	for _, n := range t {
		if n.Contains(ip) {
			return true
		}
	}
	return false
}

// fiberConfig turns on Fiber's trusted-proxy check, so that c.IP(),
// c.Protocol() and c.Hostname() believe forwarded headers only from a
// trusted proxy — from nobody when none is configured.
func (t trustedProxies) fiberConfig(cfg fiber.Config, list []string) fiber.Config {
	cfg.EnableTrustedProxyCheck = true
	cfg.EnableIPValidation = true
	if len(t) > 0 {
		cfg.TrustedProxies = list
		cfg.ProxyHeader = fiber.HeaderXForwardedFor
	}
	return cfg
}

// clientIP is the address the rate limiters key on: the peer's, unless the
// peer is a trusted proxy; then the nearest address in X-Forwarded-For that
// is not a trusted proxy. It reads the header from the right, because a
// proxy appends the address it saw while everything to the left of that is
// whatever the client chose to send (Fiber's c.IP() takes the leftmost).
func (s *Server) clientIP(c *fiber.Ctx) string {
	peer := c.Context().RemoteIP()
	if !s.proxies.contains(peer) {
		return peer.String()
	}
	var hops []string
	for _, v := range c.Request().Header.PeekAll(fiber.HeaderXForwardedFor) {
		hops = append(hops, strings.Split(string(v), ",")...)
	}
	client := peer
	for i := len(hops) - 1; i >= 0; i-- {
		ip := net.ParseIP(strings.TrimSpace(hops[i]))
		if ip == nil {
			break
		}
		client = ip
		if !s.proxies.contains(ip) {
			break
		}
	}
	return client.String()
}
