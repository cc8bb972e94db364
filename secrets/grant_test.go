package secrets_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/internal/pulumitest"
	"github.com/secretsmith/secretsmith/secrets"
)

const (
	keyARN     = "arn:aws:kms:us-east-1:123456789012:key/1234abcd"
	rolePolicy = "aws:iam/rolePolicy:RolePolicy"
	viaUSEast1 = "secretsmanager.us-east-1.amazonaws.com"
)

// doc is a policy document as the tests read it.
type doc struct {
	Version   string
	Statement []stmt
}

type stmt struct {
	Sid       string
	Effect    string
	Principal map[string][]string
	Action    []string
	Resource  []string
	Condition map[string]map[string][]string
}

func parseDoc(t *testing.T, s string) doc {
	t.Helper()
	var d doc
	if err := json.Unmarshal([]byte(s), &d); err != nil {
		t.Fatalf("policy is not JSON: %v\n%s", err, s)
	}
	if d.Version != "2012-10-17" {
		t.Errorf("Version = %q", d.Version)
	}
	return d
}

func policyOf(t *testing.T, r pulumitest.Resource) doc {
	t.Helper()
	v, _ := r.Input("policy")
	if !v.IsString() {
		t.Fatalf("%s has no known policy: %v", r.Name, v)
	}
	return parseDoc(t, v.StringValue())
}

func via(region string) map[string]map[string][]string {
	return map[string]map[string][]string{"StringEquals": {"kms:ViaService": {"secretsmanager." + region + ".amazonaws.com"}}}
}

// grantProgram makes a role "app" and a secret "s" from args, lets body grant on it, and
// returns the mock and the secret's ARN.
func grantProgram(t *testing.T, args *secrets.SecretArgs, body func(ctx *pulumi.Context, s *secrets.Secret, role *iam.Role) error) (*pulumitest.Mock, string) {
	t.Helper()
	var arn *pulumitest.Captured
	m := run(t, func(ctx *pulumi.Context) error {
		role, err := iam.NewRole(ctx, "app", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(`{}`)})
		if err != nil {
			return err
		}
		s, err := secrets.NewSecret(ctx, "s", args)
		if err != nil {
			return err
		}
		arn = pulumitest.Capture(ctx, s.ARN)
		return body(ctx, s, role)
	})
	return m, arn.String()
}

// CDK secret.test.ts 14: grantRead gives exactly the two read actions on exactly the secret.
func TestGrantRead(t *testing.T) {
	t.Parallel()
	m, arn := grantProgram(t, nil, func(ctx *pulumi.Context, s *secrets.Secret, role *iam.Role) error {
		_, err := s.GrantRead(ctx, "read", grants.Role(role))
		return err
	})
	p := m.MustFind(t, rolePolicy, "read-policy")
	if p.String("role") != "app" {
		t.Errorf("policy attached to role %q; want app", p.String("role"))
	}
	want := []stmt{{Effect: "Allow", Action: []string{"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"}, Resource: []string{arn}}}
	if got := policyOf(t, p).Statement; !reflect.DeepEqual(got, want) {
		t.Errorf("statements = %+v; want %+v", got, want)
	}
	comp := m.MustFind(t, grants.GrantType, "read")
	if p.Parent != comp.URN {
		t.Errorf("policy parent = %q; want the Grant component", p.Parent)
	}
}

// CDK secret.test.ts 16 and the "done when": a role granted read on a KMS-encrypted
// secret may call GetSecretValue on exactly that secret and Decrypt through Secrets Manager
// only, and nothing else.
func TestGrantReadWithKMS(t *testing.T) {
	t.Parallel()
	m, arn := grantProgram(t, &secrets.SecretArgs{EncryptionKey: pulumi.String(keyARN)}, func(ctx *pulumi.Context, s *secrets.Secret, role *iam.Role) error {
		_, err := s.GrantRead(ctx, "read", grants.Role(role))
		return err
	})
	want := []stmt{
		{Effect: "Allow", Action: []string{"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"}, Resource: []string{arn}},
		{Effect: "Allow", Action: []string{"kms:Decrypt"}, Resource: []string{keyARN}, Condition: via("us-east-1")},
	}
	if got := policyOf(t, m.MustFind(t, rolePolicy, "read-policy")).Statement; !reflect.DeepEqual(got, want) {
		t.Errorf("statements = %+v; want %+v", got, want)
	}
	if len(m.ByType("aws:kms/grant:Grant")) != 0 || len(m.ByType("aws:secretsmanager/secretPolicy:SecretPolicy")) != 0 {
		t.Error("an identity grant created a KMS grant or a resource policy")
	}
}

