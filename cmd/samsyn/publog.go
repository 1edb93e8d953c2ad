package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// loadPublicationKey reads the Ed25519 key that signs the publication log
// from file (PEM, PKCS #8), making it on first start (mode 0600). Two
// processes starting at once make one key: the file is created exclusively
// and the loser reads the winner's.
func loadPublicationKey(file string) (ed25519.PrivateKey, error) {
	if k, err := readPublicationKey(file); !errors.Is(err, fs.ErrNotExist) {
		return k, err
	}
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
		return nil, fmt.Errorf("publication key: %w", err)
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return readPublicationKey(file)
	}
	if err != nil {
		return nil, fmt.Errorf("publication key: %w", err)
	}
	werr := pem.Encode(f, &pem.Block{Type: "PRIVATE KEY", Bytes: der})
	if err := errors.Join(werr, f.Sync(), f.Close()); err != nil {
		return nil, fmt.Errorf("publication key %s: %w", file, err)
	}
	return key, nil
}

func readPublicationKey(file string) (ed25519.PrivateKey, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	block, _ := pem.Decode(b)
	if block == nil || block.Type != "PRIVATE KEY" {
		return nil, fmt.Errorf("publication key %s: not a PEM private key", file)
	}
	k, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("publication key %s: %w", file, err)
	}
	key, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("publication key %s: not an Ed25519 key", file)
	}
	return key, nil
}

// repairPublicationLog appends the entries the stored statements call for
// and the log lacks, now and every five minutes until ctx ends (a stop
// between a statement's write and its entry loses nothing for long).
func (e *env) repairPublicationLog(ctx context.Context, s *stack) {
	repair := func() {
		if n, err := e.services(s).Publications.Repair(ctx); err != nil && ctx.Err() == nil {
			e.log.Warn("publication log repair", "err", err)
		} else if n > 0 {
			e.log.Info("publication log: appended missing entries", "count", n)
		}
	}
	repair()
	t := time.NewTicker(5 * time.Minute)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			repair()
		}
	}
}
