package secrets

import (
	"errors"

	"github.com/pulumi/pulumi-random/sdk/v4/go/random"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// PasswordType is the Pulumi type token of the Password component.
const PasswordType = "secretsmith:secrets:Password"

// Password is a generated value for another use than a secret's value — a database's master
// password, an API key registered elsewhere — derived as a SecretStringGenerator's password
// is: with GetRandomPassword's semantics from a random seed that the state keeps encrypted,
// so it is the same on every run and changes only when the Password is replaced.
type Password struct {
	pulumi.ResourceState

	// Value is the password, always a Pulumi secret.
	Value pulumi.StringOutput `pulumi:"value"`
	// Seed is the random.RandomBytes "<name>-seed" the password is derived from.
	Seed *random.RandomBytes
}

// NewPassword generates a password with the options of g: PasswordLength, the Exclude
// options, IncludeSpace and RequireEachIncludedType, checked as NewSecret checks them. If g
// is nil, the password has 32 characters of every class but space. SecretStringTemplate and
// GenerateStringKey shape a secret's JSON value and are refused here: put the Password's
// Value in a secret with SecretObjectValue.
func NewPassword(ctx *pulumi.Context, name string, g *SecretStringGenerator, opts ...pulumi.ResourceOption) (*Password, error) {
	if g == nil {
		g = &SecretStringGenerator{}
	}
	gen, found := g.compile("Password")
	if g.SecretStringTemplate != "" || g.GenerateStringKey != "" {
		found = append(found, errors.New("Password takes no SecretStringTemplate or GenerateStringKey: it is the bare password; "+
			"put it in a secret with SecretObjectValue"))
	}
	if err := invalid(found); err != nil {
		return nil, err
	}
	p := &Password{}
	if err := ctx.RegisterComponentResource(PasswordType, name, p, opts...); err != nil {
		return nil, err
	}
	seed, err := random.NewRandomBytes(ctx, name+"-seed", &random.RandomBytesArgs{Length: pulumi.Int(seedLength)}, pulumi.Parent(p))
	if err != nil {
		return nil, err
	}
	p.Seed, p.Value = seed, programValue{generated: gen}.output(newSeedSource(seed))
	if err := ctx.RegisterResourceOutputs(p, pulumi.Map{"value": p.Value}); err != nil {
		return nil, err
	}
	return p, nil
}
