package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/spf13/cobra"

	"github.com/samsyn/samsyn/app/export"
	"github.com/samsyn/samsyn/app/web"
)

func (e *env) serveCommand() *cobra.Command {
	var demoData bool
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run the web server",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.serve(cmd.Context(), demoData)
		},
	}
	cmd.Flags().StringVar(&e.cfg.Addr, "addr", e.cfg.Addr, "address to listen on (SAMSYN_ADDR)")
	cmd.Flags().BoolVar(&demoData, "demo", false, "load demo data into an empty database and print the admin login")
	return cmd
}

// drainTimeout is how long serve lets requests in flight finish after
// SIGTERM; docker-compose.yml's stop_grace_period must exceed it.
const drainTimeout = 15 * time.Second

// serve runs the server until ctx ends (SIGINT/SIGTERM), then stops
// accepting, finishes requests in flight, and closes search and store.
func (e *env) serve(ctx context.Context, demoData bool) error {
	start := time.Now()
	e.cfg.BaseURL = ConfigFromEnvBaseURL(e.cfg)
	if err := e.cfg.Validate(); err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	e.log.Info("starting", "config", e.cfg)
	s, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	defer s.close()
	if err := e.claimBleve(ctx, s); err != nil {
		return err
	}
	e.openSearchDeferred(ctx, s)
	s.mailer = e.openMailer()
	if demoData {
		if err := e.loadDemo(ctx, s); err != nil {
			return fmt.Errorf("demo data: %w", err)
		}
	}
	srv, err := e.newServer(s)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", e.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	go e.purgeSessions(ctx, s)
	go e.repairPublicationLog(ctx, s)
	e.startSearchSync(ctx, s)
	e.startReminders(ctx, s)
	e.startNotificationMail(ctx, s)
	e.startWatch(ctx, s)
	e.startHarvest(ctx, s)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	fmt.Fprintf(e.stdout, "Samsyn is listening on http://%s (ready in %d ms)\n", ln.Addr(), time.Since(start).Milliseconds())
	e.log.Info("ready", "addr", ln.Addr().String(), "startup_ms", time.Since(start).Milliseconds())
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	e.log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), drainTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("shutdown: %w", err)
	}
	return <-served
}

// ConfigFromEnvBaseURL recomputes the default base URL after --addr.
func ConfigFromEnvBaseURL(c Config) string {
	if c.BaseURL != "" && c.BaseURL != "http://localhost:8080" {
		return c.BaseURL
	}
	c.BaseURL = ""
	c.setDefaultBaseURL()
	return c.BaseURL
}

func (e *env) newServer(s *stack) (*web.Server, error) {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	reg.MustRegister(buildInfoMetric())
	if s.search != nil {
		reg.MustRegister(searchSyncMetrics(e.searchSyncer(s))...)
	}
	registries, err := e.cfg.RegistryAddresses()
	if err != nil {
		return nil, err
	}
	deps := web.Deps{Services: e.services(s), Search: s.search, Ready: s.db.Ping, Logger: e.log, Registry: reg}
	if path, err := export.FindChromium(e.cfg.Chromium); err == nil {
		s.printer = export.NewPrinter(path)
		deps.Printer = s.printer
		e.log.Info("PDFs are tagged, printed with Chromium", "chromium", path)
	} else {
		e.log.Warn("PDFs are untagged: no Chromium to print them (install chromium or set SAMSYN_CHROMIUM)", "err", err)
	}
	return web.New(deps, web.Config{
		BaseURL: e.cfg.BaseURL, NetworkName: e.cfg.NetworkName, BodyLimit: 1 << 20,
		RequestTimeout: 15 * time.Second, LoginLimit: 10, LoginWindow: 15 * time.Minute,
		RegistryAddresses: registries, TrustedProxies: e.cfg.TrustedProxyList(), MetricsToken: e.cfg.MetricsToken,
	})
}

// purgeSessions deletes expired sessions and password reset and
// invitation links every ten minutes (FerretDB v1 has no TTL indexes).
func (e *env) purgeSessions(ctx context.Context, s *stack) {
	t := time.NewTicker(10 * time.Minute)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if n, err := e.services(s).Accounts.PurgeSessions(ctx); err != nil {
				e.log.Warn("purge sessions", "err", err)
			} else if n > 0 {
				e.log.Info("purged expired sessions", "count", n)
			}
			if n, err := s.sessions.DeleteAccountLinksBefore(ctx, s.clock.Now()); err != nil {
				e.log.Warn("purge account links", "err", err)
			} else if n > 0 {
				e.log.Info("purged expired account links", "count", n)
			}
		}
	}
}
