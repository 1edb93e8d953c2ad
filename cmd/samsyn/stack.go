package main

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/demo"
	"github.com/samsyn/samsyn/app/export"
	"github.com/samsyn/samsyn/app/mongodb"
	"github.com/samsyn/samsyn/app/pdftext"
	"github.com/samsyn/samsyn/app/regeringen"
	"github.com/samsyn/samsyn/search"
	"github.com/samsyn/samsyn/search/bleve"
	"github.com/samsyn/samsyn/search/meili"
)

// stack is the store and search engine with every store on top, wired.
type stack struct {
	mailer    app.Mailer // nil without SMTP
	db        *mongodb.DB
	embedded  *mongodb.Embedded
	search    app.SearchEngine
	members   *mongodb.MemberStore
	users     *mongodb.UserStore
	sessions  *mongodb.SessionStore
	audit     *mongodb.AuditLog
	consults  *mongodb.ConsultationStore
	issues    *mongodb.IssueStore
	stmts     *mongodb.StatementStore
	reminders *mongodb.ReminderStore
	leases    *mongodb.LeaseStore
	text      *pdftext.Extractor // PDFium; it starts when first asked
	clock     app.Clock
	syncer    *search.Syncer // see env.searchSyncer
	svc       *app.Services  // see env.services
	// publicationKey signs the publication log (publog.go); read or made
	// when the store opens.
	publicationKey ed25519.PrivateKey
	printer        *export.Printer // tagged PDFs; nil without Chromium
}

// openStore connects to MongoDB, or starts the embedded FerretDB.
func (e *env) openStore(ctx context.Context) (*stack, error) {
	s := &stack{clock: app.SystemClock{}}
	var db *mongodb.DB
	var err error
	if e.cfg.MongoURI != "" {
		db, err = mongodb.Connect(ctx, e.cfg.MongoURI, e.cfg.MongoDB)
	} else if s.embedded, err = mongodb.StartEmbedded(e.cfg.DataDir, e.log); err == nil {
		db, err = s.embedded.Connect(ctx, e.cfg.MongoDB)
	}
	if err != nil {
		s.close()
		return nil, err
	}
	s.db = db
	if s.publicationKey, err = loadPublicationKey(e.cfg.PublicationKeyFile); err != nil {
		s.close()
		return nil, err
	}
	s.members, s.users = mongodb.NewMemberStore(db), mongodb.NewUserStore(db)
	s.sessions, s.audit = mongodb.NewSessionStore(db), mongodb.NewAuditLog(db)
	s.consults, s.issues, s.stmts = mongodb.NewConsultationStore(db), mongodb.NewIssueStore(db), mongodb.NewStatementStore(db)
	s.reminders, s.leases = mongodb.NewReminderStore(db), mongodb.NewLeaseStore(db)
	return s, nil
}

// cliActor stands for whoever runs a command, in the audit log.
var cliActor = &app.User{Name: "CLI"}

// services wires the domain's services on s once, after its mailer and
// search engine are set: the web server, the commands and the demo loader
// share them. The search sync hears of every change when there is a search
// engine to keep in step.
func (e *env) services(s *stack) *app.Services {
	if s.svc != nil {
		return s.svc
	}
	cfg := app.ServiceConfig{Clock: s.clock, Mailer: s.mailer, Fetcher: regeringen.Reader{}, BaseURL: e.cfg.BaseURL,
		NetworkName: e.cfg.NetworkName, Log: e.log, IdleTimeout: 2 * time.Hour, AbsoluteTimeout: 12 * time.Hour,
		PublicationKey: s.publicationKey, HarvestFetcher: e.harvestFetcher(), TextExtractor: s.pdfText()}
	s.svc = app.NewServices(mongodb.Stores(s.db), cfg)
	s.svc.Watch = e.remissWatch(s)
	if s.search != nil {
		s.svc.Events.Subscribe("search", e.searchSyncer(s).Hear)
	}
	return s.svc
}

