package secrets_test

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/secrets"
	"github.com/secretsmith/secretsmith/synth"
)

// printPolicies runs program offline, as deployed, and prints the policy documents it
// registers.
func printPolicies(program pulumi.RunFunc) {
	resources, err := synth.Plan(program, synth.Deployed())
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	for _, r := range resources {
		if p := r.Input("policy"); p != "" {
			fmt.Println(r.Type, r.Name)
			fmt.Println(p)
		}
	}
}

// GrantRead gives a role of the program read access; with a customer managed key, it also
// gets kms:Decrypt through Secrets Manager only.
func ExampleSecret_GrantRead() {
	printPolicies(func(ctx *pulumi.Context) error {
		role, err := iam.NewRole(ctx, "app", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(`{"Version":"2012-10-17","Statement":[]}`)})
		if err != nil {
			return err
		}
		db, err := secrets.NewSecret(ctx, "db", &secrets.SecretArgs{
			SecretName:    pulumi.String("prod/db"),
			EncryptionKey: pulumi.String("arn:aws:kms:us-east-1:123456789012:key/1234abcd"),
		})
		if err != nil {
			return err
		}
		_, err = db.GrantRead(ctx, "app-read", grants.Role(role))
		return err
	})
	// Output:
	// aws:iam/rolePolicy:RolePolicy app-read-policy
	// {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["secretsmanager:GetSecretValue","secretsmanager:DescribeSecret"],"Resource":["arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-arpMD2"]},{"Effect":"Allow","Action":["kms:Decrypt"],"Resource":["arn:aws:kms:us-east-1:123456789012:key/1234abcd"],"Condition":{"StringEquals":{"kms:ViaService":["secretsmanager.us-east-1.amazonaws.com"]}}}]}
}

// VersionStages limits a grant to the versions with those staging labels.
func ExampleSecret_GrantRead_versionStages() {
	printPolicies(func(ctx *pulumi.Context) error {
		role, err := iam.NewRole(ctx, "app", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(`{"Version":"2012-10-17","Statement":[]}`)})
		if err != nil {
			return err
		}
		db, err := secrets.NewSecret(ctx, "db", &secrets.SecretArgs{SecretName: pulumi.String("prod/db")})
		if err != nil {
			return err
		}
		_, err = db.GrantRead(ctx, "app-read", grants.Role(role), grants.VersionStages("AWSCURRENT"))
		return err
	})
	// Output:
	// aws:iam/rolePolicy:RolePolicy app-read-policy
	// {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["secretsmanager:GetSecretValue","secretsmanager:DescribeSecret"],"Resource":["arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-arpMD2"],"Condition":{"ForAnyValue:StringEquals":{"secretsmanager:VersionStage":["AWSCURRENT"]}}}]}
}

// Another account reads through the secret's one resource policy, declared with the secret;
// with a customer managed key it also gets a kms.Grant (Decrypt) on the key.
func ExampleSecretArgs_crossAccount() {
	printPolicies(func(ctx *pulumi.Context) error {
		_, err := secrets.NewSecret(ctx, "shared", &secrets.SecretArgs{
			SecretName:    pulumi.String("shared/api"),
			EncryptionKey: pulumi.String("arn:aws:kms:us-east-1:123456789012:key/1234abcd"),
			ResourcePolicy: []grants.Statement{
				grants.AllowRead(grants.Account("222222222222"), grants.VersionStages("AWSCURRENT")),
			},
		})
		return err
	})
	// Output:
	// aws:secretsmanager/secretPolicy:SecretPolicy shared-policy
	// {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::222222222222:root"]},"Action":["secretsmanager:GetSecretValue","secretsmanager:DescribeSecret"],"Resource":["arn:aws:secretsmanager:us-east-1:123456789012:secret:shared/api-dRboUC"],"Condition":{"ForAnyValue:StringEquals":{"secretsmanager:VersionStage":["AWSCURRENT"]}}}]}
}
