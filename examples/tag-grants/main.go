// Command tag-grants is an example stack: a dozen service credentials of one team, in one
// SecretSet under one KMS key and rotated by one RotationScheduleSet, read by the team's application role through one grant by tag and rotated by
// one function through one grant by name prefix, so the policies keep their size however
// many secrets the team adds; an ops role writes three of them through one managed policy
// that names each.
//
// Deploy it with `pulumi up` (`pulumi config set secretCount 40` for more); `go test` runs
// it offline.
package main

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lambda"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/rotation"
	"github.com/secretsmith/secretsmith/secrets"
	"github.com/secretsmith/secretsmith/synth"
)

func main() { synth.Main(program, nil) }

func program(ctx *pulumi.Context) error {
	count := config.New(ctx, "").GetInt("secretCount")
	if count == 0 {
		count = 12
	}
	if count < 3 {
		return fmt.Errorf("secretCount must be at least 3 (the ops role writes the first three), got %d", count)
	}
	key, err := kms.NewKey(ctx, "payments", &kms.KeyArgs{
		Description: pulumi.String("payments team secrets"), EnableKeyRotation: pulumi.Bool(true),
	})
	if err != nil {
		return err
	}
	app, err := role(ctx, "payments-app", "ecs-tasks.amazonaws.com")
	if err != nil {
		return err
	}
	ops, err := role(ctx, "payments-ops", "ec2.amazonaws.com")
	if err != nil {
		return err
	}
	rotatorRole, err := role(ctx, "payments-rotator", "lambda.amazonaws.com")
	if err != nil {
		return err
	}
	fn, err := lambda.NewFunction(ctx, "payments-rotator", &lambda.FunctionArgs{
		Role: rotatorRole.Arn, Runtime: pulumi.String("python3.12"), Handler: pulumi.String("index.lambda_handler"),
		Timeout: pulumi.Int(30),
		// The custom-rotation example's function (AWS's rotation template): put your own here.
		Code: pulumi.NewFileArchive("../custom-rotation/function"),
	})
	if err != nil {
		return err
	}

	// Every secret of the team, by tag, with the key they use: one statement however many.
	team := grants.Tagged("team", "payments").EncryptedWith(key.Arn)
	read, err := grants.New(ctx, "app-reads-payments", grants.Role(app), grants.Read, team, grants.VersionStages("AWSCURRENT"))
	if err != nil {
		return err
	}
	// One function rotates them all: one policy on its role (by name prefix here) and one
	// permission for Secrets Manager.
	rotator, err := rotation.NewRotationFunction(ctx, "payments-rotator", &rotation.RotationFunctionArgs{
		Function: fn, Secrets: grants.NamePrefix("payments/").EncryptedWith(key.Arn),
	})
	if err != nil {
		return err
	}

	// The team's secrets in one component (one seed for all of them), rotated by the
	// function in one more: two registrations for the lot, not two per secret.
	declared := map[string]*secrets.SecretArgs{}
	for i := range count {
		name := fmt.Sprintf("service-%02d", i)
		declared[name] = &secrets.SecretArgs{
			SecretName:    pulumi.String("payments/" + name),
			EncryptionKey: key.Arn,
			Tags:          pulumi.StringMap{"team": pulumi.String("payments")},
			GenerateSecretString: &secrets.SecretStringGenerator{
				SecretStringTemplate: fmt.Sprintf(`{"username":%q}`, name),
				GenerateStringKey:    "password",
			},
			DenyAccountRootDelete: true,
		}
	}
	set, err := secrets.NewSecretSet(ctx, "payments", &secrets.SecretSetArgs{Secrets: declared})
	if err != nil {
		return err
	}
	if _, err := rotation.NewRotationScheduleSet(ctx, "payments-rotation", &rotation.RotationScheduleSetArgs{
		Secrets: set.References(), RotationFunction: rotator,
	}); err != nil {
		return err
	}
	var first []grants.Target
	for i := range 3 {
		first = append(first, set.Secrets[fmt.Sprintf("service-%02d", i)])
	}
	// Exact secrets, many in one grant: one statement names each ARN.
	write, err := grants.New(ctx, "ops-writes-first", grants.Role(ops), grants.Write, grants.Secrets(first...), grants.ManagedPolicy())
	if err != nil {
		return err
	}
	ctx.Export("firstSecretArn", first[0].ARNForPolicies())
	ctx.Export("appReadPolicy", read.Document)
	ctx.Export("rotatorPolicy", rotator.Grant.Document)
	ctx.Export("opsWritePolicy", write.Document)
	return nil
}

// role is an IAM role that service can assume.
func role(ctx *pulumi.Context, name, service string) (*iam.Role, error) {
	return iam.NewRole(ctx, name, &iam.RoleArgs{AssumeRolePolicy: pulumi.String(
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"` + service + `"},"Action":"sts:AssumeRole"}]}`)})
}
