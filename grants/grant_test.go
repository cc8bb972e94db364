package grants_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/internal/grantshook"
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

// grantTo runs one program that makes a role "app" and calls grant with it, and returns
// the mock and the program's error.
func grantTo(grant func(ctx *pulumi.Context, role grants.Grantee) error) (*pulumitest.Mock, error) {
	m := pulumitest.New()
	err := m.Run(func(ctx *pulumi.Context) error {
		role, err := iam.NewRole(ctx, "app", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(`{}`)})
		if err != nil {
			return err
		}
		return grant(ctx, grants.Role(role))
	})
	return m, err
}

func policyOf(t *testing.T, m *pulumitest.Mock, name string) string {
	t.Helper()
	return m.MustFind(t, "aws:iam/rolePolicy:RolePolicy", name).String("policy")
}

// An Access with extra statements, as rotation uses: the extra statements' resources
// default to the secrets, and the China partition's ViaService ends in amazonaws.com.cn.
func TestNewWithExtraStatements(t *testing.T) {
	t.Parallel()
	access := grants.NewAccess("rotate", []string{"secretsmanager:PutSecretValue"}, []string{"kms:Decrypt"},
		grants.Statement{Actions: []string{"secretsmanager:GetRandomPassword"}, Resources: []string{"*"}},
		grants.Statement{Actions: []string{"secretsmanager:DescribeSecret"}},
	)
	m, err := grantTo(func(ctx *pulumi.Context, role grants.Grantee) error {
		_, err := grants.New(ctx, "g", role, access, grants.Secrets(target{secretARN, "arn:aws-cn:kms:cn-north-1:123456789012:key/k"}))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"Version":"2012-10-17","Statement":[` +
		`{"Effect":"Allow","Action":["secretsmanager:PutSecretValue"],"Resource":["` + secretARN + `"]},` +
		`{"Effect":"Allow","Action":["kms:Decrypt"],"Resource":["arn:aws-cn:kms:cn-north-1:123456789012:key/k"],"Condition":{"StringEquals":{"kms:ViaService":["secretsmanager.cn-north-1.amazonaws.com.cn"]}}},` +
		`{"Effect":"Allow","Action":["secretsmanager:GetRandomPassword"],"Resource":["*"]},` +
		`{"Effect":"Allow","Action":["secretsmanager:DescribeSecret"],"Resource":["` + secretARN + `"]}]}`
	if got := policyOf(t, m, "g-policy"); got != want {
		t.Errorf("policy =\n%s\nwant\n%s", got, want)
	}
}

// One grant on many secrets is one document: one statement with every ARN, once each, and
// one KMS statement per region with every key used there, once each.
func TestNewMergesSecrets(t *testing.T) {
	t.Parallel()
	const (
		a     = "arn:aws:secretsmanager:us-east-1:123456789012:secret:a-AAAAAA"
		b     = "arn:aws:secretsmanager:us-east-1:123456789012:secret:b-BBBBBB"
		c     = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:c-CCCCCC"
		key1  = "arn:aws:kms:us-east-1:123456789012:key/one"
		key2  = "arn:aws:kms:us-east-1:123456789012:key/two"
		keyEU = "arn:aws:kms:eu-west-1:123456789012:key/eu"
	)
	m, err := grantTo(func(ctx *pulumi.Context, role grants.Grantee) error {
		_, err := grants.New(ctx, "g", role, grants.Read,
			grants.Secrets(target{a, key1}, target{b, key2}, target{c, keyEU}, target{a, key1}, target{b, ""}),
			grants.VersionStages("AWSCURRENT"))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"Version":"2012-10-17","Statement":[` +
		`{"Effect":"Allow","Action":["secretsmanager:GetSecretValue","secretsmanager:DescribeSecret"],"Resource":["` + a + `","` + b + `","` + c + `"],` +
		`"Condition":{"ForAnyValue:StringEquals":{"secretsmanager:VersionStage":["AWSCURRENT"]}}},` +
		`{"Effect":"Allow","Action":["kms:Decrypt"],"Resource":["` + key1 + `","` + key2 + `"],"Condition":{"StringEquals":{"kms:ViaService":["secretsmanager.us-east-1.amazonaws.com"]}}},` +
		`{"Effect":"Allow","Action":["kms:Decrypt"],"Resource":["` + keyEU + `"],"Condition":{"StringEquals":{"kms:ViaService":["secretsmanager.eu-west-1.amazonaws.com"]}}}]}`
	if got := policyOf(t, m, "g-policy"); got != want {
		t.Errorf("policy =\n%s\nwant\n%s", got, want)
	}
}

// A tag grant covers every secret with the tag in the account, in the provider's region
// and the regions added, with the keys named: one size however many secrets.
func TestNewTagged(t *testing.T) {
	t.Parallel()
	m, err := grantTo(func(ctx *pulumi.Context, role grants.Grantee) error {
		_, err := grants.New(ctx, "g", role, grants.Read,
			grants.Tagged("app", "payments").InRegions("eu-west-1").
				EncryptedWith(pulumi.String("arn:aws:kms:us-east-1:123456789012:key/k"), pulumi.String("arn:aws:kms:eu-west-1:123456789012:key/eu")),
			grants.VersionStages("AWSCURRENT"))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"Version":"2012-10-17","Statement":[` +
		`{"Effect":"Allow","Action":["secretsmanager:GetSecretValue","secretsmanager:DescribeSecret"],` +
		`"Resource":["arn:aws:secretsmanager:us-east-1:123456789012:secret:*","arn:aws:secretsmanager:eu-west-1:123456789012:secret:*"],` +
		`"Condition":{"ForAnyValue:StringEquals":{"secretsmanager:VersionStage":["AWSCURRENT"]},"StringEquals":{"secretsmanager:ResourceTag/app":["payments"]}}},` +
		`{"Effect":"Allow","Action":["kms:Decrypt"],"Resource":["arn:aws:kms:us-east-1:123456789012:key/k"],"Condition":{"StringEquals":{"kms:ViaService":["secretsmanager.us-east-1.amazonaws.com"]}}},` +
		`{"Effect":"Allow","Action":["kms:Decrypt"],"Resource":["arn:aws:kms:eu-west-1:123456789012:key/eu"],"Condition":{"StringEquals":{"kms:ViaService":["secretsmanager.eu-west-1.amazonaws.com"]}}}]}`
	if got := policyOf(t, m, "g-policy"); got != want {
		t.Errorf("policy =\n%s\nwant\n%s", got, want)
	}
	if n := len(m.Invokes("aws:index/getCallerIdentity:getCallerIdentity")); n != 1 {
		t.Errorf("getCallerIdentity invoked %d times, want 1", n)
	}
}

// A prefix grant names the secrets by an ARN pattern; without keys it has no KMS statement.
func TestNewNamePrefix(t *testing.T) {
	t.Parallel()
	m, err := grantTo(func(ctx *pulumi.Context, role grants.Grantee) error {
		_, err := grants.New(ctx, "g", role, grants.Write, grants.NamePrefix("prod/payments/"))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"Version":"2012-10-17","Statement":[` +
		`{"Effect":"Allow","Action":["secretsmanager:PutSecretValue","secretsmanager:UpdateSecret","secretsmanager:UpdateSecretVersionStage"],` +
		`"Resource":["arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/payments/*"]}]}`
	if got := policyOf(t, m, "g-policy"); got != want {
		t.Errorf("policy =\n%s\nwant\n%s", got, want)
	}
}

// A managed policy grant is an iam.Policy with the document and its attachment to the role.
func TestNewManagedPolicy(t *testing.T) {
	t.Parallel()
	m, err := grantTo(func(ctx *pulumi.Context, role grants.Grantee) error {
		g, err := grants.New(ctx, "g", role, grants.Read, grants.Secrets(target{arn: secretARN}), grants.ManagedPolicy())
		if err == nil && (g.Policy == nil || g.Attachment == nil) {
			err = fmt.Errorf("Policy %v, Attachment %v: want both", g.Policy, g.Attachment)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	p := m.MustFind(t, "aws:iam/policy:Policy", "g-policy")
	want := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["secretsmanager:GetSecretValue","secretsmanager:DescribeSecret"],"Resource":["` + secretARN + `"]}]}`
	if got := p.String("policy"); got != want {
		t.Errorf("policy = %s, want %s", got, want)
	}
	a := m.MustFind(t, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "g-attachment")
	if a.String("role") != "app" || a.String("policyArn") != "arn:aws:iam::123456789012:policy/g-policy" {
		t.Errorf("attachment role %q, policyArn %q", a.String("role"), a.String("policyArn"))
	}
	if len(m.ByType("aws:iam/rolePolicy:RolePolicy")) != 0 {
		t.Error("a managed grant also made an inline policy")
	}
}

// secretsFor returns n targets with realistic names, each with the same key.
func secretsFor(n int) (grants.Scope, []string) {
	var ts []grants.Target
	var arns []string
	for i := range n {
		a := fmt.Sprintf("arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/payments/service-%03d-AbCdEf", i)
		ts = append(ts, target{a, "arn:aws:kms:us-east-1:123456789012:key/k"})
		arns = append(arns, a)
	}
	return grants.Secrets(ts...), arns
}

// readDoc is the read document for arns with key k, built here by hand.
func readDoc(arns []string) string {
	return `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["secretsmanager:GetSecretValue","secretsmanager:DescribeSecret"],"Resource":["` +
		strings.Join(arns, `","`) + `"]},{"Effect":"Allow","Action":["kms:Decrypt"],"Resource":["arn:aws:kms:us-east-1:123456789012:key/k"],` +
		`"Condition":{"StringEquals":{"kms:ViaService":["secretsmanager.us-east-1.amazonaws.com"]}}}]}`
}

// Grants that would pass IAM's quotas fail, naming the identity, the size, the quota and
// the fixes; the inline quota counts every grant to the identity.
func TestNewQuotas(t *testing.T) {
	t.Parallel()
	big, bigARNs := secretsFor(70)
	small, smallARNs := secretsFor(40)
	tests := map[string]struct {
		grant func(ctx *pulumi.Context, role grants.Grantee) error
		want  string
	}{
		"inline total": {func(ctx *pulumi.Context, role grants.Grantee) error {
			if _, err := grants.New(ctx, "first", role, grants.Read, small); err != nil {
				return err
			}
			_, err := grants.New(ctx, "second", role, grants.Read, big)
			return err
		}, fmt.Sprintf(`grants: second: the inline policies secretsmith gives role "app" would total %d characters (grants first, second), `+
			`over IAM's quota of 10240 for a role's inline policies: put grants in managed policies with grants.ManagedPolicy() (6,144 characters each, 10 to an identity), `+
			`or grant by tag (grants.Tagged) or name prefix (grants.NamePrefix), whose documents keep one size however many secrets they cover`,
			len(readDoc(smallARNs))+len(readDoc(bigARNs)))},
		"managed size": {func(ctx *pulumi.Context, role grants.Grantee) error {
			_, err := grants.New(ctx, "g", role, grants.Read, big, grants.ManagedPolicy())
			return err
		}, fmt.Sprintf(`grants: g: the managed policy for role "app" would be %d characters, over IAM's quota of 6144 for a managed policy: `+
			`split the secrets over several grants, or grant by tag (grants.Tagged) or name prefix (grants.NamePrefix), whose documents keep one size however many secrets they cover`,
			len(readDoc(bigARNs)))},
		"managed count": {func(ctx *pulumi.Context, role grants.Grantee) error {
			for i := range 11 {
				if _, err := grants.New(ctx, fmt.Sprintf("g%02d", i), role, grants.Read, grants.Secrets(target{arn: secretARN}), grants.ManagedPolicy()); err != nil {
					return err
				}
			}
			return nil
		}, `role "app" would have 11 managed policies from secretsmith`},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := grantTo(tt.grant)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v\nwant %s", err, tt.want)
			}
		})
	}
}

