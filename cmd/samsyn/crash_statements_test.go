package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/corpus"
)

// The writer process TestCrashStatements starts gets its data dir and the
// seed of its texts through these variables.
const (
	crashStmtDirEnv  = "SAMSYN_CRASH_STATEMENTS_DIR"
	crashStmtSeedEnv = "SAMSYN_CRASH_STATEMENTS_SEED"
)

// stmtAck is one acknowledged call of the statement service, as the writer
// prints it: "ack <id> <revision> <status> <marker> <content hash>". The
// marker is a made-up word that the text of that revision and of every
// later one carries, so finding it in an index proves the index holds
// that revision or a later one.
type stmtAck struct {
	id     string
	rev    int
	status app.StatementStatus
	marker string
	hash   string
}

func parseStmtAck(line string) (stmtAck, bool) {
	f := strings.Fields(line)
	if len(f) != 6 || f[0] != "ack" {
		return stmtAck{}, false
	}
	rev, err := strconv.Atoi(f[2])
	if err != nil {
		return stmtAck{}, false
	}
	return stmtAck{id: f[1], rev: rev, status: app.StatementStatus(f[3]), marker: f[4], hash: f[5]}, true
}

// ackedStatement is everything acknowledged of one statement.
type ackedStatement struct {
	revs   map[int]stmtAck // every acknowledged revision
	latest stmtAck         // the last acknowledgement
}

// statusRank orders the statuses along a statement's life.
var statusRank = map[app.StatementStatus]int{app.StatementDraft: 0, app.StatementSigning: 1,
	app.StatementPublished: 2, app.StatementWithdrawn: 3}

