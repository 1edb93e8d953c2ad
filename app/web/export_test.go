package web_test

import "github.com/samsyn/samsyn/app"

func hashOf(secret string) string { return app.HashSecret(secret) }