// In a preview the quotas of an identity named by the program are checked already, and
// grants to a role whose name is not known yet register their policies, the grants after
// one of unknown size too.
func TestNewQuotasInPreview(t *testing.T) {
	t.Parallel()
	big, _ := secretsFor(70)
	small, _ := secretsFor(40)
	twice := func(role grants.Grantee) pulumi.RunFunc {
		return func(ctx *pulumi.Context) error {
			if _, err := grants.New(ctx, "first", role, grants.Read, small); err != nil {
				return err
			}
			_, err := grants.New(ctx, "second", role, grants.Read, big)
			return err
		}
	}
	m := pulumitest.New()
	m.DryRun = true
	if err := m.Run(twice(grants.RoleName(pulumi.String("app")))); err == nil || !strings.Contains(err.Error(), `grants: second: the inline policies secretsmith gives role "app" would total`) {
		t.Errorf("named role: got %v, want the inline quota error", err)
	}

	m = pulumitest.New()
	m.DryRun = true
	err := m.Run(func(ctx *pulumi.Context) error {
		role, err := iam.NewRole(ctx, "app", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(`{}`)})
		if err != nil {
			return err
		}
		return twice(grants.Role(role))(ctx)
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(m.ByType("aws:iam/rolePolicy:RolePolicy")); n != 2 {
		t.Errorf("%d role policies registered in the preview, want 2", n)
	}

	// A grant after one whose document is not known yet cannot be counted either.
	m = pulumitest.New()
	m.DryRun = true
	err = m.Run(func(ctx *pulumi.Context) error {
		unknown := pulumi.UnsafeUnknownOutput(nil).ApplyT(func(any) string { return "" }).(pulumi.StringOutput)
		role := grants.RoleName(pulumi.String("app"))
		if _, err := grants.New(ctx, "first", role, grants.Read, grants.Secrets(unknownTarget{unknown})); err != nil {
			return err
		}
		_, err = grants.New(ctx, "second", role, grants.Read, big)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(m.ByType("aws:iam/rolePolicy:RolePolicy")); n != 2 {
		t.Errorf("%d role policies registered in the preview, want 2", n)
	}
}

// unknownTarget is a secret whose ARN is an output.
type unknownTarget struct{ arn pulumi.StringOutput }

func (u unknownTarget) ARNForPolicies() pulumi.StringOutput  { return u.arn }
func (u unknownTarget) EncryptionKeyARN() pulumi.StringInput { return nil }

// What fits is let through: 40 secrets with a key inline, and a user's grant under 2,048.
func TestNewWithinQuotas(t *testing.T) {
	t.Parallel()
	scope, arns := secretsFor(100)
	if n := len(readDoc(arns)); n < 6144 || n > 10240 {
		t.Fatalf("fixture: %d characters, want between the managed and the inline quota", n)
	}
	if _, err := grantTo(func(ctx *pulumi.Context, role grants.Grantee) error {
		_, err := grants.New(ctx, "g", role, grants.Read, scope)
		return err
	}); err != nil {
		t.Error(err)
	}
}

// The shared access kinds hand out copies: changing what they return changes nothing.
func TestAccessIsAValue(t *testing.T) {
	t.Parallel()
	grants.Read.Actions()[0] = "changed"
	actions := []string{"secretsmanager:GetSecretValue"}
	a := grants.NewAccess("mine", actions, nil)
	actions[0] = "changed"
	if grants.Read.Actions()[0] != "secretsmanager:GetSecretValue" || a.Actions()[0] != "secretsmanager:GetSecretValue" {
		t.Errorf("Read.Actions() = %v, mine = %v", grants.Read.Actions(), a.Actions())
	}
	stmt := grants.AllowRead(grants.Account("222222222222"))
	stmt.Actions[0] = "changed"
	if grants.Read.Actions()[0] != "secretsmanager:GetSecretValue" {
		t.Errorf("AllowRead shares Read's actions: %v", grants.Read.Actions())
	}
}

func TestNewRefuses(t *testing.T) {
	t.Parallel()
	one := grants.Secrets(target{arn: secretARN})
	tests := map[string]struct {
		grantee grants.Grantee
		access  grants.Access
		scope   grants.Scope
		want    string
	}{
		"principal": {grants.Account("222222222222"), grants.Read, one,
			`grants: g: grants.Account("222222222222") is not an IAM identity of the program: give it access in the secret's resource policy (secrets.SecretArgs.ResourcePolicy)`},
		"no actions": {grants.Role(&iam.Role{}), grants.Access{}, one,
			"grants: g: the access grants no action"},
		"extra with principal": {grants.Role(&iam.Role{}), grants.NewAccess("x", []string{"a:b"}, nil, grants.Statement{Actions: []string{"a:c"}, Principals: []grants.Grantee{grants.Account("222222222222")}}), one,
			"grants: g: extra statement 0: an identity statement cannot have principals"},
		"no scope": {grants.Role(&iam.Role{}), grants.Read, grants.Scope{},
			"grants: g: the grant covers no secret: make its scope with grants.Secrets, grants.Tagged or grants.NamePrefix"},
		"no secrets": {grants.Role(&iam.Role{}), grants.Read, grants.Secrets(),
			"grants: g: grants.Secrets() names no secret"},
		"nil secret": {grants.Role(&iam.Role{}), grants.Read, grants.Secrets(target{arn: secretARN}, (*target)(nil)),
			"grants: g: grants.Secrets(...) secret 1 is nil"},
		"keys on exact": {grants.Role(&iam.Role{}), grants.Read, one.InRegions("eu-west-1"),
			"grants: g: EncryptedWith and InRegions are for grants.Tagged and grants.NamePrefix: exact secrets bring their own keys and replicas"},
		"empty tag key": {grants.Role(&iam.Role{}), grants.Read, grants.Tagged("", "x"),
			`grants: g: grants.Tagged: the tag key must be 1 to 128 characters of valid UTF-8, got ""`},
		"long tag value": {grants.Role(&iam.Role{}), grants.Read, grants.Tagged("app", strings.Repeat("v", 257)),
			"grants: g: grants.Tagged: the tag value must be at most 256 characters of valid UTF-8"},
		"wildcard prefix": {grants.Role(&iam.Role{}), grants.Read, grants.NamePrefix("prod/*"),
			`grants: g: grants.NamePrefix: the prefix must be 1 to 512 letters, digits and /_+=.@- (wildcards are added by the grant), got "prod/*"`},
		"alias key": {grants.Role(&iam.Role{}), grants.Read, grants.NamePrefix("prod/").EncryptedWith(pulumi.String("alias/app")),
			`grants: g: EncryptedWith key 0 must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), got "alias/app": IAM policies cannot name a key by ID or alias`},
		"nil key": {grants.Role(&iam.Role{}), grants.Read, grants.NamePrefix("prod/").EncryptedWith(nil),
			"grants: g: EncryptedWith key 0 is nil"},
		"bad region": {grants.Role(&iam.Role{}), grants.Read, grants.Tagged("a", "b").InRegions("Europe", "eu-west-1", "eu-west-1"),
			`grants: g: InRegions region 0 must be a region name such as eu-west-1, got "Europe"`},
		"twice region": {grants.Role(&iam.Role{}), grants.Read, grants.Tagged("a", "b").InRegions("eu-west-1", "eu-west-1"),
			`grants: g: InRegions lists "eu-west-1" twice`},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			err := pulumitest.New().Run(func(ctx *pulumi.Context) error {
				_, err := grants.New(ctx, "g", tt.grantee, tt.access, tt.scope)
				return err
			})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v; want %q", err, tt.want)
			}
		})
	}
}

