package e2e

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/secretsmith/secretsmith/e2e/provider"
)

// region is the stacks' aws:region; regions are those the suite's programs use.
const region = "us-east-1"

var regions = []string{"us-east-1", "eu-west-1", "eu-central-1"}

// clientsIn are the emulator's clients for region r, as the stand-in provider makes them.
func clientsIn(r string) *provider.Clients { return &provider.Clients{Endpoint: endpoint, Region: r} }

func sm(r string) *secretsmanager.Client { return clientsIn(r).SM() }

// versionValues are the values of every version of the secret named name.
func versionValues(t *testing.T, name string) []string {
	t.Helper()
	ctx := context.Background()
	vs, err := sm(region).ListSecretVersionIds(ctx, &secretsmanager.ListSecretVersionIdsInput{SecretId: aws.String(name)})
	if err != nil {
		t.Fatalf("listing the versions of %s: %v", name, err)
	}
	var out []string
	for _, v := range vs.Versions {
		got, err := sm(region).GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(name), VersionId: v.VersionId})
		if err != nil {
			t.Fatalf("reading a version of %s: %v", name, err)
		}
		out = append(out, aws.ToString(got.SecretString))
	}
	return out
}

// inventory lists what lives in the emulator that a program may create, one line a thing,
// sorted: secrets (not scheduled for deletion) with their resource policies, enabled KMS
// keys with their grants, roles with their inline policies, security groups that are not a
// VPC's default, and Lambda functions.
func inventory(t *testing.T) []string {
	t.Helper()
	ctx := context.Background()
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	for _, r := range regions {
		c := clientsIn(r)
		secrets, err := c.SM().ListSecrets(ctx, &secretsmanager.ListSecretsInput{})
		if err != nil {
			t.Fatalf("listing secrets: %v", err)
		}
		for _, s := range secrets.SecretList {
			add("%s secret %s", r, aws.ToString(s.Name))
			if p, err := c.SM().GetResourcePolicy(ctx, &secretsmanager.GetResourcePolicyInput{SecretId: s.ARN}); err == nil && p.ResourcePolicy != nil {
				add("%s secret-policy %s", r, aws.ToString(s.Name))
			}
		}
		k := c.KMS()
		keys, err := k.ListKeys(ctx, &kms.ListKeysInput{})
		if err != nil {
			t.Fatalf("listing keys: %v", err)
		}
		for _, key := range keys.Keys {
			d, err := k.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: key.KeyId})
			if err != nil || d.KeyMetadata.KeyState == kmstypes.KeyStatePendingDeletion {
				continue
			}
			add("%s kms-key %s", r, aws.ToString(key.KeyId))
			grants, err := k.ListGrants(ctx, &kms.ListGrantsInput{KeyId: key.KeyId})
			if err != nil {
				t.Fatalf("listing grants: %v", err)
			}
			for _, g := range grants.Grants {
				add("%s kms-grant %s/%s", r, aws.ToString(key.KeyId), aws.ToString(g.GrantId))
			}
		}
		groups, err := c.EC2().DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{})
		if err != nil {
			t.Fatalf("listing security groups: %v", err)
		}
		for _, g := range groups.SecurityGroups {
			if aws.ToString(g.GroupName) != "default" {
				add("%s security-group %s", r, aws.ToString(g.GroupName))
			}
		}
		fns, err := c.Lambda().ListFunctions(ctx, &lambda.ListFunctionsInput{})
		if err != nil {
			t.Fatalf("listing functions: %v", err)
		}
		for _, f := range fns.Functions {
			add("%s lambda %s", r, aws.ToString(f.FunctionName))
		}
	}
	i := clientsIn(region).IAM()
	roles, err := i.ListRoles(ctx, &iam.ListRolesInput{})
	if err != nil {
		t.Fatalf("listing roles: %v", err)
	}
	for _, role := range roles.Roles {
		add("role %s", aws.ToString(role.RoleName))
		ps, err := i.ListRolePolicies(ctx, &iam.ListRolePoliciesInput{RoleName: role.RoleName})
		if err != nil {
			t.Fatalf("listing role policies: %v", err)
		}
		for _, p := range ps.PolicyNames {
			add("role-policy %s/%s", aws.ToString(role.RoleName), p)
		}
	}
	sort.Strings(out)
	return out
}

// added is what after holds that before did not.
func added(before, after []string) []string {
	had := map[string]bool{}
	for _, b := range before {
		had[b] = true
	}
	var out []string
	for _, a := range after {
		if !had[a] {
			out = append(out, a)
		}
	}
	return out
}

// assertLeftBehind checks that what the emulator holds beyond before is exactly want.
func assertLeftBehind(t *testing.T, before []string, want ...string) {
	t.Helper()
	got := added(before, inventory(t))
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("after destroy the emulator holds\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

// stages maps each staging label of the secret named name to the version holding it, and
// counts its versions.
func stages(t *testing.T, name string) (map[string]string, int) {
	t.Helper()
	vs, err := sm(region).ListSecretVersionIds(context.Background(), &secretsmanager.ListSecretVersionIdsInput{SecretId: aws.String(name)})
	if err != nil {
		t.Fatalf("listing the versions of %s: %v", name, err)
	}
	out := map[string]string{}
	for _, v := range vs.Versions {
		for _, s := range v.VersionStages {
			out[s] = aws.ToString(v.VersionId)
		}
	}
	return out, len(vs.Versions)
}

// valueAt is the value labelled stage.
func valueAt(t *testing.T, name, stage string) string {
	t.Helper()
	return secretValue(t, &secretsmanager.GetSecretValueInput{SecretId: aws.String(name), VersionStage: aws.String(stage)})
}

// versionValue is the value of the version versionID of the secret named name.
func versionValue(t *testing.T, name, versionID string) string {
	t.Helper()
	return secretValue(t, &secretsmanager.GetSecretValueInput{SecretId: aws.String(name), VersionId: aws.String(versionID)})
}

func secretValue(t *testing.T, in *secretsmanager.GetSecretValueInput) string {
	t.Helper()
	got, err := sm(region).GetSecretValue(context.Background(), in)
	if err != nil {
		t.Fatalf("reading %s of %s: %v", aws.ToString(in.VersionStage)+aws.ToString(in.VersionId), aws.ToString(in.SecretId), err)
	}
	return aws.ToString(got.SecretString)
}
