package rotator

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
)

// Generate is the strategy of a value that only Secrets Manager holds, such as an API token
// other systems read from the secret: each rotation puts a new password in it and nothing
// else is told (setSecret and testSecret do nothing).
//
// With Key empty, the value is the bare password. With Key set, the value is a JSON object
// whose Key holds the password: a rotation keeps the current value's other fields, and the
// first value (of a secret with none yet) is Template with the password added.
type Generate struct {
	// Template is the JSON object the first value is made from. If empty, it is {}.
	Template string
	// Key is the field that holds the password. If empty, the value is the bare password.
	Key string
}

// Create returns the pending value.
func (g Generate) Create(_ context.Context, current string, hasCurrent bool, password string) (string, error) {
	if g.Key == "" {
		return password, nil
	}
	base := current
	if !hasCurrent {
		base = g.Template
	}
	if base == "" {
		base = "{}"
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(base), &obj); err != nil || obj == nil {
		if !hasCurrent {
			return "", errors.New("the template is not a JSON object (template withheld)")
		}
		return "", errors.New("the AWSCURRENT value is not a JSON object (value withheld)")
	}
	quoted, err := json.Marshal(password)
	if err != nil {
		return "", fmt.Errorf("quoting the password: %w", errNoDetail)
	}
	obj[g.Key] = quoted
	b, err := json.Marshal(obj)
	if err != nil {
		return "", fmt.Errorf("writing the value: %w", errNoDetail)
	}
	return string(b), nil
}

// Set does nothing: only Secrets Manager holds the value.
func (Generate) Set(context.Context, Versions) error { return nil }

// Test does nothing: there is no service to sign in to.
func (Generate) Test(context.Context, string) error { return nil }

// errNoDetail stands for an error whose text could carry secret material.
var errNoDetail = errors.New("details withheld")
