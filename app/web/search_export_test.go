package web

import "github.com/samsyn/samsyn/app"

// SetSearchForTest gives a test server a search engine after New, for
// tests whose fixture was built without one.
func (s *Server) SetSearchForTest(e app.SearchEngine) { s.deps.Search = e }
