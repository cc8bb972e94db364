package main

import (
	"fmt"
	"sort"

	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/problems"
	"github.com/secretsmith/secretsmith/secrets"
)

// SecretSetArgs are secrets.SecretSetArgs on the wire.
type SecretSetArgs struct {
	Secrets map[string]SecretArgs `pulumi:"secrets"`
}

// Annotate documents the arguments.
func (a *SecretSetArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.Secrets, "The set's secrets by key, each declared as a Secret's arguments. A key names the secret's resources as a Secret's name does (<key>-secret, <key>-version, <key>-policy) and keys its share of the set's seed, so a secret keeps its generated value when others join or leave the set. At least one is required.")
}

// SecretSet is the secretsmith:secrets:SecretSet component: secrets.SecretSet with its
// outputs.
type SecretSet struct {
	*secrets.SecretSet
	// ARNs shadows the Go component's field: the construct result reads only the wrapper's
	// own.
	ARNs pulumi.StringMapOutput `pulumi:"arns"`
}

// Annotate documents the component and its outputs.
func (s *SecretSet) Annotate(an infer.Annotator) {
	embedded(&s.SecretSet)
	an.SetToken("secrets", "SecretSet")
	an.Describe(s, "Many Secrets Manager secrets the program owns, in one component: each with a Secret's resources, as children of the set, and one random seed for the set that every generated value derives from.")
	an.Describe(&s.ARNs, "Each key's secret's complete ARN.")
}

// newSecretSet constructs the component from its wire arguments.
func newSecretSet(ctx *pulumi.Context, name string, args SecretSetArgs, opts ...pulumi.ResourceOption) (*SecretSet, error) {
	keys := make([]string, 0, len(args.Secrets))
	for k := range args.Secrets {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	declared := make(map[string]*secrets.SecretArgs, len(keys))
	var found []error
	for _, k := range keys {
		goArgs, bad := args.Secrets[k].toGo()
		for _, p := range bad {
			found = append(found, fmt.Errorf("%s: %w", problems.Entry("Secrets", k), p))
		}
		declared[k] = goArgs
	}
	if err := problems.Join("secrets", found); err != nil {
		return nil, err
	}
	s, err := secrets.NewSecretSet(ctx, name, &secrets.SecretSetArgs{Secrets: declared}, opts...)
	if err != nil {
		return nil, err
	}
	return &SecretSet{SecretSet: s, ARNs: s.ARNs}, nil
}
