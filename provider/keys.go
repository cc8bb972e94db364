package main

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/replica"
)

// KeysArgs are replica.KeysArgs on the wire. Providers are *aws.Provider, not
// pulumi.ProviderResource: the SDK hydrates a provider reference into an *aws.Provider and
// assigns only to a destination its struct type is assignable to.
type KeysArgs struct {
	Regions              []string                 `pulumi:"regions"`
	Providers            map[string]*aws.Provider `pulumi:"providers" provider:"type=aws@6.83.4:index:Provider"`
	Description          pulumi.StringInput       `pulumi:"description,optional"`
	DeletionWindowInDays *int                     `pulumi:"deletionWindowInDays,optional"`
}

// Annotate documents the arguments.
func (a *KeysArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.Regions, `The replica regions, such as ["eu-west-1", "eu-central-1"]; the primary key is in the provider's region.`)
	an.Describe(&a.Providers, "An explicit AWS provider for each region of regions, which makes that region's replica key.")
	an.Describe(&a.Description, "The keys' description. If left out, one naming the component.")
	an.Describe(&a.DeletionWindowInDays, "Days before a deleted key is gone, 7 to 30. If left out, 30.")
}

// Keys is the secretsmith:replica:Keys component.
type Keys struct {
	*replica.Keys
	// PrimaryARN shadows the Go component's field: the construct result reads only the
	// wrapper's own.
	PrimaryARN pulumi.StringOutput `pulumi:"primaryArn"`
	// ReplicaARNs maps each region to its replica key's ARN.
	ReplicaARNs pulumi.StringMapOutput `pulumi:"replicaArns"`
}

// Annotate documents the component.
func (k *Keys) Annotate(an infer.Annotator) {
	embedded(&k.Keys)
	an.SetToken("replica", "Keys")
	an.Describe(k, "A multi-region KMS key in the provider's region, with key rotation on, and a replica of it in each region: pass primaryArn as a Secret's encryptionKey and replicaArns[region] as each replica region's.")
	an.Describe(&k.PrimaryARN, "The primary key's ARN.")
	an.Describe(&k.ReplicaARNs, "Each region's replica key ARN.")
}

// newKeys constructs the component from its wire arguments.
func newKeys(ctx *pulumi.Context, name string, args KeysArgs, opts ...pulumi.ResourceOption) (*Keys, error) {
	providers := map[string]pulumi.ProviderResource{}
	for region, p := range args.Providers {
		providers[region] = p
	}
	k, err := replica.NewKeys(ctx, name, &replica.KeysArgs{
		Regions: args.Regions, Providers: providers, Description: args.Description, DeletionWindowInDays: args.DeletionWindowInDays,
	}, opts...)
	if err != nil {
		return nil, err
	}
	arns := pulumi.StringMap{}
	for region, a := range k.ReplicaARNs {
		arns[region] = a
	}
	return &Keys{Keys: k, PrimaryARN: k.PrimaryARN, ReplicaARNs: arns.ToStringMapOutput()}, nil
}
