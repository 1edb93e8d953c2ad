package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/samsyn/samsyn/app"
	"github.com/samsyn/samsyn/app/web"
	"github.com/samsyn/samsyn/cmd/samsyn/internal/bench"
)

func rootCommand(ctx context.Context, e *env) *cobra.Command {
	root := &cobra.Command{
		Use:           "samsyn",
		Short:         "Samsyn: joint consultation responses and positions for a network of municipalities",
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       readBuildVersion().String(),
	}
	root.SetVersionTemplate("samsyn {{.Version}}\n")
	member := &cobra.Command{Use: "member", Short: "Manage member organisations"}
	member.AddCommand(e.memberAddCommand())
	user := &cobra.Command{Use: "user", Short: "Manage users"}
	user.AddCommand(e.userAddCommand())
	token := &cobra.Command{Use: "token", Short: "Manage personal API tokens"}
	token.AddCommand(e.tokenCreateCommand())
	harness := bench.Config{MeiliURL: e.cfg.MeiliURL, MeiliKey: e.cfg.MeiliKey, NetworkName: e.cfg.NetworkName}
	root.AddCommand(e.serveCommand(), e.healthcheckCommand(), e.storeCommand(), e.demoCommand(), member, user, token,
		e.reindexCommand(), e.importRemisserCommand(), e.harvestRemissvarCommand(), e.stanceCommand(), bench.Command(harness),
		e.exportCommand(), e.importCommand(), bench.LoadCommand(harness), e.verifyLogCommand())
	return root
}

// withStore runs f with the store open (no search, no server).
func (e *env) withStore(ctx context.Context, f func(*stack) error) error {
	if err := e.cfg.Validate(); err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	s, err := e.openStore(ctx)
	if err != nil {
		return err
	}
	defer s.close()
	return f(s)
}

func (e *env) demoCommand() *cobra.Command {
	return &cobra.Command{
		Use: "demo", Short: "Load demo data into an empty database", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withStore(cmd.Context(), func(s *stack) error { return e.loadDemo(cmd.Context(), s) })
		},
	}
}

func (e *env) memberAddCommand() *cobra.Command {
	var name, code, county string
	cmd := &cobra.Command{
		Use: "add", Short: "Add a member organisation and print its slug", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withStore(cmd.Context(), func(s *stack) error {
				m, err := e.services(s).Members.Create(cmd.Context(), cliActor, name, code, county)
				if err != nil {
					return cliError(err)
				}
				fmt.Fprintln(e.stdout, m.Slug)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&name, "name", "", "name, e.g. Oxelösund (required)")
	cmd.Flags().StringVar(&code, "code", "", "municipality code (kommunkod), four digits (required)")
	cmd.Flags().StringVar(&county, "county", "", "county (län); derived from the code when empty")
	_ = cmd.MarkFlagRequired("name")
	_ = cmd.MarkFlagRequired("code")
	return cmd
}

func (e *env) userAddCommand() *cobra.Command {
	var in app.NewUserInput
	var role, memberSlug string
	var passwordStdin bool
	cmd := &cobra.Command{
		Use: "add", Short: "Add a user; the password is read from standard input", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !passwordStdin {
				return errors.New("--password-stdin is required: pipe the password in, never on the command line")
			}
			pw, err := readPassword(e.stdin)
			if err != nil {
				return err
			}
			in.Password, in.Role = pw, app.Role(role)
			return e.withStore(cmd.Context(), func(s *stack) error { return e.addUser(cmd.Context(), s, in, memberSlug) })
		},
	}
	f := cmd.Flags()
	f.StringVar(&in.Email, "email", "", "e-mail address (required)")
	f.StringVar(&in.Name, "name", "", "full name (required)")
	f.StringVar(&in.Title, "title", "", "title, e.g. KSO or kommundirektör")
	f.StringVar(&role, "role", "", "admin, secretariat or member (required)")
	f.StringVar(&memberSlug, "member", "", "slug of the member organisation (for role member)")
	f.BoolVar(&in.MaySign, "may-sign", false, "may sign on behalf of the member")
	f.BoolVar(&passwordStdin, "password-stdin", false, "read the password from standard input")
	for _, name := range []string{"email", "name", "role"} {
		_ = cmd.MarkFlagRequired(name)
	}
	return cmd
}

func (e *env) addUser(ctx context.Context, s *stack, in app.NewUserInput, memberSlug string) error {
	svc := e.services(s)
	if memberSlug != "" {
		m, err := svc.Members.BySlug(ctx, memberSlug)
		if err != nil {
			return cliError(err)
		}
		in.MemberID = m.ID
	}
	u, err := svc.Users.Create(ctx, cliActor, in, false)
	if err != nil {
		return cliError(err)
	}
	fmt.Fprintln(e.stdout, u.ID)
	return nil
}

// readPassword reads the first line of r, without its line ending.
func readPassword(r io.Reader) (string, error) {
	b, err := io.ReadAll(io.LimitReader(r, 4096))
	if err != nil {
		return "", fmt.Errorf("read password: %w", err)
	}
	pw, _, _ := strings.Cut(string(b), "\n")
	return strings.TrimSuffix(pw, "\r"), nil
}

func (e *env) tokenCreateCommand() *cobra.Command {
	var email, name string
	cmd := &cobra.Command{
		Use: "create", Short: "Create a personal API token and print only the token", Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return e.withStore(cmd.Context(), func(s *stack) error {
				secret, err := e.services(s).Accounts.CreateToken(cmd.Context(), email, name)
				if err != nil {
					return cliError(err)
				}
				fmt.Fprintln(e.stdout, secret)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&email, "email", "", "e-mail address of the token's user (required)")
	cmd.Flags().StringVar(&name, "name", "cli", "a name to recognise the token by")
	_ = cmd.MarkFlagRequired("email")
	return cmd
}

// cliError formats a domain error with its field messages, in Swedish,
// for a terminal.
func cliError(err error) error {
	fields := app.ErrorFields(err)
	if len(fields) == 0 {
		return errors.New(web.Translate("sv", app.ErrorMessage(err)))
	}
	var b strings.Builder
	b.WriteString(web.Translate("sv", app.ErrorMessage(err)))
	for k, v := range fields {
		fmt.Fprintf(&b, "\n  %s: %s", k, web.Translate("sv", v))
	}
	return errors.New(b.String())
}