// searchOpener opens Meilisearch when configured, else Bleve under the
// data dir.
func (e *env) searchOpener() search.Opener {
	if e.openEngine != nil {
		return e.openEngine
	}
	if e.cfg.MeiliURL != "" {
		return func(ctx context.Context) (app.SearchEngine, error) {
			var opts []meili.Option
			if e.cfg.MeiliPublicSearchKey != "" {
				opts = append(opts, meili.WithSearchKeys(e.cfg.MeiliPublicSearchKey, e.cfg.MeiliInternalSearchKey))
			}
			eng, err := meili.Open(ctx, e.cfg.MeiliURL, e.cfg.MeiliKey, opts...)
			if err != nil {
				return nil, err // not a typed nil
			}
			return eng, nil
		}
	}
	return func(context.Context) (app.SearchEngine, error) {
		eng, err := bleve.Open(filepath.Join(e.cfg.DataDir, "search"))
		if err != nil {
			return nil, err
		}
		return eng, nil
	}
}

// openSearch opens the search engine or fails: for commands that need it
// now (reindex).
func (e *env) openSearch(ctx context.Context, s *stack) error {
	eng, err := e.searchOpener()(ctx)
	if err != nil {
		return fmt.Errorf("open search: %w", err)
	}
	s.search = eng
	return nil
}

// openSearchDeferred gives the server its search engine without waiting
// for it: with SAMSYN_SEARCH=off none (search answers 503, writes keep
// their marks), else one that opens now or, when it cannot, in the
// background (search.Deferred), so that a search engine that is down
// never stops the server from starting.
func (e *env) openSearchDeferred(ctx context.Context, s *stack) {
	if e.cfg.SearchOff() {
		e.log.Info("search is off (SAMSYN_SEARCH=off): search answers 503; writes are kept for indexing later")
		return
	}
	s.search = search.OpenDeferred(ctx, e.searchOpener(), e.log)
}

// close releases everything opened, in reverse order.
func (s *stack) close() {
	if s.text != nil {
		_ = s.text.Close()
	}
	if s.printer != nil {
		s.printer.Close()
	}
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

// demoStores are the stores the demo loader writes, with the services'
// event stream, which it tells of every record.
func (e *env) demoStores(s *stack) demo.Stores {
	return demo.Stores{Members: s.members, Users: s.users, Consultations: s.consults, Issues: s.issues,
		Statements: s.stmts, Events: e.services(s).Events, ExternalResponses: mongodb.NewExternalResponseStore(s.db)}
}

// loadDemo loads demo data into an empty database and prints the admin
// login. When demo data is there already it gives the demo admin a new
// password and prints that, so that the login always works.
func (e *env) loadDemo(ctx context.Context, s *stack) error {
	res, err := demo.Load(ctx, e.demoStores(s), s.clock.Now())
	if err == nil { // the demo's history goes into the publication log at once
		_, err = e.services(s).Publications.Repair(ctx)
	}
	if err == nil {
		fmt.Fprintf(e.stdout, "Demo data loaded: %d members, %d users, %d consultations, %d issues, %d statements.\n",
			res.Members, res.Users, res.Consultations, res.Issues, res.Statements)
		fmt.Fprintf(e.stdout, "Log in as %s with password %s\n", res.AdminEmail, res.AdminPassword)
		return nil
	}
	if app.ErrorCode(err) != app.ECONFLICT {
		return err
	}
	users := e.services(s).Users
	u, uerr := users.ByEmail(ctx, demo.AdminEmail)
	if uerr != nil {
		return errors.Join(err, errors.New("the database holds other data: demo data was not loaded"))
	}
	pw := app.RandomToken(8)
	if _, uerr := users.SetPassword(ctx, cliActor, u.ID, pw); uerr != nil { // ends the admin's sessions
		return uerr
	}
	fmt.Fprintf(e.stdout, "Demo data is already loaded. Log in as %s with new password %s\n", demo.AdminEmail, pw)
	return nil
}

// pdfText is the stack's PDF reader, made on first use.
func (s *stack) pdfText() *pdftext.Extractor {
	if s.text == nil {
		s.text = pdftext.New()
	}
	return s.text
}
