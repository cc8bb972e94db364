package secrets

import (
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/pulumi/pulumi-random/sdk/v4/go/random"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/problems"
)

// SecretSetType is the Pulumi type token of the SecretSet component.
const SecretSetType = "secretsmith:secrets:SecretSet"

// SecretSetArgs are the arguments of NewSecretSet.
type SecretSetArgs struct {
	// Secrets are the set's secrets by key, each declared as NewSecret's args (nil for
	// NewSecret's defaults). A key stands for a secret as NewSecret's name does: its
	// children are "<key>-secret", "<key>-version" and "<key>-policy", so keys must be unique
	// among the stack's secrets, and it keys the secret's share of the set's seed, so a
	// secret keeps its generated value when others join or leave the set. At least one is
	// required.
	Secrets map[string]*SecretArgs
}

// SecretSet is many secrets owned by the program as one component resource: each secret's
// resources are those of a Secret (aws.secretsmanager.Secret, SecretVersion, SecretPolicy,
// kms.Grant), children of the set, and the generated and merged values of them all derive
// from one random.RandomBytes seed. It is for programs with hundreds or thousands of
// secrets: a Secret costs one component registration and one seed each, a set one in all,
// so a set registers fewer resources than the same secrets written by hand (BENCHMARKS.md).
// The set's secrets are Owned values: grants, rotation (rotation.NewRotationScheduleSet)
// and imports take them as they take a Secret. As a Pulumi resource (Parent, DependsOn),
// use the set: its secrets are not resources of their own.
//
// A secret's value is HMAC-SHA256 of the set's seed and its key, then generated from that
// as a Secret's from its own seed; replacing the seed (pulumi up --replace on it) gives
// every secret of the set a new value at once. One secret moves to a new value with a new
// generator option, or by rotation.
type SecretSet struct {
	pulumi.ResourceState

	// ARNs maps each key to its secret's complete ARN.
	ARNs pulumi.StringMapOutput `pulumi:"arns"`
	// Secrets are the set's secrets by key.
	Secrets map[string]*Owned
	// Seed is the random.RandomBytes "<name>-seed" that the generated and merged values
	// derive from; nil when no secret of the set has one.
	Seed *random.RandomBytes
}

// NewSecretSet creates the secrets of args.Secrets in one component. It validates every
// secret before registering anything and reports every problem at once, each led by its
// secret's key (`Secrets["key"]: `); what is known only once deployed is checked then, as
// for NewSecret.
func NewSecretSet(ctx *pulumi.Context, name string, args *SecretSetArgs, opts ...pulumi.ResourceOption) (*SecretSet, error) {
	if args == nil || len(args.Secrets) == 0 {
		return nil, invalid([]error{errors.New("Secrets must hold at least one secret")})
	}
	keys := make([]string, 0, len(args.Secrets))
	for k := range args.Secrets {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	secrets := make([]*SecretArgs, len(keys))
	plans := make([]*valuePlan, len(keys))
	ats := make([]string, len(keys)) // where each secret is in args, leading its problems
	var found []error
	gens := generators{} // secrets that generate alike compile once
	for i, k := range keys {
		at := problems.Entry("Secrets", k)
		ats[i] = at
		if k == "" {
			found = append(found, fmt.Errorf("%s: the key must not be empty: it names the secret's resources", at))
			continue
		}
		if secrets[i] = args.Secrets[k]; secrets[i] == nil {
			secrets[i] = &SecretArgs{}
		}
		v, bad := planKnown(secrets[i], gens)
		for _, p := range bad {
			found = append(found, fmt.Errorf("%s: %w", at, p))
		}
		plans[i] = v
	}
	if err := invalid(found); err != nil {
		return nil, err
	}

	set := &SecretSet{Secrets: make(map[string]*Owned, len(keys))}
	if err := ctx.RegisterComponentResource(SecretSetType, name, set, opts...); err != nil {
		return nil, err
	}
	seed := sync.OnceValues(func() (seedSource, error) {
		r, err := random.NewRandomBytes(ctx, name+"-seed", &random.RandomBytesArgs{Length: pulumi.Int(seedLength)}, pulumi.Parent(set))
		if err != nil {
			return seedSource{}, err
		}
		set.Seed = r
		return newSeedSource(r), nil
	})
	facts := askProvider(ctx, set)
	facts.shareDenyRootDelete()
	arns, registered := make(pulumi.StringMap, len(keys)), make(pulumi.StringMap, len(keys))
	for i, k := range keys {
		s := &Owned{ctx: ctx, name: k, parent: set, at: ats[i]}
		share := func() (seedSource, error) {
			all, err := seed()
			return all.share(k), err
		}
		if err := planSecret(s, secrets[i], plans[i], facts).register(share); err != nil {
			return nil, err
		}
		set.Secrets[k], arns[k], registered[k] = s, s.ARN, s.registeredARN()
	}
	set.ARNs = arns.ToStringMapOutput()
	if err := ctx.RegisterResourceOutputs(set, pulumi.Map{"arns": registered}); err != nil {
		return nil, err
	}
	return set, nil
}

// References are the set's secrets as References, by key: the Secrets of
// rotation.RotationScheduleSetArgs, say.
func (s *SecretSet) References() map[string]Reference {
	out := make(map[string]Reference, len(s.Secrets))
	for k, o := range s.Secrets {
		out[k] = o
	}
	return out
}
