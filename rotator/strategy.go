package rotator

import "context"

// Strategy is what a rotation does to the service whose credential the secret holds.
// Values are the secret strings of the secret's versions; a Strategy must never put one in
// an error.
type Strategy interface {
	// Create returns the pending value: current with password in it (and, for alternating
	// users, the other user). hasCurrent is false only for a secret with no value yet.
	Create(ctx context.Context, current string, hasCurrent bool, password string) (string, error)
	// Set makes the service accept the pending value. It is retried and must succeed when
	// the service already accepts it.
	Set(ctx context.Context, v Versions) error
	// Test signs in to the service with the pending value.
	Test(ctx context.Context, pending string) error
}

// Versions are what setSecret knows of the secret.
type Versions struct {
	// Pending is the value under the rotation's token.
	Pending string
	// Current is the AWSCURRENT value.
	Current string
	// Previous is the AWSPREVIOUS value, or empty when the secret has none.
	Previous string
	// Read reads another secret's AWSCURRENT value, such as a master secret's, by ARN.
	Read func(ctx context.Context, secretID string) (string, error)
}
