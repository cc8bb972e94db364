// Command cross-account is an example stack: a secret shared with another account. The
// secret is encrypted with a customer managed key (the AWS managed key cannot be shared), its
// one resource policy lets the other account read the current version, and the other account
// gets a KMS grant to decrypt it through Secrets Manager.
//
// Deploy it with `pulumi config set consumerAccountId 222222222222` and `pulumi up`; `go test`
// runs it offline.
package main

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/secrets"
	"github.com/secretsmith/secretsmith/synth"
)

// offline is the config of the offline plan (`go run . synth`) and its test: placeholders
// for what `pulumi config` sets.
var offline = map[string]string{"project:consumerAccountId": "222222222222"}

func main() { synth.Main(program, offline) }

func program(ctx *pulumi.Context) error {
	consumer := config.New(ctx, "").Require("consumerAccountId")
	key, err := kms.NewKey(ctx, "shared-key", &kms.KeyArgs{
		Description:       pulumi.String("encrypts secrets shared with " + consumer),
		EnableKeyRotation: pulumi.Bool(true),
	})
	if err != nil {
		return err
	}
	shared, err := secrets.NewSecret(ctx, "shared", &secrets.SecretArgs{
		SecretName:    pulumi.String("shared/partner-api"),
		EncryptionKey: key.Arn,
		ResourcePolicy: []grants.Statement{
			grants.AllowRead(grants.Account(consumer), grants.VersionStages("AWSCURRENT")),
		},
		DenyAccountRootDelete: true,
	})
	if err != nil {
		return err
	}
	ctx.Export("sharedSecretArn", shared.ARN)
	ctx.Export("sharedKeyArn", key.Arn)
	return nil
}
