package app

import "context"

// Get returns statement id, or ENOTFOUND. Callers that show it to someone
// who may not be signed in use Visible.
func (s *Statements) Get(ctx context.Context, id string) (*Statement, error) {
	return s.Store.StatementByID(ctx, id)
}

// BySlug returns the statement with that slug, or ENOTFOUND.
func (s *Statements) BySlug(ctx context.Context, slug string) (*Statement, error) {
	return s.Store.StatementBySlug(ctx, slug)
}

// List returns one page of statements and the total.
func (s *Statements) List(ctx context.Context, f StatementFilter) ([]*Statement, int, error) {
	return s.Store.ListStatements(ctx, f)
}

// Revisions lists statement id's revisions, oldest first.
func (s *Statements) Revisions(ctx context.Context, id string) ([]*Revision, error) {
	return s.Store.ListRevisions(ctx, id)
}

// Revision returns revision n of statement id, or ENOTFOUND.
func (s *Statements) Revision(ctx context.Context, id string, n int) (*Revision, error) {
	return s.Store.RevisionByNumber(ctx, id, n)
}

// Signatures lists the decisions of signing round round (0: the current).
func (s *Statements) Signatures(ctx context.Context, id string, round int) ([]Signature, error) {
	return s.Store.ListSignatures(ctx, id, round)
}
