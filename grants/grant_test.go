package grants_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/internal/pulumitest"
)

// target is a Target with fixed values.
type target struct{ arn, key string }

func (t target) ARNForPolicies() pulumi.StringOutput { return pulumi.String(t.arn).ToStringOutput() }
func (t target) EncryptionKeyARN() pulumi.StringInput {
	if t.key == "" {
		return nil
	}
	return pulumi.String(t.key)
}

const secretARN = "arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:s-AbC123"

// An Access with extra statements, as rotation uses: the extra statements' resources
// default to the secret, and the China partition's ViaService ends in amazonaws.com.cn.
func TestNewWithExtraStatements(t *testing.T) {
	t.Parallel()
	access := grants.Access{
		Name:       "rotate",
		Actions:    []string{"secretsmanager:PutSecretValue"},
		KMSActions: []string{"kms:Decrypt"},
		Extra: []grants.Statement{
			{Actions: []string{"secretsmanager:GetRandomPassword"}, Resources: []string{"*"}},
			{Actions: []string{"secretsmanager:DescribeSecret"}},
		},
	}
	m := pulumitest.New()
	if err := m.Run(func(ctx *pulumi.Context) error {
		role, err := iam.NewRole(ctx, "fn", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(`{}`)})
		if err != nil {
			return err
		}
		_, err = grants.New(ctx, "g", target{secretARN, "arn:aws-cn:kms:cn-north-1:123456789012:key/k"}, grants.Role(role), access)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	p, _ := m.Find("aws:iam/rolePolicy:RolePolicy", "g-policy")
	want := `{"Version":"2012-10-17","Statement":[` +
		`{"Effect":"Allow","Action":["secretsmanager:PutSecretValue"],"Resource":["` + secretARN + `"]},` +
		`{"Effect":"Allow","Action":["kms:Decrypt"],"Resource":["arn:aws-cn:kms:cn-north-1:123456789012:key/k"],"Condition":{"StringEquals":{"kms:ViaService":["secretsmanager.cn-north-1.amazonaws.com.cn"]}}},` +
		`{"Effect":"Allow","Action":["secretsmanager:GetRandomPassword"],"Resource":["*"]},` +
		`{"Effect":"Allow","Action":["secretsmanager:DescribeSecret"],"Resource":["` + secretARN + `"]}]}`
	if got := p.String("policy"); got != want {
		t.Errorf("policy =\n%s\nwant\n%s", got, want)
	}
}

func TestNewRefuses(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		grantee grants.Grantee
		access  grants.Access
		want    string
	}{
		"principal": {grants.Account("222222222222"), grants.Read,
			`grants: g: grants.Account("222222222222") is not an IAM identity of the program: give it access in the secret's resource policy (secrets.SecretArgs.ResourcePolicy)`},
		"no actions": {grants.ARN("arn:aws:iam::123456789012:role/r"), grants.Access{},
			"grants: g: the access grants no action"},
		"extra with principal": {grants.Role(&iam.Role{}), grants.Access{Actions: []string{"a:b"}, Extra: []grants.Statement{{Actions: []string{"a:c"}, Principals: []grants.Grantee{grants.Account("222222222222")}}}},
			"grants: g: Extra[0]: an identity statement cannot have principals"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			err := pulumitest.New().Run(func(ctx *pulumi.Context) error {
				_, err := grants.New(ctx, "g", target{arn: secretARN}, tt.grantee, tt.access)
				return err
			})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v; want %q", err, tt.want)
			}
		})
	}
}
