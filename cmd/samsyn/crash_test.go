package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
)

// crashChildEnv names the data dir of the writer process TestCrash starts.
const crashChildEnv = "SAMSYN_CRASH_CHILD_DATA_DIR"

// TestCrash kills a process that writes to the embedded store with SIGKILL
// at a random moment, five times, and checks after each restart on the
// killed process's data dir that every write it had acknowledged is there.
func TestCrash(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	total := 0
	for round := range 5 {
		dir := t.TempDir()
		acked := crashRound(t, dir, round)
		if len(acked) == 0 {
			t.Fatalf("round %d: the writer acknowledged nothing", round)
		}
		checkAcked(t, dir, round, acked)
		total += len(acked)
	}
	t.Logf("5 kills, %d acknowledged writes, all present after restart", total)
}

// crashRound starts the writer on dir, kills it 200–800 ms after its first
// acknowledged write and returns what it acknowledged: member id → name.
func crashRound(t *testing.T, dir string, round int) map[string]string {
	t.Helper()
	acked := map[string]string{}
	delay := 200*time.Millisecond + rand.N(600*time.Millisecond)
	killWriter(t, "TestCrashChild", []string{crashChildEnv + "=" + dir}, delay, func(line string) bool {
		f := strings.Fields(line)
		if len(f) != 3 || f[0] != "ack" {
			return false
		}
		acked[f[1]] = f[2]
		return true
	})
	t.Logf("round %d: killed %v after the first ack; %d writes acknowledged", round, delay, len(acked))
	return acked
}

// checkAcked restarts the store on dir, which the killed process must have
// released, and looks for every acknowledged member.
func checkAcked(t *testing.T, dir string, round int, acked map[string]string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	e := &env{cfg: ConfigFromEnv(testEnv(dir)), log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	s, err := e.openStore(ctx)
	if err != nil {
		t.Fatalf("round %d: restart on the data dir of the killed process: %v", round, err)
	}
	defer s.close()
	missing := 0
	for id, name := range acked {
		m, err := s.members.MemberByID(ctx, id)
		if err != nil {
			missing++
			t.Errorf("round %d: acknowledged member %s (%s) lost: %v", round, id, name, err)
			continue
		}
		if m.Name != name {
			t.Errorf("round %d: member %s is named %q, want %q", round, id, m.Name, name)
		}
	}
	if missing > 0 {
		t.Fatalf("round %d: %d of %d acknowledged writes lost", round, missing, len(acked))
	}
}

// TestCrashChild is the writer TestCrash starts and kills: it creates
// members on the data dir named by crashChildEnv until it is killed and
// prints "ack <id> <name>" once each write is acknowledged.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv(crashChildEnv)
	if dir == "" {
		t.Skip("run by TestCrash only")
	}
	ctx := context.Background()
	e := &env{cfg: ConfigFromEnv(testEnv(dir)), log: slog.New(slog.NewTextHandler(os.Stderr, nil))}
	s, err := e.openStore(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	var codes []string
	for i := range 10000 {
		if c := fmt.Sprintf("%04d", i); app.CountyOf(c) != "" {
			codes = append(codes, c)
		}
	}
	for i := 0; ; i++ {
		if i == len(codes) { // every code used: wait for the kill
			fmt.Fprintf(os.Stderr, "%d writes: out of municipality codes, waiting to be killed\n", i)
			time.Sleep(time.Hour)
		}
		name := fmt.Sprintf("Crash-%d", i)
		m, err := app.NewMember(name, codes[i], "", time.Now())
		if err != nil {
			t.Fatal(err)
		}
		if err := s.members.CreateMember(ctx, m); err != nil {
			t.Fatalf("write %d: %v", i, err)
		}
		fmt.Printf("ack %s %s\n", m.ID, name)
	}
}

// lockedBuffer collects output written from several goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) WriteString(s string) {
	_, _ = l.Write([]byte(s))
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
