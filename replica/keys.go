package replica

import (
	"errors"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/arn"
	"github.com/secretsmith/secretsmith/internal/problems"
)

// KeysType is the Pulumi type token of the Keys component.
const KeysType = "secretsmith:replica:Keys"

// KeysArgs are the arguments of NewKeys.
type KeysArgs struct {
	// Regions are the replica regions that get a replica of the key. Required.
	Regions []string `pulumi:"regions"`
	// Providers maps each replica region to the AWS provider for that region. Required for
	// every region in Regions.
	Providers map[string]pulumi.ProviderResource `pulumi:"-"`
	// Description describes the keys. If nil, they have none.
	Description pulumi.StringInput `pulumi:"description"`
	// DeletionWindowInDays is the waiting period, 7 to 30 days, before a deleted key is
	// destroyed. If nil, KMS waits 30 days.
	DeletionWindowInDays *int `pulumi:"deletionWindowInDays"`
}

// Keys is a multi-region KMS key in the primary region, with automatic key rotation on, and
// a kms.ReplicaKey of it in each replica region, each created with the provider given for
// that region (beyond CDK, aws-cdk #29819). Feed Regions() to SecretArgs.ReplicaRegions and
// PrimaryARN to SecretArgs.EncryptionKey.
type Keys struct {
	pulumi.ResourceState

	// PrimaryARN is the ARN of the primary key.
	PrimaryARN pulumi.StringOutput `pulumi:"primaryArn"`
	// ReplicaARNs maps each replica region to the ARN of the key's replica there.
	ReplicaARNs map[string]pulumi.StringOutput `pulumi:"-"`
	// Primary is the primary kms.Key.
	Primary *kms.Key
	// Replicas maps each replica region to its kms.ReplicaKey.
	Replicas map[string]*kms.ReplicaKey

	regions []string
}

// NewKeys creates the primary key "<name>-primary", with the component's provider (opts),
// and the replica "<name>-<region>" in each region with Providers[region].
func NewKeys(ctx *pulumi.Context, name string, args *KeysArgs, opts ...pulumi.ResourceOption) (*Keys, error) {
	if args == nil {
		args = &KeysArgs{}
	}
	var found []error
	if len(args.Regions) == 0 {
		found = append(found, errors.New("Regions must name at least one replica region"))
	}
	seen := map[string]bool{}
	for i, r := range args.Regions {
		switch {
		case !arn.IsRegion(r):
			found = append(found, fmt.Errorf("Regions[%d] must be a region name such as eu-west-1, got %q", i, r))
		case seen[r]:
			found = append(found, fmt.Errorf("Regions[%d] %q is listed twice", i, r))
		case args.Providers[r] == nil:
			found = append(found, fmt.Errorf("Providers has no provider for region %q: give an aws.Provider with Region %q", r, r))
		}
		seen[r] = true
	}
	if w := args.DeletionWindowInDays; w != nil && (*w < 7 || *w > 30) {
		found = append(found, fmt.Errorf("DeletionWindowInDays must be between 7 and 30, got %d", *w))
	}
	if err := problems.Join("replica: "+name, found); err != nil {
		return nil, err
	}

	k := &Keys{ReplicaARNs: map[string]pulumi.StringOutput{}, Replicas: map[string]*kms.ReplicaKey{}, regions: args.Regions}
	if err := ctx.RegisterComponentResource(KeysType, name, k, opts...); err != nil {
		return nil, err
	}
	var window pulumi.IntPtrInput
	if args.DeletionWindowInDays != nil {
		window = pulumi.IntPtr(*args.DeletionWindowInDays)
	}
	var description pulumi.StringPtrInput
	if args.Description != nil {
		description = args.Description.ToStringOutput().ToStringPtrOutput()
	}
	// The primary's region is the provider's: a replica there would fail in AWS, so it
	// fails here first, in preview already.
	ownRegion := aws.GetRegionOutput(ctx, aws.GetRegionOutputArgs{}, pulumi.Parent(k)).Name().ApplyT(func(p string) ([]pulumi.Resource, error) {
		var found []error
		for i, r := range args.Regions {
			if r == p {
				found = append(found, fmt.Errorf("Regions[%d] %q is the primary key's region: a key cannot be replicated to its own region", i, r))
			}
		}
		return nil, problems.Join("replica: "+name, found)
	}).(pulumi.ResourceArrayOutput)
	primary, err := kms.NewKey(ctx, name+"-primary", &kms.KeyArgs{
		MultiRegion:          pulumi.Bool(true),
		EnableKeyRotation:    pulumi.Bool(true),
		Description:          description,
		DeletionWindowInDays: window,
	}, pulumi.Parent(k), pulumi.DependsOnInputs(ownRegion))
	if err != nil {
		return nil, err
	}
	k.Primary, k.PrimaryARN = primary, primary.Arn
	outputs := pulumi.Map{"primaryArn": primary.Arn}
	for _, r := range args.Regions {
		rk, err := kms.NewReplicaKey(ctx, name+"-"+r, &kms.ReplicaKeyArgs{
			PrimaryKeyArn:        primary.Arn,
			Description:          description,
			DeletionWindowInDays: window,
		}, pulumi.Parent(k), pulumi.Provider(args.Providers[r]))
		if err != nil {
			return nil, err
		}
		k.Replicas[r], k.ReplicaARNs[r] = rk, rk.Arn
		outputs[r] = rk.Arn
	}
	if err := ctx.RegisterResourceOutputs(k, outputs); err != nil {
		return nil, err
	}
	return k, nil
}

// Regions returns the replica regions with their keys, in the order given, for
// SecretArgs.ReplicaRegions.
func (k *Keys) Regions() []Region {
	out := make([]Region, len(k.regions))
	for i, r := range k.regions {
		out[i] = Region{Region: r, EncryptionKey: k.ReplicaARNs[r]}
	}
	return out
}
