package main

import "github.com/spf13/cobra"

func (e *env) importRemisserCommand() *cobra.Command {
	return &cobra.Command{Use: "import-remisser", Short: "Import remisser from regeringen.se pages", Hidden: true}
}
