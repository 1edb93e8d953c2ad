package main

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/samsyn/samsyn/app/smtp/smtptest"
)

// proc is a samsyn process: this test binary run as the command.
type proc struct {
	name   string
	cmd    *exec.Cmd
	stderr *lockedBuffer
	lines  chan string
	done   chan error
}

// startProc runs samsyn args with env added (name=value) and hands back
// the process; the test stops it, or kills it at the end.
func startProc(t *testing.T, name string, env []string, args ...string) *proc {
	t.Helper()
	p := &proc{name: name, cmd: exec.Command(os.Args[0], args...), stderr: &lockedBuffer{},
		lines: make(chan string, 1024), done: make(chan error, 1)}
	p.cmd.Env = append(append(os.Environ(), asSamsynEnv+"=1"), env...)
	p.cmd.Stderr = p.stderr
	out, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			select {
			case p.lines <- sc.Text():
			default: // nobody is reading: drop
			}
		}
		close(p.lines)
		p.done <- p.cmd.Wait()
	}()
	t.Cleanup(func() { _ = p.cmd.Process.Kill() })
	return p
}

// await reads the process's output until a line matches re and returns
// its groups; it fails the test when the process ends first or after a
// minute.
func (p *proc) await(t *testing.T, re *regexp.Regexp) []string {
	t.Helper()
	deadline := time.After(time.Minute)
	for {
		select {
		case line, ok := <-p.lines:
			if !ok {
				t.Fatalf("%s ended before printing %s: %v\n%s", p.name, re, <-p.done, p.stderr.String())
			}
			if m := re.FindStringSubmatch(line); m != nil {
				return m
			}
		case <-deadline:
			t.Fatalf("%s printed no %s within a minute\n%s", p.name, re, p.stderr.String())
		}
	}
}

