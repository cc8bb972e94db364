package replica_test

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/pulumitest"
	"github.com/secretsmith/secretsmith/replica"
	"github.com/secretsmith/secretsmith/secrets"
)

// A secret replicated to two regions, each replica encrypted with the replica of a
// multi-region key made there with that region's provider.
func ExampleNewKeys() {
	program := func(ctx *pulumi.Context) error {
		providers := map[string]pulumi.ProviderResource{}
		for _, region := range []string{"eu-west-1", "eu-central-1"} {
			p, err := aws.NewProvider(ctx, region, &aws.ProviderArgs{Region: pulumi.String(region)})
			if err != nil {
				return err
			}
			providers[region] = p
		}
		keys, err := replica.NewKeys(ctx, "db-keys", &replica.KeysArgs{
			Regions:   []string{"eu-west-1", "eu-central-1"},
			Providers: providers,
		})
		if err != nil {
			return err
		}
		db, err := secrets.NewSecret(ctx, "db", &secrets.SecretArgs{
			EncryptionKey:  keys.PrimaryARN,
			ReplicaRegions: keys.Regions(),
		})
		if err != nil {
			return err
		}
		ctx.Export("replicaArns", db.ReplicaARNs())
		return nil
	}
	m := pulumitest.New()
	if err := m.Run(program); err != nil {
		fmt.Println(err)
	}
	for _, r := range m.ByType("aws:kms/replicaKey:ReplicaKey") {
		fmt.Println(r.Name, "via provider", r.Provider[len("urn:pulumi:stack::project::pulumi:providers:aws::"):])
	}
	// Output:
	// db-keys-eu-central-1 via provider eu-central-1::eu-central-1-id
	// db-keys-eu-west-1 via provider eu-west-1::eu-west-1-id
}