// CDK secret.test.ts 18: a version-stage constraint.
func TestGrantReadVersionStages(t *testing.T) {
	t.Parallel()
	m, _ := grantProgram(t, &secrets.SecretArgs{EncryptionKey: pulumi.String(keyARN)}, func(ctx *pulumi.Context, s *secrets.Secret, role *iam.Role) error {
		_, err := s.GrantRead(ctx, "read", grants.Role(role), grants.VersionStages("FOO", "bar"))
		return err
	})
	got := policyOf(t, m.MustFind(t, rolePolicy, "read-policy")).Statement
	want := map[string]map[string][]string{"ForAnyValue:StringEquals": {"secretsmanager:VersionStage": {"FOO", "bar"}}}
	if !reflect.DeepEqual(got[0].Condition, want) {
		t.Errorf("condition = %v; want %v", got[0].Condition, want)
	}
	if len(got) != 2 || got[1].Condition["StringEquals"] == nil {
		t.Errorf("the KMS statement is missing: %+v", got)
	}
}

// CDK secret.test.ts 19 and 20: grantWrite, with and without a key.
func TestGrantWrite(t *testing.T) {
	t.Parallel()
	writeActions := []string{"secretsmanager:PutSecretValue", "secretsmanager:UpdateSecret", "secretsmanager:UpdateSecretVersionStage"}
	for _, withKey := range []bool{false, true} {
		args := &secrets.SecretArgs{}
		if withKey {
			args.EncryptionKey = pulumi.String(keyARN)
		}
		m, arn := grantProgram(t, args, func(ctx *pulumi.Context, s *secrets.Secret, role *iam.Role) error {
			_, err := s.GrantWrite(ctx, "write", grants.Role(role))
			return err
		})
		want := []stmt{{Effect: "Allow", Action: writeActions, Resource: []string{arn}}}
		if withKey {
			want = append(want, stmt{Effect: "Allow", Action: []string{"kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"}, Resource: []string{keyARN}, Condition: via("us-east-1")})
		}
		if got := policyOf(t, m.MustFind(t, rolePolicy, "write-policy")).Statement; !reflect.DeepEqual(got, want) {
			t.Errorf("withKey=%v: statements = %+v; want %+v", withKey, got, want)
		}
	}
}

func TestGrantToUserAndGroup(t *testing.T) {
	t.Parallel()
	m := run(t, func(ctx *pulumi.Context) error {
		u, err := iam.NewUser(ctx, "ops", nil)
		if err != nil {
			return err
		}
		g, err := iam.NewGroup(ctx, "devs", nil)
		if err != nil {
			return err
		}
		s, err := secrets.NewSecret(ctx, "s", nil)
		if err != nil {
			return err
		}
		if _, err := s.GrantRead(ctx, "user-read", grants.User(u)); err != nil {
			return err
		}
		_, err = s.GrantWrite(ctx, "group-write", grants.Group(g))
		return err
	})
	if got := m.MustFind(t, "aws:iam/userPolicy:UserPolicy", "user-read-policy").String("user"); got != "ops" {
		t.Errorf("user policy on %q; want ops", got)
	}
	if got := m.MustFind(t, "aws:iam/groupPolicy:GroupPolicy", "group-write-policy").String("group"); got != "devs" {
		t.Errorf("group policy on %q; want devs", got)
	}
}

