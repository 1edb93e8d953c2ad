package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/samsyn/samsyn/app"
)

// roles are the callers every route is tried with; "" is anonymous.
var roles = []string{"", "memberA", "signerA", "memberB", "secretariat", "admin"}

// roleCase is one route and the status each role gets, in the order of
// roles. Later capabilities add their routes here.
type roleCase struct {
	method, path, body string
	want               [6]int
}

// roleTables are the parts of the table, one per capability; each test
// file of a capability appends its part in init.
var roleTables = []func(f *fixture) []roleCase{coreRoles}

// coreRoles covers the site's frame and reading accounts, members and
// users; changing them is in roles_admin_test.go.
func coreRoles(f *fixture) []roleCase {
	a, ua := f.memberA.ID, f.byRole["memberA"].ID
	ub := f.byRole["memberB"].ID
	return []roleCase{
		{"GET", "/", "", [6]int{200, 200, 200, 200, 200, 200}},
		{"GET", "/healthz", "", [6]int{200, 200, 200, 200, 200, 200}},
		{"GET", "/readyz", "", [6]int{200, 200, 200, 200, 200, 200}},
		{"GET", "/metrics", "", [6]int{200, 200, 200, 200, 200, 200}},
		{"GET", "/logga-in", "", [6]int{200, 303, 303, 303, 303, 303}},
		{"GET", "/oversikt", "", [6]int{303, 200, 200, 200, 200, 200}},
		{"GET", "/admin/medlemmar", "", [6]int{303, 403, 403, 403, 403, 200}},
		{"GET", "/admin/medlemmar/ny", "", [6]int{303, 403, 403, 403, 403, 200}},
		{"GET", "/admin/medlemmar/" + a, "", [6]int{303, 403, 403, 403, 403, 200}},
		{"GET", "/admin/anvandare", "", [6]int{303, 403, 403, 403, 403, 200}},
		{"GET", "/admin/anvandare/ny", "", [6]int{303, 403, 403, 403, 403, 200}},
		{"GET", "/admin/anvandare/" + ua, "", [6]int{303, 403, 403, 403, 403, 200}},
		{"GET", "/api/v1/me", "", [6]int{401, 200, 200, 200, 200, 200}},
		{"GET", "/api/v1/members", "", [6]int{401, 200, 200, 200, 200, 200}},
		{"GET", "/api/v1/members/" + a, "", [6]int{401, 200, 200, 200, 200, 200}},
		{"GET", "/api/v1/users", "", [6]int{401, 403, 403, 403, 200, 200}},
		{"GET", "/api/v1/users/" + ua, "", [6]int{401, 200, 200, 404, 200, 200}},
		{"GET", "/api/v1/users/" + ub, "", [6]int{401, 404, 404, 200, 200, 200}},
	}
}

// roleTable builds the whole table from its parts on f.
func roleTable(f *fixture) []roleCase {
	var table []roleCase
	for _, part := range roleTables {
		table = append(table, part(f)...)
	}
	return table
}

// TestRoleTable tries every route with every role and expects exactly the
// status in the table: nobody gets in where they don't belong. Where a part
// guarded a row with a probe of the state it may change, a refused attempt
// (4xx) must leave that state as it was.
//
// Each part runs on a fixture of its own, beside the others: the whole
// table (~400 rows, six roles each) in a row took 12 minutes under -race.
func TestRoleTable(t *testing.T) {
	t.Parallel()
	for _, part := range roleTables {
		name := runtime.FuncForPC(reflect.ValueOf(part).Pointer()).Name()
		t.Run(name[strings.LastIndex(name, ".")+1:], func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			for _, rc := range part(f) {
				f.tryRoles(rc)
			}
		})
	}
}

// tryRoles makes the request of rc as every role and checks the status
// and, where a probe guards the row, that a refusal changed nothing.
func (f *fixture) tryRoles(rc roleCase) {
	t := f.t
	t.Helper()
	probe := f.probeOf(rc.method, rc.path)
	for j, role := range roles {
		body := strings.ReplaceAll(rc.body, "{n}", fmt.Sprint(j)) // unique per attempt
		name := fmt.Sprintf("%s %s as %q", rc.method, rc.path, role)
		var before string
		if probe != nil {
			before = probe()
		}
		resp := f.do(request{method: rc.method, path: rc.path, body: body, role: role})
		resp.Body.Close()
		if resp.StatusCode != rc.want[j] {
			t.Errorf("%s: status %d, want %d", name, resp.StatusCode, rc.want[j])
		}
		if probe != nil && resp.StatusCode >= 400 && resp.StatusCode < 500 {
			if after := probe(); after != before {
				t.Errorf("%s: refused with %d but changed the state:\n  before %s\n  after  %s", name, resp.StatusCode, before, after)
			}
		}
	}
}

// probes holds, per fixture, what each guarded row (by method and path)
// may change, read straight from the store.
var (
	probesMu sync.Mutex
	probes   = map[*fixture]map[string]func() string{}
)

// guard records probe as the state that a refused attempt of the row
// method path must leave unchanged.
func (f *fixture) guard(method, path string, probe func() string) {
	probesMu.Lock()
	defer probesMu.Unlock()
	if probes[f] == nil {
		probes[f] = map[string]func() string{}
		f.t.Cleanup(func() {
			probesMu.Lock()
			defer probesMu.Unlock()
			delete(probes, f)
		})
	}
	probes[f][method+" "+path] = probe
}

// stored is a probe that reads a value with read and gives it as JSON; an
// error reads as its code, so that "gone" is a state too.
func stored[T any](read func(context.Context) (T, error)) func() string {
	return func() string {
		v, err := read(context.Background())
		if err != nil {
			return "error " + app.ErrorCode(err)
		}
		b, err := json.Marshal(v)
		if err != nil {
			return "cannot encode: " + err.Error()
		}
		return string(b)
	}
}

// guardedRows lists the method and path of every guarded row.
func (f *fixture) guardedRows() []string {
	probesMu.Lock()
	defer probesMu.Unlock()
	var out []string
	for k := range probes[f] {
		out = append(out, k)
	}
	return out
}

func (f *fixture) probeOf(method, path string) func() string {
	probesMu.Lock()
	defer probesMu.Unlock()
	return probes[f][method+" "+path]
}
