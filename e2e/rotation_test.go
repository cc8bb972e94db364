package e2e

import (
	"context"
	"encoding/json"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	awsiam "github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	awslambda "github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lambda"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/rotation"
	"github.com/secretsmith/secretsmith/secrets"
)

// A secret rotated by the program's own function (the custom-rotation example's Python
// function): Secrets Manager may invoke it for this account only (the permission's
// SourceAccount), its role may rotate exactly this secret, the secret's rotation names it,
// and its first rotation, which starts during the up, runs its four steps and makes the
// function's value current. Then it plans nothing, refreshes to nothing, and leaves nothing
// behind.
func TestCustomRotationFunction(t *testing.T) {
	before := inventory(t)
	const name = "e2e/custom-rotation"
	st := inlineStack(t, func(ctx *pulumi.Context) error {
		role, err := awsiam.NewRole(ctx, "rotator", &awsiam.RoleArgs{AssumeRolePolicy: pulumi.String(
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`)})
		if err != nil {
			return err
		}
		fn, err := awslambda.NewFunction(ctx, "rotator", &awslambda.FunctionArgs{
			Role: role.Arn, Runtime: pulumi.String("python3.12"), Handler: pulumi.String("index.lambda_handler"),
			Timeout: pulumi.Int(30), Code: pulumi.NewFileArchive(filepath.Join(repoRoot(t), "examples", "custom-rotation", "function")),
		})
		if err != nil {
			return err
		}
		s, err := secrets.NewSecret(ctx, "api", &secrets.SecretArgs{
			SecretName: pulumi.String(name), RecoveryWindowInDays: pulumi.IntRef(0), DenyAccountRootDelete: true,
		})
		if err != nil {
			return err
		}
		_, err = rotation.NewRotationSchedule(ctx, "api-rotation", &rotation.RotationScheduleArgs{Secret: s, RotationLambda: fn})
		ctx.Export("function", fn.Name)
		ctx.Export("role", role.Name)
		return err
	}, nil)
	outs := st.up().Outputs
	st.addSecretsFrom(name)
	rot := st.rotationsOf(name)
	if len(rot) != 1 || rot[0].Status != "succeeded" || len(rot[0].Steps) != 4 {
		t.Fatalf("rotations of %s: %+v; want one that ran the four steps", name, rot)
	}
	if labels, _ := stages(t, name); labels["AWSCURRENT"] != rot[0].Token || labels["SECRETSMITH"] == rot[0].Token {
		t.Errorf("labels %v; want AWSCURRENT on the rotation's version %s and SECRETSMITH where the program put it", labels, rot[0].Token)
	}
	fnName, _ := outs["function"].Value.(string)
	roleName, _ := outs["role"].Value.(string)
	ctx := context.Background()

	p, err := clientsIn(region).Lambda().GetPolicy(ctx, &lambda.GetPolicyInput{FunctionName: aws.String(fnName)})
	if err != nil {
		t.Fatalf("reading the function's policy: %v", err)
	}
	var policy struct {
		Statement []struct {
			Principal map[string]string
			Condition map[string]map[string]string
		}
	}
	if err := json.Unmarshal([]byte(aws.ToString(p.Policy)), &policy); err != nil || len(policy.Statement) != 1 {
		t.Fatalf("the function's policy has %d statements (%v); want one", len(policy.Statement), err)
	}
	stmt := policy.Statement[0]
	if stmt.Principal["Service"] != "secretsmanager.amazonaws.com" || stmt.Condition["StringEquals"]["AWS:SourceAccount"] != "123456789012" {
		t.Errorf("the permission is for %v under %v; want secretsmanager.amazonaws.com for account 123456789012", stmt.Principal, stmt.Condition)
	}

	d, err := sm(region).DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: aws.String(name)})
	if err != nil {
		t.Fatal(err)
	}
	fnARN := "arn:aws:lambda:us-east-1:123456789012:function:" + fnName
	if !aws.ToBool(d.RotationEnabled) || aws.ToString(d.RotationLambdaARN) != fnARN {
		t.Errorf("rotation enabled %v with %s; want it enabled with %s", aws.ToBool(d.RotationEnabled), aws.ToString(d.RotationLambdaARN), fnARN)
	}

	i := clientsIn(region).IAM()
	names, err := i.ListRolePolicies(ctx, &iam.ListRolePoliciesInput{RoleName: aws.String(roleName)})
	if err != nil || len(names.PolicyNames) != 1 {
		t.Fatalf("the function's role has %v inline policies (%v); want one", names, err)
	}
	rp, err := i.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String(roleName), PolicyName: aws.String(names.PolicyNames[0])})
	if err != nil {
		t.Fatal(err)
	}
	doc, _ := url.QueryUnescape(aws.ToString(rp.PolicyDocument))
	if !strings.Contains(doc, "secretsmanager:PutSecretValue") || !strings.Contains(doc, aws.ToString(d.ARN)) {
		t.Errorf("the role's policy does not let it put values into %s", aws.ToString(d.ARN))
	}

	st.assertStable()
	st.destroy()
	assertLeftBehind(t, before)
}