// CDK cross-account-grants.test.ts and secret.test.ts 35, 38, 48, 61–63: grants on imports
// name the exact ARN when complete, and "-??????" otherwise; imported keys get their KMS
// statements (the aws-cdk #20087 fix).
func TestGrantOnImports(t *testing.T) {
	t.Parallel()
	const importedKey = "arn:aws:kms:eu-west-1:111111111111:key/imported"
	tests := map[string]struct {
		imp      func(ctx *pulumi.Context) (secrets.Reference, error)
		resource string
		key      string
		region   string
	}{
		"complete ARN": {func(ctx *pulumi.Context) (secrets.Reference, error) {
			return secrets.FromSecretCompleteARN(ctx, "imp", pulumi.String(completeARN))
		}, completeARN, "", ""},
		"partial ARN": {func(ctx *pulumi.Context) (secrets.Reference, error) {
			return secrets.FromSecretPartialARN(ctx, "imp", pulumi.String(partialARN))
		}, partialARN + "-??????", "", ""},
		"name": {func(ctx *pulumi.Context) (secrets.Reference, error) {
			return secrets.FromSecretName(ctx, "imp", pulumi.String("mySecretName"))
		}, "arn:aws:secretsmanager:us-east-1:123456789012:secret:mySecretName-??????", "", ""},
		"attributes with key": {func(ctx *pulumi.Context) (secrets.Reference, error) {
			return secrets.FromSecretAttributes(ctx, "imp", &secrets.SecretAttributes{SecretCompleteARN: pulumi.String(completeARN), EncryptionKey: pulumi.String(importedKey)})
		}, completeARN, importedKey, "eu-west-1"},
		"partial with key": {func(ctx *pulumi.Context) (secrets.Reference, error) {
			return secrets.FromSecretAttributes(ctx, "imp", &secrets.SecretAttributes{SecretPartialARN: pulumi.String(partialARN), EncryptionKey: pulumi.String(importedKey)})
		}, partialARN + "-??????", importedKey, "eu-west-1"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m := run(t, func(ctx *pulumi.Context) error {
				role, err := iam.NewRole(ctx, "app", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(`{}`)})
				if err != nil {
					return err
				}
				s, err := tt.imp(ctx)
				if err != nil {
					return err
				}
				if _, err := s.GrantRead(ctx, "read", grants.Role(role)); err != nil {
					return err
				}
				_, err = s.GrantWrite(ctx, "write", grants.Role(role))
				return err
			})
			for _, g := range []string{"read-policy", "write-policy"} {
				got := policyOf(t, m.MustFind(t, rolePolicy, g)).Statement
				if !reflect.DeepEqual(got[0].Resource, []string{tt.resource}) {
					t.Errorf("%s resource = %v; want %s", g, got[0].Resource, tt.resource)
				}
				if tt.key == "" && len(got) != 1 {
					t.Errorf("%s has %d statements; want 1 (no key)", g, len(got))
				}
				if tt.key != "" && (len(got) != 2 || got[1].Resource[0] != tt.key || !reflect.DeepEqual(got[1].Condition, via(tt.region))) {
					t.Errorf("%s KMS statement = %+v; want %s via %s", g, got, tt.key, tt.region)
				}
			}
		})
	}
}

// CDK secret.test.ts 17 and grant-cross-account: another account reads through the resource
// policy, with the version-stage condition, and gets a KMS grant on the key.
func TestCrossAccountRead(t *testing.T) {
	t.Parallel()
	m, arn := grantProgram(t, &secrets.SecretArgs{
		EncryptionKey:  pulumi.String(keyARN),
		ResourcePolicy: []grants.Statement{grants.AllowRead(grants.Account("222222222222"), grants.VersionStages("AWSCURRENT"))},
	}, func(*pulumi.Context, *secrets.Secret, *iam.Role) error { return nil })
	policies := m.ByType("aws:secretsmanager/secretPolicy:SecretPolicy")
	if len(policies) != 1 {
		t.Fatalf("%d resource policies; want exactly 1", len(policies))
	}
	p := policies[0]
	if p.Name != "s-policy" || p.String("secretArn") != arn {
		t.Errorf("policy %s on %q; want s-policy on %s", p.Name, p.String("secretArn"), arn)
	}
	if v, _ := p.Input("blockPublicPolicy"); !v.IsBool() || !v.BoolValue() {
		t.Errorf("blockPublicPolicy = %v; want true by default", v)
	}
	want := []stmt{{
		Effect: "Allow", Principal: map[string][]string{"AWS": {"arn:aws:iam::222222222222:root"}},
		Action:    []string{"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"},
		Resource:  []string{arn},
		Condition: map[string]map[string][]string{"ForAnyValue:StringEquals": {"secretsmanager:VersionStage": {"AWSCURRENT"}}},
	}}
	if got := policyOf(t, p).Statement; !reflect.DeepEqual(got, want) {
		t.Errorf("statements = %+v; want %+v", got, want)
	}
	kg := m.MustFind(t, "aws:kms/grant:Grant", "s-kms-0")
	if kg.String("keyId") != keyARN || kg.String("granteePrincipal") != "arn:aws:iam::222222222222:root" {
		t.Errorf("kms grant = key %q grantee %q", kg.String("keyId"), kg.String("granteePrincipal"))
	}
	ops, _ := kg.Input("operations")
	if len(ops.ArrayValue()) != 1 || ops.ArrayValue()[0].StringValue() != "Decrypt" {
		t.Errorf("operations = %v; want [Decrypt]", ops)
	}
	cons, _ := kg.Input("constraints")
	ctxSubset := cons.ArrayValue()[0].ObjectValue()["encryptionContextSubset"].ObjectValue()
	if ctxSubset["SecretARN"].StringValue() != arn {
		t.Errorf("constraint = %v; want SecretARN = %s", ctxSubset, arn)
	}
}

