package replica_test

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/replica"
	"github.com/secretsmith/secretsmith/secrets"
	"github.com/secretsmith/secretsmith/synth"
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
	resources, err := synth.Plan(program, synth.Deployed())
	if err != nil {
		fmt.Println(err)
	}
	for _, r := range resources {
		if r.Type == "aws:kms/replicaKey:ReplicaKey" {
			fmt.Println(r.Name, r.Options)
		}
	}
	// Output:
	// db-keys-eu-central-1 [provider=eu-central-1 dependsOn=db-keys-primary]
	// db-keys-eu-west-1 [provider=eu-west-1 dependsOn=db-keys-primary]
}
