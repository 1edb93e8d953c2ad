package web_test

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// A connection that has sent nothing (a browser's connection opened ahead
// of need) does not hold up shutdown: it is closed, while a request sent
// on another connection is answered. Before, the drain waited for such a
// connection until the 15 s read timeout, past this 10 s deadline.
func TestShutdownClosesSilentConnections(t *testing.T) {
	f := newFixture(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	served := make(chan error, 1)
	go func() { served <- f.srv.Serve(ln) }()
	silent, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	busy, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	if _, err := io.WriteString(busy, "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	res, err := http.ReadResponse(bufio.NewReader(busy), nil)
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("GET /healthz before the shutdown: %v %v", res, err)
	}
	res.Body.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := f.srv.Shutdown(ctx); err != nil {
		t.Fatalf("shutdown with a silent connection open: %v", err)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve after the shutdown: %v", err)
	}
	_ = silent.SetReadDeadline(time.Now().Add(5 * time.Second))
	n, err := silent.Read(make([]byte, 1))
	if n != 0 || err == nil || errors.Is(err, context.DeadlineExceeded) || strings.Contains(err.Error(), "timeout") {
		t.Errorf("the silent connection after the shutdown: read %d bytes, %v; want it closed", n, err)
	}
}