// stop ends the process with SIGTERM, as an orchestrator would, and waits.
func (p *proc) stop(t *testing.T) {
	t.Helper()
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	for range p.lines {
	}
	select {
	case err := <-p.done:
		if err != nil {
			t.Errorf("%s ended with %v\n%s", p.name, err, p.stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Errorf("%s did not stop within 30 s of SIGTERM", p.name)
	}
}

var (
	storeListeningRE = regexp.MustCompile(`listening on (mongodb://\S+)`)
	serveListeningRE = regexp.MustCompile(`listening on (http://\S+) `)
)

// TestThreeReplicas runs the embedded store as a server (samsyn store
// serve) and three samsyn serve processes on it — the first with its
// embedded search index, the others with SAMSYN_SEARCH=off, and a fourth
// with an index of its own refused — and drives them at once: a session
// made on one works on the others (and its logout ends it on all); of
// concurrent saves at one version exactly one wins, at each version; of a
// member's decision sent to all three at once exactly one is recorded;
// and each reminder that the three reminder jobs find due is mailed once.
func TestThreeReplicas(t *testing.T) {
	t.Parallel()
	mail := smtptest.Start(t)
	store := startProc(t, "store", []string{"SAMSYN_DATA_DIR=" + t.TempDir()}, "store", "serve", "--addr", "127.0.0.1:0")
	uri := store.await(t, storeListeningRE)[1]
	env := func(extra ...string) []string {
		return append([]string{"SAMSYN_MONGODB_URI=" + uri, "SAMSYN_DATA_DIR=" + t.TempDir(),
			"SAMSYN_SMTP_URL=" + mail.URL(), "SAMSYN_MAIL_FROM=samsyn@example.se"}, extra...)
	}
	demo := startProc(t, "demo", env(), "demo")
	login := demo.await(t, loginRE)
	<-demo.done

	var replicas []*proc
	for i, extra := range [][]string{nil, {"SAMSYN_SEARCH=off"}, {"SAMSYN_SEARCH=off"}} {
		replicas = append(replicas, startProc(t, fmt.Sprintf("replica %d", i+1), env(extra...), "serve", "--addr", "127.0.0.1:0"))
	}
	var urls []string
	for _, r := range replicas {
		urls = append(urls, r.await(t, serveListeningRE)[1])
	}
	refused := startProc(t, "a second index", env(), "serve", "--addr", "127.0.0.1:0")
	if err := <-refused.done; err == nil || !strings.Contains(refused.stderr.String(), "its own embedded search index (Bleve)") {
		t.Errorf("a second server with its own index on the database: %v\n%s", err, refused.stderr.String())
	}

	admin := signIn(t, urls[0], login[1], login[2])
	on := func(s *session, i int) *session { return &session{t: t, base: urls[i], c: s.c, csrf: s.csrf} }
	for i := range urls {
		var me struct{ Email string }
		on(admin, i).call(200, "GET", "/api/v1/me", "", &me)
		if me.Email != login[1] {
			t.Errorf("replica %d: /api/v1/me = %q, want %q", i+1, me.Email, login[1])
		}
	}

	var st apiStatement
	admin.call(201, "POST", "/api/v1/statements", `{"kind":"joint_statement","title":"Repliker i takt",`+
		`"summary":"Kort.","body":"Ett stycke.","topics":["elnät"]}`, &st)
	for version := 1; version <= 2; version++ {
		statuses := concurrently(9, func(i int) (int, string) {
			return send(admin.c, "PATCH", urls[i%3]+"/api/v1/statements/"+st.ID,
				fmt.Sprintf(`{"version":%d,"body":"Skribent %d skrev version %d."}`, version, i, version+1), admin.csrf)
		})
		wantOneWinner(t, fmt.Sprintf("saves at version %d", version), statuses, 200, 409)
	}
	admin.call(200, "GET", "/api/v1/statements/"+st.ID, "", &st)
	if st.Version != 3 {
		t.Errorf("statement at version %d after two rounds, want 3", st.Version)
	}

	const pw = "ett långt lösenord för test"
	members, _ := signers(t, admin, pw, 3)
	signBy := time.Now().AddDate(0, 0, 10).Format(time.DateOnly)
	admin.call(200, "POST", "/api/v1/statements/"+st.ID+"/signing", `{"sign_by":"`+signBy+`"}`, &st)
	yesterday := time.Now().AddDate(0, 0, -1).Format(time.DateOnly)
	for k, m := range members {
		statuses := concurrently(3, func(i int) (int, string) {
			return send(m.c, "POST", urls[i]+"/api/v1/statements/"+st.ID+"/signatures", fmt.Sprintf(`{"decision":"signed",`+
				`"content_hash":%q,"signatory_name":"KSO %d","signatory_title":"Kommunstyrelsens ordförande",`+
				`"decided_by":"KS","decided_on":%q,"paragraph":"§ %d"}`, st.ContentHash, k, yesterday, i), m.csrf)
		})
		wantOneWinner(t, fmt.Sprintf("member %d's decision", k+1), statuses, 201, 409)
	}
	var board struct{ Signed, Declined int }
	on(admin, 2).call(200, "GET", "/api/v1/statements/"+st.ID+"/signing", "", &board)
	if board.Signed != 3 || board.Declined != 0 {
		t.Errorf("signing board after three members each sent their decision to all three replicas: %+v", board)
	}

	on(admin, 2).call(204, "POST", "/api/v1/auth/logout", "", nil)
	if code, body := send(admin.c, "GET", urls[0]+"/api/v1/me", "", nil); code != 401 {
		t.Errorf("replica 1 after logging out on replica 3: %d %s, want 401", code, body)
	}

	for _, r := range replicas { // every reminder job has run by now: at start
		r.stop(t)
	}
	store.stop(t)
	msgs := mail.Messages()
	if len(msgs) == 0 {
		t.Fatal("no reminder was mailed: the demo data has none due, or the jobs did not run")
	}
	seen := map[string]bool{}
	for _, m := range msgs {
		key := strings.Join(m.To, ",") + " " + m.Subject
		if seen[key] {
			t.Errorf("mailed twice: %s", key)
		}
		seen[key] = true
	}
	t.Logf("%d reminders mailed, each once", len(msgs))
}

// concurrently runs f(0…n-1) at once and returns each one's status.
func concurrently(n int, f func(i int) (int, string)) []string {
	out := make([]string, n)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			<-start
			code, body := f(i)
			out[i] = fmt.Sprintf("%d %s", code, body)
		})
	}
	close(start)
	wg.Wait()
	return out
}

// wantOneWinner checks that exactly one answer has status win and every
// other has status lose.
func wantOneWinner(t *testing.T, what string, answers []string, win, lose int) {
	t.Helper()
	won := 0
	for _, a := range answers {
		switch {
		case strings.HasPrefix(a, fmt.Sprint(win)+" "):
			won++
		case !strings.HasPrefix(a, fmt.Sprint(lose)+" "):
			t.Errorf("%s: an answer %.200s, want %d or %d", what, a, win, lose)
		}
	}
	if won != 1 {
		t.Errorf("%s: %d succeeded, want exactly 1:\n%s", what, won, strings.Join(answers, "\n"))
	}
}

// send is one request that is safe to make from any goroutine.
func send(c *http.Client, method, url, body string, hdr map[string]string) (int, string) {
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		return 0, err.Error()
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
