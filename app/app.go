// Package app owns Samsyn's domain: members, users, advocacy issues,
// consultations (remisser), statements and their signatures, the audit log,
// and the rules that govern them. It declares the small interfaces the domain
// needs (stores, search, clock) and imports no other package of this module.
package app

import (
	"crypto/rand"
	"encoding/hex"
	"time"
)

// Stockholm is the time zone every date shown or computed is in.
var Stockholm = mustLoadLocation("Europe/Stockholm")

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic("app: time zone " + name + " missing: " + err.Error())
	}
	return loc
}

// Clock tells the time; tests pass a fixed one.
type Clock interface {
	Now() time.Time
}

// SystemClock is the real clock, in UTC truncated to milliseconds
// (the precision MongoDB stores).
type SystemClock struct{}

// Now returns the current instant.
func (SystemClock) Now() time.Time { return time.Now().UTC().Truncate(time.Millisecond) }

// FixedClock always answers the same instant.
type FixedClock struct{ T time.Time }

// Now returns the fixed instant.
func (c FixedClock) Now() time.Time { return c.T }

// RandomToken returns n random bytes, hex encoded.
func RandomToken(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic("app: no randomness: " + err.Error())
	}
	return hex.EncodeToString(b)
}