func TestCrossAccountWriteByARN(t *testing.T) {
	t.Parallel()
	const other = "arn:aws:iam::222222222222:role/writer"
	m, _ := grantProgram(t, &secrets.SecretArgs{
		EncryptionKey:  pulumi.String(keyARN),
		ResourcePolicy: []grants.Statement{grants.AllowWrite(grants.ARN(other))},
	}, func(*pulumi.Context, *secrets.Secret, *iam.Role) error { return nil })
	got := policyOf(t, m.MustFind(t, "aws:secretsmanager/secretPolicy:SecretPolicy", "s-policy")).Statement
	if !reflect.DeepEqual(got[0].Principal, map[string][]string{"AWS": {other}}) {
		t.Errorf("principal = %v", got[0].Principal)
	}
	kg := m.MustFind(t, "aws:kms/grant:Grant", "s-kms-0")
	ops, _ := kg.Input("operations")
	if kg.String("granteePrincipal") != other || len(ops.ArrayValue()) != 2 || ops.ArrayValue()[0].StringValue() != "Encrypt" || ops.ArrayValue()[1].StringValue() != "GenerateDataKey" {
		t.Errorf("kms grant = %q %v; want Encrypt, GenerateDataKey for %s", kg.String("granteePrincipal"), ops, other)
	}
}

// grant-read-same-account-principal: the account's own root reads without a customer key.
func TestSameAccountPrincipalWithoutKey(t *testing.T) {
	t.Parallel()
	m, _ := grantProgram(t, &secrets.SecretArgs{
		ResourcePolicy: []grants.Statement{grants.AllowRead(grants.Account("123456789012")), grants.AllowRead(grants.Service("lambda.amazonaws.com"))},
	}, func(*pulumi.Context, *secrets.Secret, *iam.Role) error { return nil })
	got := policyOf(t, m.MustFind(t, "aws:secretsmanager/secretPolicy:SecretPolicy", "s-policy")).Statement
	if !reflect.DeepEqual(got[1].Principal, map[string][]string{"Service": {"lambda.amazonaws.com"}}) {
		t.Errorf("service principal = %v", got[1].Principal)
	}
	if len(m.ByType("aws:kms/grant:Grant")) != 0 {
		t.Error("KMS grants without a key")
	}
}

// CDK V9/V10 (fail-cross-account-no-key, secret.test.ts 15): another account without a key.
func TestCrossAccountWithoutKeyFails(t *testing.T) {
	t.Parallel()
	for _, g := range []grants.Grantee{grants.Account("222222222222"), grants.ARN("arn:aws:iam::222222222222:role/r")} {
		err := pulumitest.New().Run(func(ctx *pulumi.Context) error {
			_, err := secrets.NewSecret(ctx, "s", &secrets.SecretArgs{ResourcePolicy: []grants.Statement{grants.AllowWrite(g)}})
			return err
		})
		want := "ResourcePolicy[0]: kms key must be provided for cross-account access to a secret: " + g.String() + " is not in the program's account 123456789012; set EncryptionKey to a customer managed key"
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v; want %q", err, want)
		}
	}
}

