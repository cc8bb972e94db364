package rotation_test

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/internal/pulumitest"
	"github.com/secretsmith/secretsmith/rotation"
	"github.com/secretsmith/secretsmith/secrets"
)

// One function for many secrets: one policy on its role with every secret and key, one
// invoke permission for the account, and schedules that add only their SecretRotation,
// each waiting for both.
func TestRotationFunction(t *testing.T) {
	t.Parallel()
	m := pulumitest.New()
	var arns []string
	run(t, m, func(ctx *pulumi.Context) error {
		fn, err := function(ctx)
		if err != nil {
			return err
		}
		var refs []grants.Target
		for i := range 3 {
			args := &secrets.SecretArgs{SecretName: pulumi.String(fmt.Sprintf("app/s%d", i)), DenyAccountRootDelete: true}
			if i == 0 {
				args.EncryptionKey = pulumi.String(keyARN)
			}
			s, err := secrets.NewSecret(ctx, fmt.Sprintf("s%d", i), args)
			if err != nil {
				return err
			}
			refs = append(refs, s)
			arns = append(arns, fmt.Sprintf("arn:aws:secretsmanager:us-east-1:123456789012:secret:app/s%d-%s", i, pulumitest.Suffix(fmt.Sprintf("app/s%d", i))))
		}
		rf, err := rotation.NewRotationFunction(ctx, "rotator", &rotation.RotationFunctionArgs{Function: fn, Secrets: grants.Secrets(refs...)})
		if err != nil {
			return err
		}
		for i, s := range refs {
			if _, err := rotation.NewRotationSchedule(ctx, fmt.Sprintf("s%d-rotation", i), &rotation.RotationScheduleArgs{
				Secret: s.(secrets.Reference), RotationFunction: rf,
			}); err != nil {
				return err
			}
		}
		return nil
	})
	if n, p := len(m.ByType(permissionType)), len(m.ByType(rolePolicyType)); n != 1 || p != 1 {
		t.Fatalf("%d permissions and %d role policies, want 1 each", n, p)
	}
	perm := m.MustFind(t, permissionType, "rotator-invoke")
	if perm.String("sourceAccount") != "123456789012" || perm.String("principal") != "secretsmanager.amazonaws.com" || perm.String("function") != "fn" {
		t.Errorf("permission: %v", perm.Inputs)
	}
	policy := m.MustFind(t, rolePolicyType, "rotator-access-policy")
	if policy.String("role") != "fn-role" {
		t.Errorf("policy on role %q, want fn-role", policy.String("role"))
	}
	want := []stmt{
		{Effect: "Allow", Action: []string{"secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"}, Resource: arns},
		{Effect: "Allow", Action: []string{"kms:Decrypt", "kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"}, Resource: []string{keyARN},
			Condition: map[string]map[string][]string{"StringEquals": {"kms:ViaService": {"secretsmanager.us-east-1.amazonaws.com"}}}},
		{Effect: "Allow", Action: []string{"secretsmanager:GetRandomPassword"}, Resource: []string{"*"}},
	}
	if got := statements(t, policy); !reflect.DeepEqual(got, want) {
		t.Errorf("statements =\n%+v\nwant\n%+v", got, want)
	}
	for i := range 3 {
		rot := m.MustFind(t, rotationType, fmt.Sprintf("s%d-rotation-rotation", i))
		if rot.String("secretId") != arns[i] || rot.String("rotationLambdaArn") != "arn:aws:lambda:us-east-1:123456789012:function:fn" {
			t.Errorf("rotation %d: %v", i, rot.Inputs)
		}
		deps := strings.Join(rot.DependsOn, " ")
		if !strings.Contains(deps, "rotator-invoke") || !strings.Contains(deps, "rotator-access-policy") {
			t.Errorf("rotation %d depends on %v", i, rot.DependsOn)
		}
	}
}

// A schedule's secret must be one the function was prepared for; the function is required.
func TestRotationFunctionRefuses(t *testing.T) {
	t.Parallel()
	err := pulumitest.New().Run(func(ctx *pulumi.Context) error {
		fn, err := function(ctx)
		if err != nil {
			return err
		}
		a, err := secrets.NewSecret(ctx, "a", nil)
		if err != nil {
			return err
		}
		b, err := secrets.NewSecret(ctx, "b", nil)
		if err != nil {
			return err
		}
		rf, err := rotation.NewRotationFunction(ctx, "rotator", &rotation.RotationFunctionArgs{Function: fn, Secrets: grants.Secrets(a)})
		if err != nil {
			return err
		}
		_, err = rotation.NewRotationSchedule(ctx, "b-rotation", &rotation.RotationScheduleArgs{Secret: b, RotationFunction: rf})
		return err
	})
	if want := "rotation: b-rotation: Secret is not one of RotationFunction's Secrets: the function's role could not rotate it"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v, want %q", err, want)
	}
	err = pulumitest.New().Run(func(ctx *pulumi.Context) error {
		_, err := rotation.NewRotationFunction(ctx, "rotator", nil)
		return err
	})
	if want := "rotation: rotator: Function is required: the rotation function's lambda.Function\n" +
		"rotation: rotator: Secrets: the grant covers no secret: make its scope with grants.Secrets, grants.Tagged or grants.NamePrefix"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v, want %q", err, want)
	}
}
