// Command multi-region is an example stack: a secret in the provider's region replicated to
// eu-west-1 and eu-central-1, each copy encrypted by a replica of one multi-region key, and a
// role that may read it in all three regions, decrypting each copy through that region's
// Secrets Manager only.
//
// Deploy it with `pulumi up` (the primary region is the aws:region config); `go test` runs
// it offline.
package main

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/replica"
	"github.com/secretsmith/secretsmith/secrets"
	"github.com/secretsmith/secretsmith/synth"
)

var replicaRegions = []string{"eu-west-1", "eu-central-1"}

func main() { synth.Main(program, nil) }

func program(ctx *pulumi.Context) error {
	providers := map[string]pulumi.ProviderResource{}
	for _, region := range replicaRegions {
		p, err := aws.NewProvider(ctx, region, &aws.ProviderArgs{Region: pulumi.String(region)})
		if err != nil {
			return err
		}
		providers[region] = p
	}
	keys, err := replica.NewKeys(ctx, "app-keys", &replica.KeysArgs{Regions: replicaRegions, Providers: providers})
	if err != nil {
		return err
	}
	s, err := secrets.NewSecret(ctx, "app", &secrets.SecretArgs{
		SecretName:     pulumi.String("app/config"),
		EncryptionKey:  keys.PrimaryARN,
		ReplicaRegions: keys.Regions(),
	})
	if err != nil {
		return err
	}
	reader, err := iam.NewRole(ctx, "reader", &iam.RoleArgs{
		AssumeRolePolicy: pulumi.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow",` +
			`"Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}`),
	})
	if err != nil {
		return err
	}
	if _, err := s.GrantRead(ctx, "reader-reads-app", grants.Role(reader)); err != nil {
		return err
	}
	ctx.Export("secretArn", s.ARN)
	ctx.Export("replicaArns", s.ReplicaARNs())
	return nil
}
