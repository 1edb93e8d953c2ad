package bench

import (
	"context"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/demo"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/web"
	"github.com/samsyn/samsyn/search"
	"github.com/samsyn/samsyn/search/bleve"
)

// system is Samsyn on a temporary data dir as serve wires it with no
// configuration: the embedded FerretDB and Bleve under the dir, every
// store on them, the search sync and the web server. It is built here
// from the packages' constructors rather than borrowed from cmd/samsyn,
// so the harness depends on nothing unexported there; what it measures
// is the same code.
type system struct {
	dir      string
	log      *slog.Logger // errors only: the harness's output is its report
	network  string       // the network's name, on the pages
	embedded *mongodb.Embedded
	db       *mongodb.DB
	search   app.SearchEngine
	members  *mongodb.MemberStore
	users    *mongodb.UserStore
	sessions *mongodb.SessionStore
	audit    *mongodb.AuditLog
	consults *mongodb.ConsultationStore
	issues   *mongodb.IssueStore
	stmts    *mongodb.StatementStore
	svc      *app.Services // as serve wires them: every change kicks syncer
	clock    app.Clock
	syncer   *search.Syncer // the one the server kicks after every change
}

// dbName is the database of the embedded store, serve's default.
const dbName = "samsyn"

// openSystem starts the embedded store and opens Bleve under dir.
func openSystem(ctx context.Context, dir, network string) (*system, error) {
	s := &system{dir: dir, network: network, clock: app.SystemClock{},
		log: slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError}))}
	var err error
	if s.embedded, err = mongodb.StartEmbedded(dir, s.log); err == nil {
		s.db, err = s.embedded.Connect(ctx, dbName)
	}
	if err == nil {
		s.search, err = bleve.Open(s.searchDir())
	}
	if err != nil {
		s.close()
		return nil, err
	}
	db := s.db
	s.members, s.users = mongodb.NewMemberStore(db), mongodb.NewUserStore(db)
	s.sessions, s.audit = mongodb.NewSessionStore(db), mongodb.NewAuditLog(db)
	s.consults, s.issues, s.stmts = mongodb.NewConsultationStore(db), mongodb.NewIssueStore(db), mongodb.NewStatementStore(db)
	s.syncer = s.searchStores().NewSyncer(s.search, s.log)
	s.svc = app.NewServices(mongodb.Stores(db), app.ServiceConfig{Clock: s.clock, Log: s.log, NetworkName: network,
		BaseURL: "http://127.0.0.1", IdleTimeout: 2 * time.Hour, AbsoluteTimeout: 12 * time.Hour})
	s.svc.Events.Subscribe("search", s.syncer.Hear)
	return s, nil
}

func (s *system) searchStores() search.Stores {
	return search.Stores{Statements: s.stmts, Consultations: s.consults, Issues: s.issues, Positions: s.issues, Outcomes: s.consults}
}

func (s *system) demoStores() demo.Stores {
	return demo.Stores{Members: s.members, Users: s.users, Consultations: s.consults, Issues: s.issues,
		Statements: s.stmts, Events: s.svc.Events}
}

// desk is the statements service as the server's is: every change kicks
// the search sync.
func (s *system) desk() *app.Statements { return s.svc.Statements }

// listen starts the real web server, searching eng, on a loopback port
// and returns its base URL.
func (s *system) listen(eng app.SearchEngine) (*web.Server, string, error) {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	srv, err := web.New(web.Deps{Services: s.svc, Search: eng, Ready: s.db.Ping, Logger: s.log, Registry: reg}, web.Config{
		BaseURL: "http://127.0.0.1", NetworkName: s.network, BodyLimit: 1 << 20,
		RequestTimeout: 15 * time.Second, LoginLimit: 10, LoginWindow: 15 * time.Minute,
	})
	if err != nil {
		return nil, "", err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", err
	}
	go func() { _ = srv.Serve(ln) }()
	return srv, "http://" + ln.Addr().String(), nil
}

// close releases everything opened, in reverse order.
func (s *system) close() {
	if s.search != nil {
		_ = s.search.Close()
	}
	if s.db != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_ = s.db.Close(ctx)
		cancel()
	}
	if s.embedded != nil {
		s.embedded.Stop()
	}
}

func (s *system) searchDir() string { return filepath.Join(s.dir, "search") }
func (s *system) storeDir() string  { return filepath.Join(s.dir, "ferretdb") }

// shutdown stops srv, waiting up to five seconds for requests in flight.
func shutdown(srv *web.Server) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	_ = srv.Shutdown(ctx)
	cancel()
}