// crashRuns is how many kills TestCrashStatements makes: SAMSYN_CRASH_RUNS,
// 3 by default (CI sets 10).
func crashRuns(t *testing.T) int {
	s := os.Getenv("SAMSYN_CRASH_RUNS")
	if s == "" {
		return 3
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 100 {
		t.Fatalf("SAMSYN_CRASH_RUNS=%q: want a number of kills from 1 to 100", s)
	}
	return n
}

// TestCrashStatements kills a process that writes statements and
// revisions through the statement service on the real stack (embedded
// FerretDB, Bleve, the search sync running as in serve) with SIGKILL at a
// random moment, SAMSYN_CRASH_RUNS times. After each kill it restarts the
// stack on the killed process's data dir and checks that every
// acknowledged statement, revision text and status is there, and that the
// search sync brings both indexes up to every acknowledged write.
// SAMSYN_CRASH_SEED repeats a run's kill times and texts.
func TestCrashStatements(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	runs := crashRuns(t)
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("SAMSYN_CRASH_SEED"); s != "" {
		var err error
		if seed, err = strconv.ParseUint(s, 10, 64); err != nil {
			t.Fatalf("SAMSYN_CRASH_SEED=%q: %v", s, err)
		}
	}
	t.Logf("seed %d (SAMSYN_CRASH_SEED=%d repeats the kill times and texts), %d kills", seed, seed, runs)
	r := rand.New(rand.NewPCG(seed, 0x6b696c6c))
	passed := 0
	for i := range runs {
		delay := 200*time.Millisecond + time.Duration(r.Int64N(int64(1300*time.Millisecond)))
		childSeed := r.Uint64()
		if t.Run(fmt.Sprintf("kill%02d", i+1), func(t *testing.T) { crashStatementsOnce(t, delay, childSeed) }) {
			passed++
		}
	}
	t.Logf("crash test of statements: %d of %d kills passed (seed %d)", passed, runs, seed)
}

// crashStatementsOnce is one kill and restart.
func crashStatementsOnce(t *testing.T, delay time.Duration, seed uint64) {
	start := time.Now()
	dir := t.TempDir()
	acked, ackCount := runStatementWriter(t, dir, delay, seed)
	if len(acked) == 0 {
		t.Fatal("the writer acknowledged nothing")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	e := &env{cfg: ConfigFromEnv(testEnv(dir)), log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		stdin: strings.NewReader(""), stdout: io.Discard}
	s, err := e.openStore(ctx)
	if err != nil {
		t.Fatalf("restart on the data dir of the killed process: %v", err)
	}
	defer s.close()
	if err := e.openSearch(ctx, s); err != nil {
		t.Fatalf("reopen the search indexes of the killed process: %v", err)
	}
	revs, published := checkStatementsStored(t, ctx, s, acked)
	if t.Failed() {
		t.FailNow() // the index cannot catch up with what the store lost
	}
	syncCtx, stopSync := context.WithCancel(ctx)
	defer stopSync()
	e.startSearchSync(syncCtx, s) // what serve runs at start-up
	caughtUp, err := waitStatementsIndexed(ctx, s, acked, 30*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	checkDraftsNotPublic(t, ctx, s, acked)
	t.Logf("killed %v after the first ack (%d acks): %d statements, %d revisions, %d published — all stored; "+
		"indexes caught up %v after restart; round took %v",
		delay, ackCount, len(acked), revs, published, caughtUp.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
}

// runStatementWriter starts the writer on dir, kills it delay after its
// first acknowledgement and returns what it acknowledged, by statement id,
// with the number of acknowledgements.
func runStatementWriter(t *testing.T, dir string, delay time.Duration, seed uint64) (map[string]*ackedStatement, int) {
	t.Helper()
	acked := map[string]*ackedStatement{}
	env := []string{crashStmtDirEnv + "=" + dir, crashStmtSeedEnv + "=" + strconv.FormatUint(seed, 10)}
	n := killWriter(t, "TestCrashStatementsChild", env, delay, func(line string) bool {
		a, ok := parseStmtAck(line)
		if !ok {
			return false
		}
		as := acked[a.id]
		if as == nil {
			as = &ackedStatement{revs: map[int]stmtAck{}}
			acked[a.id] = as
		}
		as.revs[a.rev], as.latest = a, a
		return true
	})
	return acked, n
}

// checkStatementsStored checks every acknowledged statement on the
// restarted store: it exists, its revision and status are at least the
// acknowledged ones, and every acknowledged revision's text is there,
// with the content hash acknowledged. It returns how many revisions and
// published statements it checked.
func checkStatementsStored(t *testing.T, ctx context.Context, s *stack, acked map[string]*ackedStatement) (revs, published int) {
	t.Helper()
	for id, as := range acked {
		st, err := s.stmts.StatementByID(ctx, id)
		if err != nil {
			t.Errorf("LOST: acknowledged statement %s (revision %d, %s, marker %s): %v",
				id, as.latest.rev, as.latest.status, as.latest.marker, err)
			continue
		}
		if st.Revision < as.latest.rev {
			t.Errorf("LOST: statement %s is at revision %d, revision %d was acknowledged (marker %s)",
				id, st.Revision, as.latest.rev, as.latest.marker)
		}
		if statusRank[st.Status] < statusRank[as.latest.status] {
			t.Errorf("LOST: statement %s is %s, %s was acknowledged", id, st.Status, as.latest.status)
		}
		if as.latest.status == app.StatementPublished {
			published++
		}
		for n, a := range as.revs {
			revs++
			checkRevisionStored(t, ctx, s, a, n)
		}
		checkRevisionList(t, ctx, s, st, as)
	}
	return revs, published
}

// checkRevisionStored reads acknowledged revision n back by number.
func checkRevisionStored(t *testing.T, ctx context.Context, s *stack, a stmtAck, n int) {
	t.Helper()
	r, err := s.stmts.RevisionByNumber(ctx, a.id, n)
	if err != nil {
		t.Errorf("LOST: acknowledged revision %d of statement %s (marker %s, hash %.12s): %v", n, a.id, a.marker, a.hash, err)
		return
	}
	if h := app.ContentHash(r.Title, r.Summary, r.Body); h != a.hash {
		t.Errorf("CHANGED: revision %d of statement %s has hash %.12s, %.12s was acknowledged", n, a.id, h, a.hash)
	}
	if !strings.Contains(r.Title+"\n"+r.Body, a.marker) {
		t.Errorf("CHANGED: revision %d of statement %s lacks its marker %s", n, a.id, a.marker)
	}
}

// checkRevisionList checks that the revision history lists revisions 1 to
// the current one, each acknowledged one with its acknowledged text.
func checkRevisionList(t *testing.T, ctx context.Context, s *stack, st *app.Statement, as *ackedStatement) {
	t.Helper()
	list, err := s.stmts.ListRevisions(ctx, st.ID)
	if err != nil {
		t.Errorf("revisions of statement %s: %v", st.ID, err)
		return
	}
	if len(list) != st.Revision {
		t.Errorf("statement %s at revision %d lists %d revisions", st.ID, st.Revision, len(list))
	}
	for i, r := range list {
		if r.Number != i+1 {
			t.Errorf("statement %s: revision %d listed as number %d", st.ID, i+1, r.Number)
			continue
		}
		if a, ok := as.revs[r.Number]; ok && app.ContentHash(r.Title, r.Summary, r.Body) != a.hash {
			t.Errorf("CHANGED: listed revision %d of statement %s is not the acknowledged text", r.Number, st.ID)
		}
	}
}

// waitStatementsIndexed waits until the internal index finds every
// acknowledged statement by the marker of its last acknowledged revision,
// the public index every acknowledged published one, and no statement is
// left marked for the sync. It returns how long that took.
func waitStatementsIndexed(ctx context.Context, s *stack, acked map[string]*ackedStatement, limit time.Duration) (time.Duration, error) {
	start := time.Now()
	internal, public := map[string]bool{}, map[string]bool{}
	for {
		for id, as := range acked {
			if !internal[id] {
				internal[id] = foundBy(ctx, s.search.Internal(), id, as.latest.marker)
			}
			if !public[id] && as.latest.status == app.StatementPublished {
				public[id] = foundBy(ctx, s.search.Public(), id, as.latest.marker)
			}
		}
		missing := missingFromIndexes(acked, internal, public)
		pending, err := s.stmts.PendingSearch(ctx, 1)
		if err == nil && len(missing) == 0 && len(pending) == 0 {
			return time.Since(start), nil
		}
		if time.Since(start) > limit {
			return 0, fmt.Errorf("the search indexes did not catch up within %v: %d statements still marked for the sync (err %v); not found: %s",
				limit, len(pending), err, strings.Join(missing, "; "))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func missingFromIndexes(acked map[string]*ackedStatement, internal, public map[string]bool) []string {
	var missing []string
	for id, as := range acked {
		if !internal[id] {
			missing = append(missing, fmt.Sprintf("%s revision %d (%s) in the internal index", id, as.latest.rev, as.latest.marker))
		}
		if as.latest.status == app.StatementPublished && !public[id] {
			missing = append(missing, fmt.Sprintf("%s (%s) in the public index", id, as.latest.marker))
		}
	}
	return missing
}

// foundBy reports whether a search of ix for marker finds statement id.
func foundBy(ctx context.Context, ix app.SearchIndex, id, marker string) bool {
	res, err := ix.Search(ctx, app.SearchQuery{Text: marker, Type: app.TypeStatement, Page: app.Page{Number: 1, Size: 50}})
	if err != nil {
		return false
	}
	for _, h := range res.Hits {
		if h.ID == id {
			return true
		}
	}
	return false
}

// checkDraftsNotPublic checks that no statement still a draft in the store
// is found in the public index (rule 1), after the sync caught up.
func checkDraftsNotPublic(t *testing.T, ctx context.Context, s *stack, acked map[string]*ackedStatement) {
	t.Helper()
	for id, as := range acked {
		st, err := s.stmts.StatementByID(ctx, id)
		if err == nil && st.Status == app.StatementDraft && foundBy(ctx, s.search.Public(), id, as.latest.marker) {
			t.Errorf("LEAK: draft %s (%s) is in the public index", id, as.latest.marker)
		}
	}
}

// TestCrashStatementsChild is the writer TestCrashStatements starts and
// kills. On the data dir named by crashStmtDirEnv it opens the stack as
// serve does (store, search, the search sync), creates an admin and then,
// until killed, drafts statements through the statement service: each
// gets 1–3 more revisions, and some position papers are published. After
// every acknowledged call it prints an stmtAck line.
func TestCrashStatementsChild(t *testing.T) {
	dir := os.Getenv(crashStmtDirEnv)
	if dir == "" {
		t.Skip("run by TestCrashStatements only")
	}
	seed, _ := strconv.ParseUint(os.Getenv(crashStmtSeedEnv), 10, 64)
	ctx := context.Background()
	e := &env{cfg: ConfigFromEnv(testEnv(dir)), log: slog.New(slog.NewTextHandler(os.Stderr, nil)),
		stdin: strings.NewReader(""), stdout: io.Discard}
	s, err := e.openStore(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	if err := e.openSearch(ctx, s); err != nil {
		t.Fatal(err)
	}
	e.startSearchSync(ctx, s)
	admin, err := app.NewUser(app.NewUserInput{Email: "krasch@samsyn.example", Name: "Krasch Testsson",
		Role: app.RoleAdmin, Password: "ett lösenord som räcker gott"}, s.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.users.CreateUser(ctx, admin); err != nil {
		t.Fatal(err)
	}
	desk := e.services(s).Statements // the server's: every change kicks the sync
	w := statementWriter{desk: desk, admin: admin, r: rand.New(rand.NewPCG(seed, 1)),
		gen: &corpus.Generator{Seed: seed, AuthorID: admin.ID, AuthorName: admin.Name}}
	for i := 0; ; i++ {
		if err := w.statement(ctx, i); err != nil {
			t.Fatalf("statement %d: %v", i, err)
		}
	}
}

// statementWriter is the writer's loop.
type statementWriter struct {
	desk  *app.Statements
	admin *app.User
	r     *rand.Rand
	gen   *corpus.Generator
}

// statement drafts statement i, saves 1–3 revisions, each adding a
// paragraph with a new marker, and publishes two in five of the position
// papers (a joint statement cannot be published from a draft).
func (w statementWriter) statement(ctx context.Context, i int) error {
	marker := corpus.Marker(w.r)
	in := w.gen.Draft(i, marker)
	if w.r.IntN(3) == 0 {
		in.Kind = app.KindJointStatement
	}
	st, err := w.desk.Create(ctx, w.admin, in)
	if err != nil {
		return fmt.Errorf("create: %w", err)
	}
	ack(st, marker)
	for k := range 1 + w.r.IntN(3) {
		ed := w.gen.Edit(st, 4*i+k)
		marker = corpus.Marker(w.r)
		ed.Body += "\n\nMarkör " + marker + "."
		if st, err = w.desk.Edit(ctx, w.admin, st.ID, ed); err != nil {
			return fmt.Errorf("edit %d: %w", k+1, err)
		}
		ack(st, marker)
	}
	if st.Kind == app.KindPositionPaper && w.r.IntN(5) < 2 {
		if st, err = w.desk.Publish(ctx, w.admin, st.ID); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
		ack(st, marker)
	}
	return nil
}

// ack prints the acknowledgement of st's current state, unbuffered.
func ack(st *app.Statement, marker string) {
	fmt.Fprintf(os.Stdout, "ack %s %d %s %s %s\n", st.ID, st.Revision, st.Status, marker,
		app.ContentHash(st.Title, st.Summary, st.Body))
}
