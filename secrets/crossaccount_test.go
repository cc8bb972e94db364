package secrets_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/internal/pulumitest"
	"github.com/secretsmith/secretsmith/replica"
	"github.com/secretsmith/secretsmith/secrets"
)

const euKey = "arn:aws:kms:eu-west-1:123456789012:key/eu"

// replicated runs a program with an eu-west-1 provider and a secret made by args(provider).
func replicated(dryRun bool, args func(eu pulumi.ProviderResource) *secrets.SecretArgs) (*pulumitest.Mock, error) {
	m := pulumitest.New()
	m.DryRun = dryRun
	err := m.Run(func(ctx *pulumi.Context) error {
		eu, err := aws.NewProvider(ctx, "eu", &aws.ProviderArgs{Region: pulumi.String("eu-west-1")})
		if err != nil {
			return err
		}
		_, err = secrets.NewSecret(ctx, "s", args(eu))
		return err
	})
	return m, err
}

// Secrets Manager copies the resource policy to every replica, so its statements name the
// replicas' ARNs too; each replica key gets its own kms.Grant, made in the replica's region
// with the replica's ARN as encryption context.
func TestCrossAccountReplicas(t *testing.T) {
	t.Parallel()
	m, err := replicated(false, func(eu pulumi.ProviderResource) *secrets.SecretArgs {
		return &secrets.SecretArgs{
			SecretName:     pulumi.String("shared"),
			EncryptionKey:  pulumi.String(keyARN),
			ReplicaRegions: []replica.Region{{Region: "eu-west-1", EncryptionKey: pulumi.String(euKey), Provider: eu}},
			ResourcePolicy: []grants.Statement{grants.AllowRead(grants.Account("222222222222"))},
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	primary := "arn:aws:secretsmanager:us-east-1:123456789012:secret:shared-" + pulumitest.Suffix("shared")
	euARN := strings.Replace(primary, "us-east-1", "eu-west-1", 1)
	got := policyOf(t, m.MustFind(t, "aws:secretsmanager/secretPolicy:SecretPolicy", "s-policy")).Statement
	if want := []string{primary, euARN}; !reflect.DeepEqual(got[0].Resource, want) {
		t.Errorf("resources = %v, want %v", got[0].Resource, want)
	}
	g := m.MustFind(t, "aws:kms/grant:Grant", "s-eu-west-1-kms-0")
	cons, _ := g.Input("constraints")
	subset := cons.ArrayValue()[0].ObjectValue()["encryptionContextSubset"].ObjectValue()
	if g.String("keyId") != euKey || subset["SecretARN"].StringValue() != euARN || !strings.Contains(g.Provider, "providers:aws::eu::") {
		t.Errorf("replica grant: key %q, SecretARN %v, provider %q", g.String("keyId"), subset["SecretARN"], g.Provider)
	}
	m.MustFind(t, "aws:kms/grant:Grant", "s-kms-0")
	// The key's and the replicas' checks share one question for the provider's region.
	if n := len(m.Invokes("aws:index/getRegion:getRegion")); n != 1 {
		t.Errorf("getRegion invoked %d times, want 1", n)
	}
}

// A principal of another account with the AWS managed key fails in preview already, for
// the secret and for each replica without a key; DescribeSecret alone needs no key, and a
// wildcard that covers GetSecretValue does.
func TestCrossAccountNeedsKeyInPreview(t *testing.T) {
	t.Parallel()
	describe := grants.Statement{Principals: []grants.Grantee{grants.Account("222222222222")}, Actions: []string{"secretsmanager:DescribeSecret"}}
	wildcard := grants.Statement{Principals: []grants.Grantee{grants.ARN("arn:aws:iam::222222222222:role/r")}, Actions: []string{"secretsManager:Get*"}}
	tests := map[string]struct {
		args func(eu pulumi.ProviderResource) *secrets.SecretArgs
		want []string // the problems, in order; none: the program succeeds
	}{
		"describe only": {func(pulumi.ProviderResource) *secrets.SecretArgs {
			return &secrets.SecretArgs{ResourcePolicy: []grants.Statement{describe}}
		}, nil},
		"same account": {func(pulumi.ProviderResource) *secrets.SecretArgs {
			return &secrets.SecretArgs{ResourcePolicy: []grants.Statement{grants.AllowRead(grants.Account("123456789012"))}}
		}, nil},
		"wildcard": {func(pulumi.ProviderResource) *secrets.SecretArgs {
			return &secrets.SecretArgs{ResourcePolicy: []grants.Statement{describe, wildcard}}
		}, []string{`secrets: ResourcePolicy[1]: kms key must be provided for cross-account access to a secret: grants.ARN("arn:aws:iam::222222222222:role/r") is not in the program's account 123456789012; set EncryptionKey to a customer managed key`}},
		"replica without key": {func(eu pulumi.ProviderResource) *secrets.SecretArgs {
			return &secrets.SecretArgs{
				EncryptionKey:  pulumi.String(keyARN),
				ReplicaRegions: []replica.Region{{Region: "eu-west-1"}},
				ResourcePolicy: []grants.Statement{grants.AllowRead(grants.Account("222222222222"))},
			}
		}, []string{`secrets: ResourcePolicy[0]: kms key must be provided for cross-account access to a secret: grants.Account("222222222222") is not in the program's account 123456789012; give ReplicaRegions[0] (eu-west-1) an EncryptionKey: its replica uses the AWS managed key`}},
		"replica key without provider": {func(eu pulumi.ProviderResource) *secrets.SecretArgs {
			return &secrets.SecretArgs{
				EncryptionKey:  pulumi.String(keyARN),
				ReplicaRegions: []replica.Region{{Region: "eu-west-1", EncryptionKey: pulumi.String(euKey)}},
				ResourcePolicy: []grants.Statement{grants.AllowWrite(grants.Account("222222222222"))},
			}
		}, []string{"secrets: ReplicaRegions[0].Provider is required: the kms.Grant that lets principals of another account use its EncryptionKey is made in eu-west-1"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m, err := replicated(true, tt.args)
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), strings.Join(tt.want, "\n")) {
				t.Fatalf("got %v\nwant %s", err, strings.Join(tt.want, "\n"))
			}
			if _, ok := m.Find("aws:secretsmanager/secret:Secret", "s-secret"); ok {
				t.Error("the secret was registered")
			}
		})
	}
}
