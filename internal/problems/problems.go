// Package problems turns the problems found in a component's arguments into one error: a
// line per problem, each led by where it was found ("secrets", "grants: app-read").
package problems

import (
	"errors"
	"fmt"
	"strconv"
)

// Join returns nil when there are no problems, else one error whose lines are
// "<prefix>: <problem>", in order. Each problem stays wrapped.
func Join(prefix string, problems []error) error {
	if len(problems) == 0 {
		return nil
	}
	lines := make([]error, len(problems))
	for i, p := range problems {
		lines[i] = fmt.Errorf("%s: %w", prefix, p)
	}
	return errors.Join(lines...)
}

// Entry is where the entry key of the map field is, for a problem's lead: Secrets["db"].
func Entry(field, key string) string { return field + "[" + strconv.Quote(key) + "]" }
