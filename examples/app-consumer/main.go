// Command app-consumer is an example stack: a Lambda function that reads an API credential
// from Secrets Manager. The function gets the secret's ARN in its environment (never the
// value) and read access to exactly that secret's current version; its code, in app/, reads
// the value at run time and caches it for five minutes, so a rotated value reaches it within
// that time.
//
// Deploy it with `pulumi up` after building the app (see the README); `go test` runs it
// offline.
package main

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lambda"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/secrets"
	"github.com/secretsmith/secretsmith/synth"
)

func main() { synth.Main(program, nil) }

func program(ctx *pulumi.Context) error {
	api, err := secrets.NewSecret(ctx, "api", &secrets.SecretArgs{
		Description: pulumi.String("third-party API credential of the consumer function"),
		GenerateSecretString: &secrets.SecretStringGenerator{
			SecretStringTemplate: `{"client":"consumer"}`,
			GenerateStringKey:    "token",
			PasswordLength:       40,
			ExcludePunctuation:   true,
		},
	})
	if err != nil {
		return err
	}
	role, err := iam.NewRole(ctx, "consumer", &iam.RoleArgs{
		AssumeRolePolicy: pulumi.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow",` +
			`"Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`),
	})
	if err != nil {
		return err
	}
	// Logs to CloudWatch, as every function needs.
	if _, err := iam.NewRolePolicyAttachment(ctx, "consumer-logs", &iam.RolePolicyAttachmentArgs{
		Role: role.Name, PolicyArn: pulumi.String("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"),
	}); err != nil {
		return err
	}
	// The current version only: the function has no business with AWSPREVIOUS.
	if _, err := api.GrantRead(ctx, "consumer-reads-api", grants.Role(role), grants.VersionStages("AWSCURRENT")); err != nil {
		return err
	}
	fn, err := lambda.NewFunction(ctx, "consumer", &lambda.FunctionArgs{
		Role:          role.Arn,
		Runtime:       pulumi.String("provided.al2023"),
		Architectures: pulumi.ToStringArray([]string{"arm64"}),
		Handler:       pulumi.String("bootstrap"),
		Code:          code(ctx),
		Environment: &lambda.FunctionEnvironmentArgs{
			Variables: pulumi.StringMap{"SECRET_ARN": api.ARN},
		},
	})
	if err != nil {
		return err
	}
	ctx.Export("apiSecretArn", api.ARN)
	ctx.Export("function", fn.Name)
	return nil
}

// code is the app's build, app/bootstrap, when `pulumi config set appBinary
// app/bootstrap` says it was built; else a placeholder that does nothing.
func code(ctx *pulumi.Context) pulumi.Archive {
	if path := config.New(ctx, "").Get("appBinary"); path != "" {
		return pulumi.NewAssetArchive(map[string]any{"bootstrap": pulumi.NewFileAsset(path)})
	}
	return pulumi.NewAssetArchive(map[string]any{"bootstrap": pulumi.NewStringAsset("#!/bin/sh\n")})
}
