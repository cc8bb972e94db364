package secrets_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/internal/pulumitest"
	"github.com/secretsmith/secretsmith/replica"
	"github.com/secretsmith/secretsmith/secrets"
)

const (
	euWestKey    = "arn:aws:kms:eu-west-1:123456789012:key/eu-west"
	euCentralKey = "arn:aws:kms:eu-central-1:123456789012:key/eu-central"
)

// twoReplicas is the "done when" secret: a primary key and two replicas with keys of
// their own regions.
func twoReplicas() *secrets.SecretArgs {
	return &secrets.SecretArgs{
		SecretName:    pulumi.String("prod/db"),
		EncryptionKey: pulumi.String(keyARN),
		ReplicaRegions: []replica.Region{
			{Region: "eu-west-1", EncryptionKey: pulumi.String(euWestKey)},
			{Region: "eu-central-1", EncryptionKey: pulumi.String(euCentralKey)},
		},
		ForceOverwriteReplicaSecret: true,
	}
}

func TestReplicaARNs(t *testing.T) {
	t.Parallel()
	var arns *pulumitest.Captured
	var primary *pulumitest.Captured
	m := run(t, func(ctx *pulumi.Context) error {
		s, err := secrets.NewSecret(ctx, "s", twoReplicas())
		if err != nil {
			return err
		}
		arns, primary = pulumitest.Capture(ctx, s.ReplicaARNs()), pulumitest.Capture(ctx, s.ARN)
		return nil
	})
	p := primary.String()
	got, _ := arns.Value()
	want := map[string]string{
		"eu-west-1":    strings.Replace(p, ":us-east-1:", ":eu-west-1:", 1),
		"eu-central-1": strings.Replace(p, ":us-east-1:", ":eu-central-1:", 1),
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReplicaARNs = %v; want %v", got, want)
	}
	if v, _ := m.MustFind(t, secretType, "s-secret").Input("forceOverwriteReplicaSecret"); !v.IsBool() || !v.BoolValue() {
		t.Errorf("forceOverwriteReplicaSecret = %v; want true", v)
	}
}

// A role granted read on a two-replica secret may read it in all three regions, decrypting
// with each region's key through that region's Secrets Manager only, and nothing else.
func TestGrantCoversReplicas(t *testing.T) {
	t.Parallel()
	m, arn := grantProgram(t, twoReplicas(), func(ctx *pulumi.Context, s *secrets.Secret, role *iam.Role) error {
		if _, err := s.GrantRead(ctx, "read", grants.Role(role)); err != nil {
			return err
		}
		_, err := s.GrantRead(ctx, "primary", grants.Role(role), grants.PrimaryOnly())
		return err
	})
	euWest := strings.Replace(arn, ":us-east-1:", ":eu-west-1:", 1)
	euCentral := strings.Replace(arn, ":us-east-1:", ":eu-central-1:", 1)
	want := []stmt{
		{Effect: "Allow", Action: []string{"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"}, Resource: []string{arn, euWest, euCentral}},
		{Effect: "Allow", Action: []string{"kms:Decrypt"}, Resource: []string{keyARN}, Condition: via("us-east-1")},
		{Effect: "Allow", Action: []string{"kms:Decrypt"}, Resource: []string{euWestKey}, Condition: via("eu-west-1")},
		{Effect: "Allow", Action: []string{"kms:Decrypt"}, Resource: []string{euCentralKey}, Condition: via("eu-central-1")},
	}
	if got := policyOf(t, m.MustFind(t, rolePolicy, "read-policy")).Statement; !reflect.DeepEqual(got, want) {
		t.Errorf("statements = %+v; want %+v", got, want)
	}
	if got := policyOf(t, m.MustFind(t, rolePolicy, "primary-policy")).Statement; !reflect.DeepEqual(got, []stmt{
		{Effect: "Allow", Action: []string{"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"}, Resource: []string{arn}},
		want[1],
	}) {
		t.Errorf("PrimaryOnly statements = %+v", got)
	}
}

// A replica without a key of its own uses its region's AWS managed key: no KMS statement.
func TestGrantReplicaWithoutKey(t *testing.T) {
	t.Parallel()
	m, _ := grantProgram(t, &secrets.SecretArgs{ReplicaRegions: []replica.Region{{Region: "eu-west-1"}}},
		func(ctx *pulumi.Context, s *secrets.Secret, role *iam.Role) error {
			_, err := s.GrantWrite(ctx, "write", grants.Role(role))
			return err
		})
	got := policyOf(t, m.MustFind(t, rolePolicy, "write-policy")).Statement
	if len(got) != 1 || len(got[0].Resource) != 2 {
		t.Errorf("statements = %+v; want one statement on the primary and the replica", got)
	}
}

// An import of a replica (a complete ARN in another region) grants with that region's
// kms:ViaService.
func TestGrantOnImportedReplica(t *testing.T) {
	t.Parallel()
	const replicaARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbC123"
	m := run(t, func(ctx *pulumi.Context) error {
		role, err := iam.NewRole(ctx, "app", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(`{}`)})
		if err != nil {
			return err
		}
		s, err := secrets.FromSecretAttributes(ctx, "replica", &secrets.SecretAttributes{SecretCompleteARN: pulumi.String(replicaARN), EncryptionKey: pulumi.String(euWestKey)})
		if err != nil {
			return err
		}
		_, err = s.GrantRead(ctx, "read", grants.Role(role))
		return err
	})
	got := policyOf(t, m.MustFind(t, rolePolicy, "read-policy")).Statement
	if got[0].Resource[0] != replicaARN || !reflect.DeepEqual(got[1].Condition, via("eu-west-1")) {
		t.Errorf("statements = %+v; want the replica ARN and eu-west-1's ViaService", got)
	}
}

// The key helper wires a provider per region and feeds the secret directly.
func TestKeysFeedReplicas(t *testing.T) {
	t.Parallel()
	m := run(t, func(ctx *pulumi.Context) error {
		providers := map[string]pulumi.ProviderResource{}
		for _, r := range []string{"eu-west-1", "eu-central-1"} {
			p, err := aws.NewProvider(ctx, r, &aws.ProviderArgs{Region: pulumi.String(r)})
			if err != nil {
				return err
			}
			providers[r] = p
		}
		keys, err := replica.NewKeys(ctx, "keys", &replica.KeysArgs{Regions: []string{"eu-west-1", "eu-central-1"}, Providers: providers})
		if err != nil {
			return err
		}
		_, err = secrets.NewSecret(ctx, "s", &secrets.SecretArgs{EncryptionKey: keys.PrimaryARN, ReplicaRegions: keys.Regions()})
		return err
	})
	v, _ := m.MustFind(t, secretType, "s-secret").Input("replicas")
	for i, region := range []string{"eu-west-1", "eu-central-1"} {
		r := v.ArrayValue()[i].ObjectValue()
		key := r["kmsKeyId"].StringValue()
		if r["region"].StringValue() != region || !strings.HasPrefix(key, "arn:aws:kms:"+region+":") {
			t.Errorf("replica %d = %v; want %s with a key of that region", i, r, region)
		}
	}
}