// CDK secret.test.ts 55: a free-form statement, its resource defaulting to the secret, plus
// denyAccountRootDelete; still exactly one policy.
func TestResourcePolicyStatements(t *testing.T) {
	t.Parallel()
	no := false
	m, arn := grantProgram(t, &secrets.SecretArgs{
		ResourcePolicy: []grants.Statement{
			{Sid: "ops", Principals: []grants.Grantee{grants.ARN("arn:aws:iam::123456789012:user/ops")}, Actions: []string{"secretsmanager:DescribeSecret"}},
			{Effect: grants.Deny, Principals: []grants.Grantee{grants.Account("123456789012")}, Actions: []string{"secretsmanager:PutResourcePolicy"}, Resources: []string{"*"}},
		},
		DenyAccountRootDelete: true,
		BlockPublicPolicy:     &no,
	}, func(*pulumi.Context, *secrets.Secret, *iam.Role) error { return nil })
	policies := m.ByType("aws:secretsmanager/secretPolicy:SecretPolicy")
	if len(policies) != 1 {
		t.Fatalf("%d resource policies; want 1", len(policies))
	}
	if v, _ := policies[0].Input("blockPublicPolicy"); v.BoolValue() {
		t.Error("blockPublicPolicy is true; want false as set")
	}
	want := []stmt{
		{Sid: "ops", Effect: "Allow", Principal: map[string][]string{"AWS": {"arn:aws:iam::123456789012:user/ops"}}, Action: []string{"secretsmanager:DescribeSecret"}, Resource: []string{arn}},
		{Effect: "Deny", Principal: map[string][]string{"AWS": {"arn:aws:iam::123456789012:root"}}, Action: []string{"secretsmanager:PutResourcePolicy"}, Resource: []string{"*"}},
		{Effect: "Deny", Principal: map[string][]string{"AWS": {"arn:aws:iam::123456789012:root"}}, Action: []string{"secretsmanager:DeleteSecret"}, Resource: []string{"*"}},
	}
	if got := policyOf(t, policies[0]).Statement; !reflect.DeepEqual(got, want) {
		t.Errorf("statements = %+v; want %+v", got, want)
	}
}

func TestNoResourcePolicyByDefault(t *testing.T) {
	t.Parallel()
	m := newSecret(t, &secrets.SecretArgs{EncryptionKey: pulumi.String(keyARN)})
	if n := len(m.ByType("aws:secretsmanager/secretPolicy:SecretPolicy")) + len(m.ByType("aws:kms/grant:Grant")); n != 0 {
		t.Errorf("%d policies or grants; want none", n)
	}
}

// A principal-only grantee after construction is refused with the fix, and nothing is
// created (never a second resource policy).
func TestGrantPrincipalAfterConstruction(t *testing.T) {
	t.Parallel()
	m := pulumitest.New()
	var ownedErr, importedErr error
	if err := m.Run(func(ctx *pulumi.Context) error {
		s, err := secrets.NewSecret(ctx, "s", &secrets.SecretArgs{EncryptionKey: pulumi.String(keyARN)})
		if err != nil {
			return err
		}
		_, ownedErr = s.GrantRead(ctx, "x", grants.Account("222222222222"))
		imp, err := secrets.FromSecretCompleteARN(ctx, "imp", pulumi.String(completeARN))
		if err != nil {
			return err
		}
		_, importedErr = imp.GrantWrite(ctx, "y", grants.Service("lambda.amazonaws.com"))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	const wantOwned = `secrets: GrantRead("x"): grants.Account("222222222222") is not an IAM identity of the program and needs the secret's resource policy, which is declared once, when the secret is created: add grants.AllowRead(grants.Account("222222222222")) to SecretArgs.ResourcePolicy`
	if ownedErr == nil || ownedErr.Error() != wantOwned {
		t.Errorf("owned: got %v; want %q", ownedErr, wantOwned)
	}
	if importedErr == nil || !strings.Contains(importedErr.Error(), `secrets: GrantWrite("y"): grants.Service("lambda.amazonaws.com") needs the secret's resource policy, and an imported secret's resource policy belongs to the program or account that owns the secret: declare grants.AllowWrite(grants.Service("lambda.amazonaws.com")) there`) {
		t.Errorf("imported: got %v", importedErr)
	}
	if n := len(m.ByType("aws:secretsmanager/secretPolicy:SecretPolicy")) + len(m.ByType(grants.GrantType)); n != 0 {
		t.Errorf("%d policies or grants were created", n)
	}
}

// CDK V22/V23 (secret.test.ts 56, 57) and the other statement and grantee errors.
func TestResourcePolicyErrors(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		stmts []grants.Statement
		want  string
	}{
		"no actions": {[]grants.Statement{{Principals: []grants.Grantee{grants.Account("123456789012")}}},
			"secrets: ResourcePolicy[0]: a statement must have at least one action"},
		"no principals": {[]grants.Statement{{Actions: []string{"secretsmanager:GetSecretValue"}}},
			"secrets: ResourcePolicy[0]: a statement in a resource policy must have at least one principal"},
		"bad effect": {[]grants.Statement{{Effect: "Maybe", Principals: []grants.Grantee{grants.Account("123456789012")}, Actions: []string{"a:b"}}},
			`secrets: ResourcePolicy[0]: Effect must be grants.Allow or grants.Deny, got "Maybe"`},
		"empty stage": {[]grants.Statement{grants.AllowRead(grants.Account("222222222222"), grants.VersionStages(""))},
			"secrets: ResourcePolicy[0]: VersionStages must name staging labels, got an empty one"},
		"short account": {[]grants.Statement{grants.AllowRead(grants.Account("1234"))},
			`secrets: ResourcePolicy[0]: grants.Account("1234"): an account ID is 12 digits`},
		"bad service": {[]grants.Statement{grants.AllowRead(grants.Service("lambda"))},
			`secrets: ResourcePolicy[0]: grants.Service("lambda"): a service principal looks like lambda.amazonaws.com`},
		"bad ARN": {[]grants.Statement{grants.AllowRead(grants.ARN("arn:aws:s3:::bucket"))},
			`secrets: ResourcePolicy[0]: grants.ARN("arn:aws:s3:::bucket"): want the ARN of an IAM role or user`},
		"empty grantee": {[]grants.Statement{grants.AllowRead(grants.Grantee{})},
			"secrets: ResourcePolicy[0]: the grantee is empty: make it with grants.Role, User, Group, Account, Service or ARN"},
		"nil role": {[]grants.Statement{grants.AllowRead(grants.Role(nil))},
			"secrets: ResourcePolicy[0]: grants.Role(...) was given a nil resource"},
		"group principal": {[]grants.Statement{grants.AllowRead(grants.Group(&iam.Group{}))},
			"secrets: ResourcePolicy[0]: grants.Group(...) cannot be a principal of a resource policy"},
		"second statement": {[]grants.Statement{grants.AllowRead(grants.Account("123456789012")), {Actions: []string{"a:b"}}},
			"secrets: ResourcePolicy[1]: a statement in a resource policy must have at least one principal"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m := pulumitest.New()
			err := m.Run(func(ctx *pulumi.Context) error {
				_, err := secrets.NewSecret(ctx, "s", &secrets.SecretArgs{EncryptionKey: pulumi.String(keyARN), ResourcePolicy: tt.stmts})
				return err
			})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v; want %q", err, tt.want)
			}
			if len(m.Resources()) != 0 {
				t.Error("resources were registered before the error")
			}
		})
	}
}

