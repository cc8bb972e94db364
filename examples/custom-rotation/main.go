// Command custom-rotation is an example stack: an API credential rotated weekly by the
// project's own Lambda function. secretsmith lets Secrets Manager invoke the function for
// this account only (the permission's SourceAccount) and gives the function's role exactly
// the access rotation needs on the secret.
//
// Deploy it with `pulumi up`; `go test` runs it offline. The function (function/index.py)
// is AWS's rotation template for a credential with nothing else to change: write its
// setSecret and testSecret for your service.
package main

import (
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lambda"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/rotation"
	"github.com/secretsmith/secretsmith/secrets"
	"github.com/secretsmith/secretsmith/synth"
)

func main() { synth.Main(program, nil) }

func program(ctx *pulumi.Context) error {
	role, err := iam.NewRole(ctx, "rotator", &iam.RoleArgs{
		AssumeRolePolicy: pulumi.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow",` +
			`"Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`),
	})
	if err != nil {
		return err
	}
	fn, err := lambda.NewFunction(ctx, "rotator", &lambda.FunctionArgs{
		Role:    role.Arn,
		Runtime: pulumi.String("python3.12"),
		Handler: pulumi.String("index.lambda_handler"),
		Timeout: pulumi.Int(30),
		Code:    pulumi.NewFileArchive("function"),
	})
	if err != nil {
		return err
	}
	api, err := secrets.NewSecret(ctx, "api", &secrets.SecretArgs{
		Description:           pulumi.String("third-party API credential, rotated by our own function"),
		DenyAccountRootDelete: true,
	})
	if err != nil {
		return err
	}
	if _, err := rotation.NewRotationSchedule(ctx, "api-rotation", &rotation.RotationScheduleArgs{
		Secret:             api,
		RotationLambda:     fn,
		AutomaticallyAfter: 7 * 24 * time.Hour,
	}); err != nil {
		return err
	}
	ctx.Export("apiSecretArn", api.ARN)
	ctx.Export("rotationFunction", fn.Name)
	return nil
}
