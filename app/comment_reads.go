package app

import "context"

// Comments lists the comments on statement id as viewer may see them,
// oldest first, each placed on its block of the current text.
func (s *Statements) Comments(ctx context.Context, viewer *User, id string) ([]*Comment, error) {
	if viewer == nil {
		return nil, Errorf(ENOTFOUND, "error.statement.not_found")
	}
	st, err := s.Store.StatementByID(ctx, id)
	if err != nil {
		return nil, err
	}
	return s.CommentsOn(ctx, viewer, st)
}

// CommentsOn is Comments for a statement already read.
func (s *Statements) CommentsOn(ctx context.Context, viewer *User, st *Statement) ([]*Comment, error) {
	comments, err := s.Store.ListComments(ctx, st.ID)
	if err != nil {
		return nil, err
	}
	if err := s.place(ctx, st, comments); err != nil {
		return nil, err
	}
	for i, c := range comments {
		comments[i] = c.ForViewer(viewer)
	}
	return comments, nil
}

// placeOne places c and returns it as viewer may see it.
func (s *Statements) placeOne(ctx context.Context, viewer *User, st *Statement, c *Comment) (*Comment, error) {
	if err := s.place(ctx, st, []*Comment{c}); err != nil {
		return nil, err
	}
	return c.ForViewer(viewer), nil
}

// place sets Anchor and Outdated of each comment for the current text of
// st (comment_anchor.go). A quote found in exactly one block places its
// comment there without more ado; otherwise the revision the comment was
// made on is aligned with the current text, once per revision and
// listing, from the cache if it was read lately. A reply shares its
// thread's revision, block and quote, and so its place.
func (s *Statements) place(ctx context.Context, st *Statement, comments []*Comment) error {
	cur := cachedBlocks(st.ID, st.Revision, st.Body)
	type aligned struct {
		old   []string
		match []int
	}
	byVersion := map[int]*aligned{}
	for _, c := range comments {
		if c.Block == 0 {
			c.Anchor, c.Outdated = 0, false
			continue
		}
		if c.Version == 0 { // made before comments recorded their revision
			c.Anchor, c.Outdated = c.Block, c.Block > len(cur)
			continue
		}
		if k := onlyHolder(cur, c.Quote, c.Whole); k >= 0 {
			c.Anchor, c.Outdated = k+1, false
			continue
		}
		a := byVersion[c.Version]
		if a == nil {
			old, err := s.blocksOf(ctx, st, c.Version, cur)
			if err != nil {
				return err
			}
			a = &aligned{old: old, match: alignBlocks(old, cur)}
			byVersion[c.Version] = a
		}
		c.Anchor, c.Outdated = placeComment(a.old, cur, a.match, c.Block, c.Quote, c.Whole)
	}
	return nil
}

// cachedBlocks returns the folded blocks of revision n of statement id,
// whose body is body.
func cachedBlocks(id string, n int, body string) []string {
	if b, ok := revisionBlocks.get(id, n); ok {
		return b
	}
	b := foldedBlocks(body)
	revisionBlocks.put(id, n, b)
	return b
}

// blocksOf returns the folded blocks of revision n of st; cur are those of
// its current text. A revision lost in a crash between two saves (nothing
// was acknowledged for it) has none, so its comments are outdated.
func (s *Statements) blocksOf(ctx context.Context, st *Statement, n int, cur []string) ([]string, error) {
	if n == st.Revision {
		return cur, nil
	}
	if b, ok := revisionBlocks.get(st.ID, n); ok {
		return b, nil
	}
	rev, err := s.Store.RevisionByNumber(ctx, st.ID, n)
	if ErrorCode(err) == ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return cachedBlocks(st.ID, n, rev.Body), nil
}