func TestGrantErrors(t *testing.T) {
	t.Parallel()
	role := func(ctx *pulumi.Context) grants.Grantee {
		r, _ := iam.NewRole(ctx, "r", &iam.RoleArgs{AssumeRolePolicy: pulumi.String("{}")})
		return grants.Role(r)
	}
	for _, tt := range []struct {
		grantee func(*pulumi.Context) grants.Grantee
		opts    []grants.Option
		want    string
	}{
		{func(*pulumi.Context) grants.Grantee { return grants.Grantee{} }, nil, `grants: g: the grantee is empty`},
		{func(*pulumi.Context) grants.Grantee { return grants.Role(nil) }, nil, `grants: g: grants.Role(...) was given a nil resource`},
		{func(*pulumi.Context) grants.Grantee { return grants.User(nil) }, nil, `grants: g: grants.User(...) was given a nil resource`},
		{role, []grants.Option{grants.VersionStages("AWSCURRENT", "")}, `grants: g: VersionStages must name staging labels, got an empty one`},
	} {
		err := pulumitest.New().Run(func(ctx *pulumi.Context) error {
			s, err := secrets.NewSecret(ctx, "s", nil)
			if err != nil {
				return err
			}
			_, err = s.GrantRead(ctx, "g", tt.grantee(ctx), tt.opts...)
			return err
		})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("got %v; want %q", err, tt.want)
		}
	}
}

// ResourceOptions reach the Grant component: here it is parented to the secret.
func TestGrantResourceOptions(t *testing.T) {
	t.Parallel()
	m, _ := grantProgram(t, nil, func(ctx *pulumi.Context, s *secrets.Secret, role *iam.Role) error {
		_, err := s.GrantRead(ctx, "read", grants.Role(role), grants.ResourceOptions(pulumi.Parent(s)))
		return err
	})
	if got, want := m.MustFind(t, grants.GrantType, "read").Parent, m.MustFind(t, secrets.SecretType, "s").URN; got != want {
		t.Errorf("grant parent = %q; want the secret %q", got, want)
	}
}
