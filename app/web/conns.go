package web

import (
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// silentGrace is how long a connection may stay silent at shutdown before
// it is closed: a request that is on its way still gets in.
const silentGrace = time.Second

// silentConns keeps the connections that have not yet sent a byte.
// Browsers open such connections ahead of need, and fasthttp counts one as
// a request in flight from its accept: its shutdown then waits for it
// until the read timeout (15 s), longer than a container runtime waits
// before it kills. Shutdown closes them, as net/http does with its new
// connections.
type silentConns struct {
	mu    sync.Mutex
	conns map[*watchedConn]time.Time // accepted at
}

// listener wraps ln so that its connections are watched.
func (s *silentConns) listener(ln net.Listener) net.Listener {
	return &watchedListener{Listener: ln, silent: s}
}

// closeOlderThan closes the silent connections accepted before now-age
// (net/http waits as long for its new connections).
func (s *silentConns) closeOlderThan(age time.Duration) {
	s.mu.Lock()
	var old []*watchedConn
	for c, at := range s.conns {
		if time.Since(at) >= age {
			old = append(old, c)
			delete(s.conns, c)
		}
	}
	s.mu.Unlock()
	for _, c := range old {
		_ = c.Conn.Close() // the worker reading it ends with the error
	}
}

func (s *silentConns) add(c *watchedConn) {
	s.mu.Lock()
	if s.conns == nil {
		s.conns = map[*watchedConn]time.Time{}
	}
	s.conns[c] = time.Now()
	s.mu.Unlock()
}

func (s *silentConns) forget(c *watchedConn) {
	s.mu.Lock()
	delete(s.conns, c)
	s.mu.Unlock()
}

type watchedListener struct {
	net.Listener
	silent *silentConns
}

func (l *watchedListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	w := &watchedConn{Conn: c, silent: l.silent}
	l.silent.add(w)
	return w, nil
}

// watchedConn leaves the silent set at its first byte or its close.
type watchedConn struct {
	net.Conn
	silent *silentConns
	heard  atomic.Bool
}

func (c *watchedConn) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	if n > 0 && !c.heard.Swap(true) {
		c.silent.forget(c)
	}
	return n, err
}

func (c *watchedConn) Close() error {
	c.silent.forget(c)
	return c.Conn.Close()
}
