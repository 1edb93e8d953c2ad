package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"
)

// healthcheckCommand asks the server on this machine whether it is ready
// (/readyz on SAMSYN_ADDR's port) and exits non-zero unless it is: the
// container's health check, in an image that has no curl.
func (e *env) healthcheckCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "healthcheck",
		Short: "Exit 0 when the server on this machine answers /readyz with 200",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, port, err := net.SplitHostPort(e.cfg.Addr)
			if err != nil {
				return fmt.Errorf("SAMSYN_ADDR %q: %w", e.cfg.Addr, err)
			}
			ctx, cancel := context.WithTimeout(cmd.Context(), 4*time.Second)
			defer cancel()
			req, err := http.NewRequestWithContext(ctx, "GET", "http://"+net.JoinHostPort("127.0.0.1", port)+"/readyz", nil)
			if err != nil {
				return err
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				return fmt.Errorf("not ready: %w", err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("not ready: /readyz answered %d", resp.StatusCode)
			}
			return nil
		},
	}
}
