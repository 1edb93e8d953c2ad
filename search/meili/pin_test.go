package meili

import (
	"os"
	"regexp"
	"testing"
)

// TestComposePinsTheContractVersion: docker-compose.yml runs the release
// the contract test checks against, and the README names it.
func TestComposePinsTheContractVersion(t *testing.T) {
	t.Parallel()
	compose, err := os.ReadFile("../../docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`image:\s*getmeili/meilisearch:(\S+)`).FindSubmatch(compose)
	if m == nil || string(m[1]) != PinnedVersion {
		t.Errorf("docker-compose.yml runs Meilisearch %q, the contract is checked against %s", m, PinnedVersion)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`Meilisearch ` + regexp.QuoteMeta(PinnedVersion) + `\b`).Match(readme) {
		t.Errorf("README.md does not name Meilisearch %s", PinnedVersion)
	}
}
