// Package search keeps the search indexes in step with the store: Syncer
// indexes the documents the stores mark dirty and clears each mark only
// for the version it indexed, and Rebuild fills fresh indexes from the
// whole store and swaps them in. The engines themselves live in
// search/bleve and search/meili; search/searchtest is the conformance
// suite both pass, and search/swedish the text pipeline both use.
package search
