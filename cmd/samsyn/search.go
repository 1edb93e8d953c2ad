package main

import (
	"context"

	"github.com/spf13/cobra"
)

// startSearchSync keeps the search indexes in step with the store.
func (e *env) startSearchSync(ctx context.Context, s *stack) {}

func (e *env) reindexCommand() *cobra.Command {
	return &cobra.Command{Use: "reindex", Short: "Rebuild the search indexes from the store", Hidden: true}
}
