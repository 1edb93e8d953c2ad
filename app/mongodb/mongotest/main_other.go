//go:build !unix

package mongotest

import "errors"

// ramDir is "": no RAM-backed directory is known here.
func ramDir() string { return "" }

// lockDir cannot lock where flock is missing; Main then leaves the tests'
// files where they are.
func lockDir(string) (unlock func(), ok bool, err error) {
	return nil, false, errors.New("no flock here")
}
