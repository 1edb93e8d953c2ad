package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/samsyn/samsyn/app"
)

// loadOptions are the flags of samsyn load.
type loadOptions struct {
	docs     int
	conns    int
	users    int
	duration time.Duration
	warmup   time.Duration
	jsonPath string
	seed     uint64
	mixFlag  string
	profile  string         // CPU profile of the measured load
	mix      [kindCount]int // percent of search, page and write requests
}

// LoadCommand is samsyn load; it prints its tables to the command's
// output and its progress to the command's error output.
func LoadCommand(cfg Config) *cobra.Command {
	o := loadOptions{}
	cmd := &cobra.Command{
		Use:   "load",
		Short: "Run a bounded load of public search, statement pages and member writes against a generated corpus",
		Long: "load generates N statements (as bench does), loads them by the bulk path into a temporary embedded\n" +
			"stack (FerretDB + Bleve, with the search sync running as serve runs it), serves the real web server on\n" +
			"loopback and drives it over keep-alive connections for a fixed time: about 60% public search (JSON API\n" +
			"and /sok, with filters), 30% public statement pages and 10% member revision saves (PATCH with the\n" +
			"version, each connection on its own draft, as a member user with an API token). It reports per kind\n" +
			"the requests, errors, 5xx answers, 409 conflicts and p50/p95/p99, and the process's RSS and Go heap\n" +
			"every 5 s. It exits non-zero on any error or 5xx answer.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return load(cmd.Context(), cfg, o, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.IntVar(&o.docs, "docs", 1000, "corpus size: statements generated and loaded")
	f.IntVar(&o.conns, "conns", 64, "concurrent keep-alive connections")
	f.IntVar(&o.users, "users", 16, "member users writing (each with an API token); at most --conns")
	f.DurationVar(&o.duration, "duration", 60*time.Second, "how long the load runs, after the warm-up")
	f.DurationVar(&o.warmup, "warmup", 10*time.Second, "warm-up with the same mix before measuring (at most a fifth of --duration)")
	f.StringVar(&o.jsonPath, "json", "", "also write the results as JSON to this file")
	f.Uint64Var(&o.seed, "seed", 1, "seed of the corpus and of the request mix")
	f.StringVar(&o.profile, "cpuprofile", "", "write a CPU profile of the measured load to this file (go tool pprof)")
	f.StringVar(&o.mixFlag, "mix", "60,30,10", "percent of public searches, statement pages and member saves, adding up to 100")
	return cmd
}

func (o *loadOptions) validate() error {
	var errs []error
	if o.docs < 10 || o.docs > 1_000_000 {
		errs = append(errs, errors.New("--docs: between 10 and 1000000"))
	}
	if o.conns < 1 || o.conns > 1024 {
		errs = append(errs, errors.New("--conns: between 1 and 1024"))
	}
	if o.duration < time.Second {
		errs = append(errs, errors.New("--duration: at least 1s"))
	}
	if err := o.parseMix(); err != nil {
		errs = append(errs, err)
	}
	o.users = min(max(o.users, 1), o.conns)
	o.warmup = min(max(o.warmup, 0), o.duration/5)
	return errors.Join(errs...)
}

// parseMix reads --mix: three percentages that add up to 100.
func (o *loadOptions) parseMix() error {
	parts := strings.Split(o.mixFlag, ",")
	sum := 0
	for k := range o.mix {
		if len(parts) != kindCount {
			break
		}
		n, err := strconv.Atoi(strings.TrimSpace(parts[k]))
		if err != nil || n < 0 {
			break
		}
		o.mix[k], sum = n, sum+n
	}
	if sum != 100 {
		return fmt.Errorf("--mix %q: want three percentages (search, page, write) adding up to 100", o.mixFlag)
	}
	return nil
}

// load prepares Samsyn, warms it up, runs the measured load, prints the
// table to out and writes the JSON. Any error or 5xx answer makes it
// fail, after the report.
func load(ctx context.Context, cfg Config, o loadOptions, out, progress io.Writer) error {
	if err := o.validate(); err != nil {
		return err
	}
	rep := &loadRunReport{Command: "samsyn " + strings.Join(os.Args[1:], " "), Started: time.Now().UTC().Truncate(time.Second),
		GoVersion: runtime.Version(), CPUs: runtime.NumCPU(), Seed: o.seed, Docs: o.docs, Conns: o.conns, Users: o.users,
		DurationS: o.duration.Seconds(), WarmupS: o.warmup.Seconds(), Mix: o.mix}
	dir, err := os.MkdirTemp("", "samsyn-load-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	b, err := openHarness(ctx, dir, cfg, o.seed)
	if err != nil {
		return err
	}
	defer b.close()
	if err := loadRun(ctx, b, o, rep, progress); err != nil {
		return err
	}
	rep.writeMarkdown(out)
	if o.jsonPath != "" {
		js, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(o.jsonPath, append(js, '\n'), 0o644); err != nil {
			return err
		}
	}
	return rep.verdict()
}

// loadRun loads the corpus, starts the server, sets up the writers, and
// runs the warm-up and then the measured load.
func loadRun(ctx context.Context, b *harness, o loadOptions, rep *loadRunReport, progress io.Writer) error {
	fmt.Fprintf(progress, "load: loading %d statements by the bulk path\n", o.docs)
	if _, _, err := b.bulk(ctx, 0, o.docs); err != nil {
		return fmt.Errorf("load the corpus: %w", err)
	}
	if err := b.serve(ctx); err != nil {
		return err
	}
	fmt.Fprintf(progress, "load: %d member users with API tokens, a draft per connection\n", o.users)
	writers, err := b.loadWriters(ctx, o)
	if err != nil {
		return err
	}
	if err := b.waitIndexed(ctx); err != nil {
		return err
	}
	d := newLoadDriver(b, o, writers)
	defer d.close()
	return d.measure(ctx, rep, progress)
}

// measure runs the warm-up and then the measured load, with memory
// samples and, when asked, a CPU profile, and fills in rep.
func (d *loadDriver) measure(ctx context.Context, rep *loadRunReport, progress io.Writer) error {
	runtime.GC()
	debug.FreeOSMemory() // the bulk load's garbage is not the server's
	fmt.Fprintf(progress, "load: warm-up %v with %d connections\n", d.o.warmup, d.o.conns)
	rep.Warmup = d.run(ctx, d.o.warmup, nil).total("warm-up")
	fmt.Fprintf(progress, "load: measuring %v with %d connections\n", d.o.duration, d.o.conns)
	stop := func() {}
	if d.o.profile != "" {
		var err error
		if stop, err = startCPUProfile(d.o.profile); err != nil {
			return err
		}
	}
	mem := &memSampler{every: 5 * time.Second}
	res := d.run(ctx, d.o.duration, mem)
	stop()
	rep.Memory, rep.Kinds, rep.Total, rep.Connections = mem.samples, res.kinds(), res.total("all"), d.dials()
	return ctx.Err()
}

// loadWriter is the member user and draft one connection saves revisions of.
type loadWriter struct {
	token string
	draft *app.Statement // the text each save varies, by one paragraph
}

// loadWriters creates o.users member users with API tokens, spread over
// the demo members, and a draft per connection, created by its user.
func (b *harness) loadWriters(ctx context.Context, o loadOptions) ([]loadWriter, error) {
	members, _, err := b.sys.members.ListMembers(ctx, app.MemberFilter{ActiveOnly: true, Page: app.Page{Number: 1, Size: 100}})
	if err != nil || len(members) == 0 {
		return nil, fmt.Errorf("members for the load's users: %d, %w", len(members), err)
	}
	users := make([]*app.User, o.users)
	tokens := make([]string, o.users)
	for k := range users {
		in := app.NewUserInput{Email: fmt.Sprintf("last%03d@samsyn.example", k), Name: fmt.Sprintf("Lasta Testare %d", k),
			Title: "Näringslivschef", Role: app.RoleMember, MemberID: members[k%len(members)].ID,
			Password: "lastprov med långt lösenord"}
		if users[k], err = app.NewUser(in, b.sys.clock.Now()); err != nil {
			return nil, err
		}
		if err := b.sys.users.CreateUser(ctx, users[k]); err != nil {
			return nil, err
		}
		if tokens[k], err = b.sys.svc.Accounts.CreateToken(ctx, in.Email, "load"); err != nil {
			return nil, err
		}
	}
	out := make([]loadWriter, o.conns)
	for w := range out {
		k := w % o.users
		st, err := b.desk.Create(ctx, users[k], b.gen.Draft(4*draftBase+w, ""))
		if err != nil {
			return nil, fmt.Errorf("draft for connection %d: %w", w, err)
		}
		out[w] = loadWriter{token: tokens[k], draft: st}
	}
	return out, nil
}
