package rotator

import (
	"crypto/rand"
	"fmt"

	"github.com/secretsmith/secretsmith/internal/password"
)

// PasswordOptions are Secrets Manager's GetRandomPassword parameters, which
// secrets.SecretStringGenerator also has: passwords made here follow the same rules. A zero
// Length is 32; a nil RequireEachIncludedType is true.
type PasswordOptions = password.Request

// Passwords makes new passwords with fixed options.
type Passwords struct {
	alphabet *password.Alphabet
}

// NewPasswords checks o and returns a maker of passwords with those options; the error
// lists every problem.
func NewPasswords(o PasswordOptions) (*Passwords, error) {
	a, err := o.Compile()
	if err != nil {
		return nil, fmt.Errorf("rotator: password options: %w", err)
	}
	return &Passwords{alphabet: a}, nil
}

// New returns a new password, drawn from 32 bytes of crypto/rand.
func (p *Passwords) New() (string, error) {
	seed := make([]byte, 32)
	if _, err := rand.Read(seed); err != nil {
		return "", fmt.Errorf("reading random bytes: %w", err)
	}
	return p.alphabet.Generate(seed), nil
}
