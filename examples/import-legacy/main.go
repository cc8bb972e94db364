// Command import-legacy is an example stack: three secrets made outside Pulumi, imported
// the three ways secretsmith offers, read by one application role, and one of them rotated
// by a function that exists already. Imports create nothing: the stack adds the role, its
// grants and the rotation.
//
// Deploy it with `pulumi config set legacyName ...`, `legacyPartialArn`, `sharedName` and
// `rotationFunctionArn`, then `pulumi up`; `go test` runs it offline.
package main

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/rotation"
	"github.com/secretsmith/secretsmith/secrets"
	"github.com/secretsmith/secretsmith/synth"
)

// offline is the config of the offline plan (`go run . synth`) and its test: placeholders
// for what `pulumi config` sets.
var offline = map[string]string{
	"project:legacyName":          "legacy/db",
	"project:legacyPartialArn":    "arn:aws:secretsmanager:us-east-1:123456789012:secret:legacy/api",
	"project:sharedName":          "shared/signing-key",
	"project:rotationFunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:rotate-signing-key",
}

func main() { synth.Main(program, offline) }

func program(ctx *pulumi.Context) error {
	cfg := config.New(ctx, "")
	// By name: the partial ARN is built from the provider's partition, region and account;
	// grants name it followed by "-??????".
	db, err := secrets.FromSecretName(ctx, "legacy-db", pulumi.String(cfg.Require("legacyName")))
	if err != nil {
		return err
	}
	// By partial ARN (an ARN without the 6-character suffix), likewise.
	api, err := secrets.FromSecretPartialARN(ctx, "legacy-api", pulumi.String(cfg.Require("legacyPartialArn")))
	if err != nil {
		return err
	}
	// Looked up: Secrets Manager gives the complete ARN and the key, so grants are exact.
	shared, err := secrets.LookupSecret(ctx, "shared", pulumi.String(cfg.Require("sharedName")))
	if err != nil {
		return err
	}
	app, err := iam.NewRole(ctx, "legacy-app", &iam.RoleArgs{
		AssumeRolePolicy: pulumi.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow",` +
			`"Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":"sts:AssumeRole"}]}`),
	})
	if err != nil {
		return err
	}
	for name, s := range map[string]secrets.Reference{"legacy-db": db, "legacy-api": api, "shared": shared} {
		if _, err := s.GrantRead(ctx, name+"-read", grants.Role(app)); err != nil {
			return err
		}
	}
	if _, err := rotation.NewRotationSchedule(ctx, "shared-rotation", &rotation.RotationScheduleArgs{
		Secret:            shared,
		RotationLambdaARN: pulumi.String(cfg.Require("rotationFunctionArn")),
	}); err != nil {
		return err
	}
	ctx.Export("appRoleArn", app.Arn)
	ctx.Export("sharedSecretArn", shared.SecretARN())
	return nil
}
