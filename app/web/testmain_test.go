package web_test

import (
	"os"
	"testing"

	"github.com/samsyn/samsyn/app/mongodb/mongotest"
)

// TestMain keeps the tests' files, the shared store's among them, in a
// directory of their own, in RAM where there is room (see mongotest.Main).
func TestMain(m *testing.M) { os.Exit(mongotest.Main(m)) }
