package app

import (
	"fmt"
	"unicode/utf8"

	"github.com/alexedwards/argon2id"
	"github.com/trustelem/zxcvbn"
)

// Password length limits: at least 12 characters (OWASP ASVS 2.1.1), at
// most 128 so hashing cannot be used to burn CPU.
const (
	MinPasswordLen = 12
	MaxPasswordLen = 128
)

// passwordParams are argon2id settings: 64 MiB, 1 pass, 2 lanes (RFC 9106's
// second recommended option, sized for a 2-core server).
var passwordParams = &argon2id.Params{Memory: 64 * 1024, Iterations: 1, Parallelism: 2, SaltLength: 16, KeyLength: 32}

// swedishGuesses are words Swedish users build weak passwords from; they
// are added to zxcvbn's own (English) dictionaries.
var swedishGuesses = []string{"lösenord", "losenord", "sommar", "vinter", "hösten", "våren", "sverige",
	"stockholm", "göteborg", "malmö", "kommun", "kommunen", "samsyn", "industri", "välkommen", "hejsan"}

// MinPasswordScore is the least zxcvbn score (0–4) a password must reach:
// 3 means about 10^8 guesses or more. zxcvbn ships frequency lists from
// breached-password corpora, so common and breached passwords score low
// (OWASP ASVS 2.1.7).
const MinPasswordScore = 3

// PasswordProblem returns a message saying why pw is not acceptable, or
// "". userInputs (name, e-mail, organisation) count as easy to guess.
func PasswordProblem(pw string, userInputs ...string) string {
	n := utf8.RuneCountInString(pw)
	switch {
	case n < MinPasswordLen:
		return Msg("error.password.too_short", "min", MinPasswordLen)
	case n > MaxPasswordLen:
		return Msg("error.password.too_long", "max", MaxPasswordLen)
	}
	inputs := append(append([]string{}, swedishGuesses...), userInputs...)
	if zxcvbn.PasswordStrength(pw, inputs).Score < MinPasswordScore {
		return "error.password.weak"
	}
	return ""
}

// HashPassword hashes pw with argon2id.
func HashPassword(pw string) (string, error) {
	h, err := argon2id.CreateHash(pw, passwordParams)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return h, nil
}

// dummyHash is compared against when no user matches, so that an unknown
// e-mail address takes as long as a wrong password.
var dummyHash = func() string {
	h, err := HashPassword("samsyn-no-such-user-password")
	if err != nil {
		panic(err)
	}
	return h
}()

// CheckPassword reports whether pw matches hash; an empty hash never matches
// but costs the same time.
func CheckPassword(pw, hash string) bool {
	if hash == "" {
		_, _ = argon2id.ComparePasswordAndHash(pw, dummyHash)
		return false
	}
	ok, err := argon2id.ComparePasswordAndHash(pw, hash)
	return err == nil && ok
}
