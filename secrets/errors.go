package secrets

import (
	"errors"
	"strings"
)

// errNoDetail stands in for an error whose text could quote secret material.
var errNoDetail = errors.New("details withheld because they could contain the secret value")

// invalid joins validation problems into one error, one "secrets: " line each, or returns
// nil when there are none.
func invalid(problems []error) error {
	if len(problems) == 0 {
		return nil
	}
	lines := make([]error, len(problems))
	for i, p := range problems {
		lines[i] = errors.New("secrets: " + p.Error())
	}
	return errors.Join(lines...)
}

// prefixed splits a joined error into its parts and puts path and a dot before each; the
// parts must start with a field name.
func prefixed(path string, err error) []error {
	var parts []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		parts = j.Unwrap()
	} else {
		parts = []error{err}
	}
	out := make([]error, len(parts))
	for i, p := range parts {
		out[i] = errors.New(path + "." + strings.TrimSpace(p.Error()))
	}
	return out
}
