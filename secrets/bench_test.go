package secrets_test

import (
	"fmt"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi-random/sdk/v4/go/random"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/internal/pulumitest"
	"github.com/secretsmith/secretsmith/secrets"
)

// runN runs one program that makes b.N secrets with makeOne, so ns/op and allocs/op are
// per secret.
func runN(b *testing.B, makeOne func(ctx *pulumi.Context, name string) error) {
	runNAfter(b, func(*pulumi.Context) error { return nil }, makeOne)
}

// runNAfter is runN after setup, which is not timed.
func runNAfter(b *testing.B, setup func(ctx *pulumi.Context) error, makeOne func(ctx *pulumi.Context, name string) error) {
	b.ReportAllocs()
	err := pulumitest.New().Run(func(ctx *pulumi.Context) error {
		if err := setup(ctx); err != nil {
			return err
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if err := makeOne(ctx, fmt.Sprintf("s%d", i)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkNewSecret: a templated, generated secret through secretsmith.
func BenchmarkNewSecret(b *testing.B) {
	runN(b, func(ctx *pulumi.Context, name string) error {
		_, err := secrets.NewSecret(ctx, name, &secrets.SecretArgs{
			SecretName: pulumi.String("bench/" + name),
			GenerateSecretString: &secrets.SecretStringGenerator{
				SecretStringTemplate: `{"username":"app"}`, GenerateStringKey: "password",
			},
		})
		return err
	})
}

// BenchmarkHandWritten is the floor: the same three AWS and random resources registered by
// hand, with a fixed value in place of the generated one.
func BenchmarkHandWritten(b *testing.B) {
	runN(b, func(ctx *pulumi.Context, name string) error {
		sec, err := secretsmanager.NewSecret(ctx, name+"-secret", &secretsmanager.SecretArgs{Name: pulumi.String("bench/" + name)})
		if err != nil {
			return err
		}
		if _, err := random.NewRandomBytes(ctx, name+"-seed", &random.RandomBytesArgs{Length: pulumi.Int(32)}); err != nil {
			return err
		}
		_, err = secretsmanager.NewSecretVersion(ctx, name+"-version", &secretsmanager.SecretVersionArgs{
			SecretId:      sec.ID(),
			SecretString:  pulumi.ToSecret(pulumi.String(`{"username":"app","password":"x"}`)).(pulumi.StringOutput),
			VersionStages: pulumi.ToStringArray([]string{"AWSCURRENT", "SECRETSMITH"}),
		}, pulumi.IgnoreChanges([]string{"versionStages"}), pulumi.DeleteBeforeReplace(true))
		return err
	})
}

// BenchmarkGrantRead: a read grant on a KMS-encrypted secret, per grant.
func BenchmarkGrantRead(b *testing.B) {
	var s *secrets.Secret
	var role *iam.Role
	setup := func(ctx *pulumi.Context) (err error) {
		if role, err = iam.NewRole(ctx, "app", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(`{}`)}); err != nil {
			return err
		}
		s, err = secrets.NewSecret(ctx, "db", &secrets.SecretArgs{EncryptionKey: pulumi.String("arn:aws:kms:us-east-1:123456789012:key/k")})
		return err
	}
	runNAfter(b, setup, func(ctx *pulumi.Context, name string) error {
		_, err := s.GrantRead(ctx, name, grants.Role(role))
		return err
	})
}

// BenchmarkHandWrittenGrant is the floor: the same RolePolicy with a policy document
// written by hand.
func BenchmarkHandWrittenGrant(b *testing.B) {
	var s *secretsmanager.Secret
	var role *iam.Role
	setup := func(ctx *pulumi.Context) (err error) {
		if role, err = iam.NewRole(ctx, "app", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(`{}`)}); err != nil {
			return err
		}
		s, err = secretsmanager.NewSecret(ctx, "db", &secretsmanager.SecretArgs{KmsKeyId: pulumi.String("arn:aws:kms:us-east-1:123456789012:key/k")})
		return err
	}
	runNAfter(b, setup, func(ctx *pulumi.Context, name string) error {
		doc := s.Arn.ApplyT(func(arn string) string {
			return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["secretsmanager:GetSecretValue","secretsmanager:DescribeSecret"],"Resource":["` + arn +
				`"]},{"Effect":"Allow","Action":["kms:Decrypt"],"Resource":["arn:aws:kms:us-east-1:123456789012:key/k"],"Condition":{"StringEquals":{"kms:ViaService":["secretsmanager.us-east-1.amazonaws.com"]}}}]}`
		}).(pulumi.StringOutput)
		_, err := iam.NewRolePolicy(ctx, name+"-policy", &iam.RolePolicyArgs{Role: role.Name, Policy: doc})
		return err
	})
}
