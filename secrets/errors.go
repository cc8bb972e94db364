package secrets

import (
	"errors"
	"strings"

	"github.com/secretsmith/secretsmith/internal/problems"
)

// errNoDetail stands in for an error whose text could quote secret material.
var errNoDetail = errors.New("details withheld because they could contain the secret value")

// invalid joins validation problems into one error, one "secrets: " line each, or returns
// nil when there are none.
func invalid(found []error) error { return problems.Join("secrets", found) }

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