// Identities known by name get their inline policy by that name: UserName a UserPolicy,
// GroupName a GroupPolicy; neither can be a resource-policy principal.
func TestNewByIdentityName(t *testing.T) {
	t.Parallel()
	m := pulumitest.New()
	err := m.Run(func(ctx *pulumi.Context) error {
		one := grants.Secrets(target{arn: secretARN})
		if _, err := grants.New(ctx, "u", grants.UserName(pulumi.String("ci-user")), grants.Read, one); err != nil {
			return err
		}
		_, err := grants.New(ctx, "g", grants.GroupName(pulumi.String("readers")), grants.Write, one)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if u := m.MustFind(t, "aws:iam/userPolicy:UserPolicy", "u-policy"); u.String("user") != "ci-user" || !strings.Contains(u.String("policy"), "secretsmanager:GetSecretValue") {
		t.Errorf("user policy: user %q, policy %s", u.String("user"), u.String("policy"))
	}
	if g := m.MustFind(t, "aws:iam/groupPolicy:GroupPolicy", "g-policy"); g.String("group") != "readers" || !strings.Contains(g.String("policy"), "secretsmanager:PutSecretValue") {
		t.Errorf("group policy: group %q, policy %s", g.String("group"), g.String("policy"))
	}
	for grantee, want := range map[grants.Grantee]string{
		grants.UserName(pulumi.String("ci-user")):  "[0]: grants.UserName(...) cannot be a principal of a resource policy, which names users by ARN: use grants.ARN, or grant the user with GrantRead or GrantWrite",
		grants.GroupName(pulumi.String("readers")): "[0]: grants.GroupName(...) cannot be a principal of a resource policy: grant the group with GrantRead or GrantWrite",
	} {
		got := grantshook.ResourcePolicyOf([]grants.Statement{grants.AllowRead(grantee)}).Problems()
		if len(got) != 1 || got[0].Error() != want {
			t.Errorf("resource policy problems %v; want %q", got, want)
		}
	}
}
