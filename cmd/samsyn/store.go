package main

import (
	"errors"
	"fmt"
	"net"

	"github.com/spf13/cobra"

	"github.com/samsyn/samsyn/app/mongodb"
)

// storeCommand groups the commands about the store itself.
func (e *env) storeCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "store", Short: "The document store itself"}
	cmd.AddCommand(e.storeServeCommand())
	return cmd
}

// storeServeCommand runs the embedded FerretDB as a MongoDB-wire server on
// the data dir, so that several samsyn serve processes can share it
// (SAMSYN_MONGODB_URI) on one machine: for development and tests of
// replicas. It has no authentication, so it listens on loopback only.
func (e *env) storeServeCommand() *cobra.Command {
	addr := "127.0.0.1:27017"
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the embedded store (FerretDB on SQLite) to other processes over the MongoDB wire protocol, on loopback",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			host, _, err := net.SplitHostPort(addr)
			if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
				return errors.New("--addr must be a loopback address such as 127.0.0.1:27017: the embedded store asks no password")
			}
			emb, err := mongodb.StartEmbeddedAt(e.cfg.DataDir, addr, e.log)
			if err != nil {
				return err
			}
			defer emb.Stop()
			// Create the collections and indexes once, with the _id indexes
			// only the embedded store knows how to make (dialect.go).
			db, err := emb.Connect(cmd.Context(), e.cfg.MongoDB)
			if err != nil {
				return err
			}
			_ = db.Close(cmd.Context())
			fmt.Fprintf(e.stdout, "The store is listening on %s (database %s); stop with Ctrl-C\n", emb.URI(), e.cfg.MongoDB)
			<-cmd.Context().Done()
			return nil
		},
	}
	cmd.Flags().StringVar(&addr, "addr", addr, "loopback address to listen on")
	return cmd
}
