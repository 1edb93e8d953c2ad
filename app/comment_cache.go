package app

import (
	"strconv"
	"sync"
)

// revisionBlocks keeps the folded blocks (comment_anchor.go) of recently
// used revisions. A revision's text never changes once saved, so an entry
// never goes stale; it only saves reading and parsing the revision again
// each time a page lists its comments (a 10,000-word revision takes
// milliseconds to parse). Statement ids are unique, so one cache serves
// every store in the process.
var revisionBlocks = &blockCache{max: 128}

type blockCache struct {
	mu    sync.Mutex
	max   int
	items map[string][]string
	order []string // oldest first, for eviction
}

func blockKey(statementID string, revision int) string {
	return statementID + ":" + strconv.Itoa(revision)
}

func (c *blockCache) get(statementID string, revision int) ([]string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.items[blockKey(statementID, revision)]
	return b, ok
}

func (c *blockCache) put(statementID string, revision int, blocks []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.items == nil {
		c.items = map[string][]string{}
	}
	k := blockKey(statementID, revision)
	if _, ok := c.items[k]; ok {
		return
	}
	if len(c.order) >= c.max {
		delete(c.items, c.order[0])
		c.order = c.order[1:]
	}
	c.items[k] = blocks
	c.order = append(c.order, k)
}
