package rotation_test

import (
	"fmt"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lambda"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/pulumitest"
	"github.com/secretsmith/secretsmith/rotation"
	"github.com/secretsmith/secretsmith/secrets"
)

// benchSecrets runs one program that makes b.N secrets (imported by complete ARN, so that
// only the rotation is measured) and rotates each with rotate; ns/op is per rotation.
func benchSecrets(b *testing.B, rotate func(ctx *pulumi.Context, name string, s *secrets.ImportedSecret) error) {
	b.ReportAllocs()
	err := pulumitest.New().Run(func(ctx *pulumi.Context) error {
		targets := make([]*secrets.ImportedSecret, b.N)
		for i := range targets {
			s, err := secrets.FromSecretCompleteARN(ctx, fmt.Sprintf("s%d", i),
				pulumi.String(fmt.Sprintf("arn:aws:secretsmanager:us-east-1:123456789012:secret:bench/s%d-AbC123", i)))
			if err != nil {
				return err
			}
			targets[i] = s
		}
		b.ResetTimer()
		for i, s := range targets {
			if err := rotate(ctx, fmt.Sprintf("r%d", i), s); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkGoRotation: a Go single-user rotation per secret through secretsmith (the
// archive given, so the one build per process is not counted).
func BenchmarkGoRotation(b *testing.B) {
	benchSecrets(b, func(ctx *pulumi.Context, name string, s *secrets.ImportedSecret) error {
		_, err := rotation.NewRotationSchedule(ctx, name, &rotation.RotationScheduleArgs{
			Secret: s, GoRotation: rotation.GoPostgreSQLSingleUser(&rotation.GoRotationOptions{Archive: prebuilt}),
		})
		return err
	})
}

// BenchmarkGoRotationHandWritten is the floor: the same role, attachment, function,
// permission, role policy and rotation registered by hand, with fixed documents.
func BenchmarkGoRotationHandWritten(b *testing.B) {
	benchSecrets(b, func(ctx *pulumi.Context, name string, s *secrets.ImportedSecret) error {
		role, err := iam.NewRole(ctx, name+"-role", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`)})
		if err != nil {
			return err
		}
		if _, err := iam.NewRolePolicyAttachment(ctx, name+"-logs", &iam.RolePolicyAttachmentArgs{
			Role: role.Name, PolicyArn: pulumi.String("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"),
		}); err != nil {
			return err
		}
		fn, err := lambda.NewFunction(ctx, name+"-function", &lambda.FunctionArgs{
			Runtime: pulumi.String("provided.al2023"), Handler: pulumi.String("bootstrap"), Code: prebuilt, Role: role.Arn,
			Architectures: pulumi.ToStringArray([]string{"arm64"}),
			Environment:   &lambda.FunctionEnvironmentArgs{Variables: pulumi.StringMap{"SECRETSMITH_STRATEGY": pulumi.String("postgres-single-user")}},
		})
		if err != nil {
			return err
		}
		perm, err := lambda.NewPermission(ctx, name+"-invoke", &lambda.PermissionArgs{
			Action: pulumi.String("lambda:InvokeFunction"), Function: fn.Name,
			Principal: pulumi.String("secretsmanager.amazonaws.com"), SourceAccount: pulumi.String("123456789012"),
		})
		if err != nil {
			return err
		}
		policy, err := iam.NewRolePolicy(ctx, name+"-policy", &iam.RolePolicyArgs{Role: role.Name, Policy: pulumi.String(
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["secretsmanager:DescribeSecret","secretsmanager:GetSecretValue","secretsmanager:PutSecretValue","secretsmanager:UpdateSecretVersionStage"],"Resource":["arn:aws:secretsmanager:us-east-1:123456789012:secret:bench/s-AbC123"]},{"Effect":"Allow","Action":["secretsmanager:GetRandomPassword"],"Resource":["*"]}]}`)})
		if err != nil {
			return err
		}
		_, err = secretsmanager.NewSecretRotation(ctx, name+"-rotation", &secretsmanager.SecretRotationArgs{
			SecretId: s.SecretARN(), RotationLambdaArn: fn.Arn,
			RotationRules: secretsmanager.SecretRotationRotationRulesArgs{ScheduleExpression: pulumi.String("rate(30 days)")},
		}, pulumi.DependsOn([]pulumi.Resource{perm, policy}))
		return err
	})
}
