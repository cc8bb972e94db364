package grants_test

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/replica"
	"github.com/secretsmith/secretsmith/secrets"
	"github.com/secretsmith/secretsmith/synth"
)

// A grant on a replicated secret covers every replica, each with its region's key through
// that region's Secrets Manager; grants.PrimaryOnly() would leave the replicas out.
func ExampleNew_replicas() {
	resources, err := synth.Plan(func(ctx *pulumi.Context) error {
		role, err := iam.NewRole(ctx, "app", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(`{"Version":"2012-10-17","Statement":[]}`)})
		if err != nil {
			return err
		}
		db, err := secrets.NewSecret(ctx, "db", &secrets.SecretArgs{
			SecretName: pulumi.String("prod/db"),
			ReplicaRegions: []replica.Region{
				{Region: "eu-west-1", EncryptionKey: pulumi.String("arn:aws:kms:eu-west-1:123456789012:key/eu")},
			},
		})
		if err != nil {
			return err
		}
		_, err = db.GrantRead(ctx, "app-read", grants.Role(role))
		return err
	}, synth.Deployed())
	if err != nil {
		fmt.Println(err)
	}
	p, _ := synth.Find(resources, "aws:iam/rolePolicy:RolePolicy", "app-read-policy")
	fmt.Println(p.Input("policy"))
	// Output:
	// {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["secretsmanager:GetSecretValue","secretsmanager:DescribeSecret"],"Resource":["arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-arpMD2","arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-arpMD2"]},{"Effect":"Allow","Action":["kms:Decrypt"],"Resource":["arn:aws:kms:eu-west-1:123456789012:key/eu"],"Condition":{"StringEquals":{"kms:ViaService":["secretsmanager.eu-west-1.amazonaws.com"]}}}]}
}

// Principals outside the program get access through the secret's resource policy.
func ExampleAllowRead() {
	stmt := grants.AllowRead(grants.Account("222222222222"), grants.VersionStages("AWSCURRENT"))
	fmt.Println(stmt.Actions, stmt.Conditions)
	// Output:
	// [secretsmanager:GetSecretValue secretsmanager:DescribeSecret] map[ForAnyValue:StringEquals:map[secretsmanager:VersionStage:[AWSCURRENT]]]
}

// One grant on every secret tagged team=payments, however many there are, with the key
// they use: its document keeps one size.
func ExampleTagged() {
	resources, err := synth.Plan(func(ctx *pulumi.Context) error {
		role, err := iam.NewRole(ctx, "app", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(`{"Version":"2012-10-17","Statement":[]}`)})
		if err != nil {
			return err
		}
		_, err = grants.New(ctx, "app-reads-payments", grants.Role(role), grants.Read,
			grants.Tagged("team", "payments").EncryptedWith(pulumi.String("arn:aws:kms:us-east-1:123456789012:key/payments")))
		return err
	}, synth.Deployed())
	if err != nil {
		fmt.Println(err)
	}
	p, _ := synth.Find(resources, "aws:iam/rolePolicy:RolePolicy", "app-reads-payments-policy")
	fmt.Println(p.Input("policy"))
	// Output:
	// {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["secretsmanager:GetSecretValue","secretsmanager:DescribeSecret"],"Resource":["arn:aws:secretsmanager:us-east-1:123456789012:secret:*"],"Condition":{"StringEquals":{"secretsmanager:ResourceTag/team":["payments"]}}},{"Effect":"Allow","Action":["kms:Decrypt"],"Resource":["arn:aws:kms:us-east-1:123456789012:key/payments"],"Condition":{"StringEquals":{"kms:ViaService":["secretsmanager.us-east-1.amazonaws.com"]}}}]}
}

// One grant on several secrets, owned and imported: one statement names every ARN.
func ExampleSecrets() {
	resources, err := synth.Plan(func(ctx *pulumi.Context) error {
		role, err := iam.NewRole(ctx, "app", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(`{"Version":"2012-10-17","Statement":[]}`)})
		if err != nil {
			return err
		}
		db, err := secrets.NewSecret(ctx, "db", &secrets.SecretArgs{SecretName: pulumi.String("prod/db")})
		if err != nil {
			return err
		}
		legacy, err := secrets.FromSecretName(ctx, "legacy", pulumi.String("prod/legacy"))
		if err != nil {
			return err
		}
		_, err = grants.New(ctx, "app-read", grants.Role(role), grants.Read, grants.Secrets(db, legacy))
		return err
	}, synth.Deployed())
	if err != nil {
		fmt.Println(err)
	}
	p, _ := synth.Find(resources, "aws:iam/rolePolicy:RolePolicy", "app-read-policy")
	fmt.Println(p.Input("policy"))
	// Output:
	// {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["secretsmanager:GetSecretValue","secretsmanager:DescribeSecret"],"Resource":["arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-arpMD2","arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/legacy-??????"]}]}
}
