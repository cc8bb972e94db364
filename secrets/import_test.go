package secrets_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/pulumitest"
	"github.com/secretsmith/secretsmith/secrets"
)

const (
	completeARN = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:MySecret-f3gDy9"
	partialARN  = "arn:aws:secretsmanager:eu-west-1:111111111111:secret:MySecret"
)

// captured is what a Reference reports, read after the program ran.
type captured struct {
	arn, fullARN, name, forPolicies *pulumitest.Captured
	hasFull, hasKey                 bool
	key                             *pulumitest.Captured
}

func capture(ctx *pulumi.Context, ref secrets.Reference) *captured {
	c := &captured{arn: pulumitest.Capture(ctx, ref.SecretARN()), name: pulumitest.Capture(ctx, ref.SecretName()),
		forPolicies: pulumitest.Capture(ctx, ref.ARNForPolicies())}
	if full, ok := ref.SecretFullARN(); ok {
		c.hasFull, c.fullARN = true, pulumitest.Capture(ctx, full)
	}
	if k := ref.EncryptionKeyARN(); k != nil {
		c.hasKey, c.key = true, pulumitest.Capture(ctx, k.ToStringOutput())
	}
	return c
}

// importOne runs a program that imports one secret with fn and captures it.
func importOne(t *testing.T, m *pulumitest.Mock, fn func(ctx *pulumi.Context) (secrets.Reference, error)) *captured {
	t.Helper()
	var c *captured
	if err := m.Run(func(ctx *pulumi.Context) error {
		ref, err := fn(ctx)
		if err != nil {
			return err
		}
		c = capture(ctx, ref)
		return nil
	}); err != nil {
		t.Fatalf("program failed: %v", err)
	}
	if n := len(m.Resources()); n != 0 {
		t.Errorf("an import registered %d resources; want none", n)
	}
	return c
}

// CDK secret.test.ts 34: fromSecretCompleteArn.
func TestFromSecretCompleteARN(t *testing.T) {
	t.Parallel()
	c := importOne(t, pulumitest.New(), func(ctx *pulumi.Context) (secrets.Reference, error) {
		return secrets.FromSecretCompleteARN(ctx, "imp", pulumi.String(completeARN))
	})
	if c.arn.String() != completeARN || !c.hasFull || c.fullARN.String() != completeARN {
		t.Errorf("SecretARN = %q, SecretFullARN = %v; want the complete ARN", c.arn.String(), c.hasFull)
	}
	if c.name.String() != "MySecret" {
		t.Errorf("SecretName = %q; want MySecret", c.name.String())
	}
	if c.forPolicies.String() != completeARN {
		t.Errorf("ARNForPolicies = %q; want the exact ARN", c.forPolicies.String())
	}
	if c.hasKey {
		t.Error("an import without a key reports one")
	}
}

// CDK secret.test.ts 37 and 38: fromSecretPartialArn.
func TestFromSecretPartialARN(t *testing.T) {
	t.Parallel()
	c := importOne(t, pulumitest.New(), func(ctx *pulumi.Context) (secrets.Reference, error) {
		return secrets.FromSecretPartialARN(ctx, "imp", pulumi.String(partialARN))
	})
	if c.hasFull {
		t.Error("SecretFullARN is present for a partial ARN")
	}
	if c.arn.String() != partialARN || c.name.String() != "MySecret" {
		t.Errorf("SecretARN = %q, SecretName = %q", c.arn.String(), c.name.String())
	}
	if c.forPolicies.String() != partialARN+"-??????" {
		t.Errorf("ARNForPolicies = %q; want %q", c.forPolicies.String(), partialARN+"-??????")
	}
}

// CDK strips a 6-character segment from partial ARNs too; we strip it from complete ARNs
// only (CDK secret.test.ts 31 for the complete cases).
func TestImportNamesKeepPartialSegments(t *testing.T) {
	t.Parallel()
	tests := []struct {
		complete bool
		arn      string
		want     string
	}{
		{false, "arn:aws:secretsmanager:eu-west-1:111111111111:secret:xyz-secret", "xyz-secret"},
		{true, "arn:aws:secretsmanager:eu-west-1:111111111111:secret:github-token-f3gDy9", "github-token"},
		{true, "arn:aws:secretsmanager:eu-west-1:111111111111:secret:github-token-f3gDy9-acb123", "github-token-f3gDy9"},
		{false, "arn:aws:secretsmanager:eu-west-1:111111111111:secret:github-token", "github-token"},
	}
	for _, tt := range tests {
		m := pulumitest.New()
		c := importOne(t, m, func(ctx *pulumi.Context) (secrets.Reference, error) {
			if tt.complete {
				return secrets.FromSecretCompleteARN(ctx, "imp", pulumi.String(tt.arn))
			}
			return secrets.FromSecretPartialARN(ctx, "imp", pulumi.String(tt.arn))
		})
		if c.name.String() != tt.want {
			t.Errorf("name of %s = %q; want %q", tt.arn, c.name.String(), tt.want)
		}
		if tt.arn == "arn:aws:secretsmanager:eu-west-1:111111111111:secret:xyz-secret" && len(m.Warnings()) != 1 {
			t.Errorf("warnings = %q; want one about the suffix-like ending", m.Warnings())
		}
	}
}

// CDK secret.test.ts 39: attributes keep the key.
func TestFromSecretAttributesWithKey(t *testing.T) {
	t.Parallel()
	const key = "arn:aws:kms:eu-west-1:111111111111:key/k"
	c := importOne(t, pulumitest.New(), func(ctx *pulumi.Context) (secrets.Reference, error) {
		return secrets.FromSecretAttributes(ctx, "imp", &secrets.SecretAttributes{
			SecretCompleteARN: pulumi.String(completeARN), EncryptionKey: pulumi.String(key),
		})
	})
	if !c.hasKey || c.key.String() != key {
		t.Errorf("EncryptionKeyARN = %v; want %s", c.key, key)
	}
}

// CDK secret.test.ts 32: an ARN from another stack is parsed once known.
func TestImportUnknownARN(t *testing.T) {
	t.Parallel()
	c := importOne(t, pulumitest.New(), func(ctx *pulumi.Context) (secrets.Reference, error) {
		return secrets.FromSecretCompleteARN(ctx, "imp", pulumi.String(completeARN).ToStringOutput())
	})
	if c.name.String() != "MySecret" {
		t.Errorf("SecretName = %q; want MySecret", c.name.String())
	}
}

// CDK secret.test.ts 29, 41–43 and the fail-import-* scenarios, in Go style.
func TestImportErrors(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		fn   func(ctx *pulumi.Context) (secrets.Reference, error)
		want string
	}{
		"neither ARN": {func(ctx *pulumi.Context) (secrets.Reference, error) {
			return secrets.FromSecretAttributes(ctx, "imp", &secrets.SecretAttributes{})
		}, "secrets: imp: give exactly one of SecretCompleteARN and SecretPartialARN, got neither"},
		"nil attributes": {func(ctx *pulumi.Context) (secrets.Reference, error) {
			return secrets.FromSecretAttributes(ctx, "imp", nil)
		}, "got neither"},
		"complete ARN without a name": {func(ctx *pulumi.Context) (secrets.Reference, error) {
			return secrets.FromSecretCompleteARN(ctx, "imp", pulumi.String("arn:aws:secretsmanager:eu-west-1:111111111111:secret:-AbC123"))
		}, "secrets: imp: SecretCompleteARN has no secret name before its suffix"},
		"name too long": {func(ctx *pulumi.Context) (secrets.Reference, error) {
			return secrets.FromSecretPartialARN(ctx, "imp", pulumi.String("arn:aws:secretsmanager:eu-west-1:111111111111:secret:"+strings.Repeat("n", 513)))
		}, "secrets: imp: SecretPartialARN names a secret of 513 characters; Secrets Manager allows at most 512"},
		"nil name": {func(ctx *pulumi.Context) (secrets.Reference, error) {
			return secrets.FromSecretName(ctx, "imp", nil)
		}, "secrets: imp: the secret name is required"},
		"nil lookup": {func(ctx *pulumi.Context) (secrets.Reference, error) {
			return secrets.LookupSecret(ctx, "imp", nil)
		}, "secrets: imp: the secret's name or ARN is required"},
		"both ARNs": {func(ctx *pulumi.Context) (secrets.Reference, error) {
			return secrets.FromSecretAttributes(ctx, "imp", &secrets.SecretAttributes{SecretCompleteARN: pulumi.String(completeARN), SecretPartialARN: pulumi.String(partialARN)})
		}, "secrets: imp: give exactly one of SecretCompleteARN and SecretPartialARN, got both"},
		"complete without suffix": {func(ctx *pulumi.Context) (secrets.Reference, error) {
			return secrets.FromSecretCompleteARN(ctx, "imp", pulumi.String(partialARN))
		}, `secrets: imp: SecretCompleteARN does not appear to be complete: "` + partialARN + `" is missing the 6-character suffix (use SecretPartialARN)`},
		"no secret name": {func(ctx *pulumi.Context) (secrets.Reference, error) {
			return secrets.FromSecretPartialARN(ctx, "imp", pulumi.String("arn:aws:secretsmanager:eu-west-1:111111111111:secret:"))
		}, "secrets: imp: SecretPartialARN: invalid ARN format: no secret name"},
		"not a secret ARN": {func(ctx *pulumi.Context) (secrets.Reference, error) {
			return secrets.FromSecretPartialARN(ctx, "imp", pulumi.String("arn:aws:s3:::bucket"))
		}, `secrets: imp: SecretPartialARN: "arn:aws:s3:::bucket" is not a Secrets Manager ARN`},
		"account not 12 digits": {func(ctx *pulumi.Context) (secrets.Reference, error) {
			return secrets.FromSecretCompleteARN(ctx, "imp", pulumi.String("arn:aws:secretsmanager:eu-west-1:1234:secret:s-AbC123"))
		}, `account "1234" is not 12 digits`},
		"unknown ARN checked once known": {func(ctx *pulumi.Context) (secrets.Reference, error) {
			ref, err := secrets.FromSecretCompleteARN(ctx, "imp", pulumi.String(partialARN).ToStringOutput())
			if err == nil {
				ctx.Export("arn", ref.SecretARN())
			}
			return ref, err
		}, "SecretCompleteARN does not appear to be complete"},
		"key alias": {func(ctx *pulumi.Context) (secrets.Reference, error) {
			return secrets.FromSecretAttributes(ctx, "imp", &secrets.SecretAttributes{SecretCompleteARN: pulumi.String(completeARN), EncryptionKey: pulumi.String("alias/legacy")})
		}, `secrets: imp: EncryptionKey must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), got "alias/legacy"`},
		"key in another region": {func(ctx *pulumi.Context) (secrets.Reference, error) {
			return secrets.FromSecretAttributes(ctx, "imp", &secrets.SecretAttributes{SecretCompleteARN: pulumi.String(completeARN),
				EncryptionKey: pulumi.String("arn:aws:kms:us-west-2:111111111111:key/k")})
		}, "secrets: imp: EncryptionKey is in region us-west-2, but the secret is in eu-west-1: Secrets Manager needs a key in the secret's region"},
		"key from another stack checked once known": {func(ctx *pulumi.Context) (secrets.Reference, error) {
			ref, err := secrets.FromSecretAttributes(ctx, "imp", &secrets.SecretAttributes{SecretCompleteARN: pulumi.String(completeARN),
				EncryptionKey: pulumi.ToSecret(pulumi.String("arn:aws-cn:kms:eu-west-1:111111111111:key/hidden")).(pulumi.StringOutput)})
			if err == nil {
				ctx.Export("key", ref.EncryptionKeyARN())
			}
			return ref, err
		}, "secrets: imp: EncryptionKey is in partition aws-cn, but the secret is in aws"},
		"bad name": {func(ctx *pulumi.Context) (secrets.Reference, error) {
			return secrets.FromSecretName(ctx, "imp", pulumi.String("no spaces"))
		}, `secrets: imp: SecretName must be 1 to 512 letters, digits and /_+=.@-, got "no spaces"`},
		"lookup bad ARN": {func(ctx *pulumi.Context) (secrets.Reference, error) {
			return secrets.LookupSecret(ctx, "imp", pulumi.String("arn:aws:secretsmanager:eu-west-1:111111111111:secret:"))
		}, "secrets: imp: invalid ARN format: no secret name"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			err := pulumitest.New().Run(func(ctx *pulumi.Context) error {
				_, err := tt.fn(ctx)
				return err
			})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v; want %q", err, tt.want)
			}
		})
	}
}

// CDK secret.test.ts 47 and 48: fromSecretNameV2 builds the partial ARN from the
// provider's partition, region and account.
func TestFromSecretName(t *testing.T) {
	t.Parallel()
	m := pulumitest.New()
	m.Partition, m.Region, m.AccountID = "aws-cn", "cn-north-1", "222222222222"
	c := importOne(t, m, func(ctx *pulumi.Context) (secrets.Reference, error) {
		return secrets.FromSecretName(ctx, "imp", pulumi.String("MySecret"))
	})
	const want = "arn:aws-cn:secretsmanager:cn-north-1:222222222222:secret:MySecret"
	if c.arn.String() != want || c.name.String() != "MySecret" || c.hasFull {
		t.Errorf("SecretARN = %q, SecretName = %q, full = %v; want %s", c.arn.String(), c.name.String(), c.hasFull, want)
	}
	if c.forPolicies.String() != want+"-??????" {
		t.Errorf("ARNForPolicies = %q; want %q", c.forPolicies.String(), want+"-??????")
	}
	for _, tok := range []string{"aws:index/getPartition:getPartition", "aws:index/getRegion:getRegion", "aws:index/getCallerIdentity:getCallerIdentity"} {
		if len(m.Invokes(tok)) != 1 {
			t.Errorf("%s invoked %d times; want 1", tok, len(m.Invokes(tok)))
		}
	}
}

func TestFromSecretNameHonoursProvider(t *testing.T) {
	t.Parallel()
	m := pulumitest.New()
	var c *captured
	if err := m.Run(func(ctx *pulumi.Context) error {
		west, err := aws.NewProvider(ctx, "west", &aws.ProviderArgs{Region: pulumi.String("us-west-2")})
		if err != nil {
			return err
		}
		ref, err := secrets.FromSecretName(ctx, "imp", pulumi.String("MySecret"), pulumi.Provider(west))
		c = capture(ctx, ref)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if want := "arn:aws:secretsmanager:us-west-2:123456789012:secret:MySecret"; c.arn.String() != want {
		t.Errorf("SecretARN = %q; want %q", c.arn.String(), want)
	}
	for _, in := range m.Invokes("aws:index/getRegion:getRegion") {
		if !strings.Contains(in.Provider, "::west::") {
			t.Errorf("getRegion used provider %q; want west", in.Provider)
		}
	}
}

func TestFromSecretNameWithSuffixWarns(t *testing.T) {
	t.Parallel()
	m := pulumitest.New()
	importOne(t, m, func(ctx *pulumi.Context) (secrets.Reference, error) {
		return secrets.FromSecretName(ctx, "imp", pulumi.String("legacy-AbC123"))
	})
	if w := m.Warnings(); len(w) != 1 || !strings.Contains(w[0], `secret name "legacy-AbC123" ends with a hyphen and six characters`) {
		t.Errorf("warnings = %q", w)
	}
	// A name that is a Pulumi secret is not quoted.
	m = pulumitest.New()
	importOne(t, m, func(ctx *pulumi.Context) (secrets.Reference, error) {
		return secrets.FromSecretName(ctx, "imp", pulumi.ToSecret(pulumi.String("hidden-AbC123")).(pulumi.StringOutput))
	})
	if w := m.Warnings(); len(w) != 1 || strings.Contains(w[0], "hidden") || !strings.Contains(w[0], "secret name (secret value withheld) ends with") {
		t.Errorf("warnings = %q; want one without the name", w)
	}
}

// LookupSecret asks Secrets Manager for the complete ARN, by name or ARN, through the
// given provider.
func TestLookupSecret(t *testing.T) {
	t.Parallel()
	m := pulumitest.New()
	m.Secrets = map[string]string{"prod/db": "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-Xy12Ab"}
	var byName, byARN *captured
	if err := m.Run(func(ctx *pulumi.Context) error {
		p, err := aws.NewProvider(ctx, "main", &aws.ProviderArgs{Region: pulumi.String("us-east-1")})
		if err != nil {
			return err
		}
		a, err := secrets.LookupSecret(ctx, "a", pulumi.String("prod/db"), pulumi.Provider(p))
		if err != nil {
			return err
		}
		b, err := secrets.LookupSecret(ctx, "b", pulumi.String(completeARN))
		byName, byARN = capture(ctx, a), capture(ctx, b)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	m.Secrets = nil
	if !byName.hasFull || byName.fullARN.String() != "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/db-Xy12Ab" {
		t.Errorf("by name: SecretFullARN = %v", byName.fullARN)
	}
	if byName.forPolicies.String() != byName.fullARN.String() || byName.name.String() != "prod/db" {
		t.Errorf("by name: ARNForPolicies = %q, SecretName = %q", byName.forPolicies.String(), byName.name.String())
	}
	if byName.key.String() != "" {
		t.Errorf("by name: key = %q; want none (AWS managed)", byName.key.String())
	}
	if byARN.fullARN.String() != completeARN || byARN.name.String() != "MySecret" {
		t.Errorf("by ARN: SecretFullARN = %q, SecretName = %q", byARN.fullARN.String(), byARN.name.String())
	}
	invokes := m.Invokes("aws:secretsmanager/getSecret:getSecret")
	if len(invokes) != 2 {
		t.Fatalf("getSecret invoked %d times; want 2", len(invokes))
	}
	var viaProvider bool
	for _, in := range invokes {
		if in.Args["name"].IsString() && in.Args["name"].StringValue() == "prod/db" {
			viaProvider = strings.Contains(in.Provider, "::main::")
		}
	}
	if !viaProvider {
		t.Error("the lookup by name did not use the given provider")
	}
}

// The values of imports come from the LookupSecretVersion invoke and are marked secret.
func TestImportedValueIsSecret(t *testing.T) {
	t.Parallel()
	m := pulumitest.New()
	m.SecretValues = map[string]string{completeARN: `{"username":"legacy","password":"hunter2"}`}
	var value, field *pulumitest.Captured
	if err := m.Run(func(ctx *pulumi.Context) error {
		s, err := secrets.FromSecretCompleteARN(ctx, "imp", pulumi.String(completeARN))
		if err != nil {
			return err
		}
		value, field = pulumitest.Capture(ctx, s.SecretValue()), pulumitest.Capture(ctx, s.SecretValueFromJSON("username"))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if !value.Secret() || !field.Secret() {
		t.Error("an imported value is not a Pulumi secret")
	}
	if field.String() != "legacy" {
		t.Errorf("SecretValueFromJSON(username) = %q; want legacy", field.String())
	}
	if n := len(m.Invokes("aws:secretsmanager/getSecretVersion:getSecretVersion")); n != 1 {
		t.Errorf("getSecretVersion invoked %d times; want 1 (cached)", n)
	}
}

// An owned secret reports itself through Reference like an import with a complete ARN.
func TestOwnedSecretAsReference(t *testing.T) {
	t.Parallel()
	var c *captured
	var arn *pulumitest.Captured
	run(t, func(ctx *pulumi.Context) error {
		s, err := secrets.NewSecret(ctx, "s", &secrets.SecretArgs{SecretName: pulumi.String("prod/db")})
		if err != nil {
			return err
		}
		c, arn = capture(ctx, s), pulumitest.Capture(ctx, s.ARN)
		return nil
	})
	if c.arn.String() != arn.String() || !c.hasFull || c.fullARN.String() != arn.String() || c.forPolicies.String() != arn.String() {
		t.Errorf("SecretARN %q, SecretFullARN %v, ARNForPolicies %q; want %q", c.arn.String(), c.hasFull, c.forPolicies.String(), arn.String())
	}
	if c.name.String() != "prod/db" || c.hasKey {
		t.Errorf("SecretName %q, key %v", c.name.String(), c.hasKey)
	}
}

// LookupSecret reports the secret's key as a key ARN, whatever form Secrets Manager reports
// it in: IAM policies name keys, never aliases or bare IDs.
func TestLookupSecretKeys(t *testing.T) {
	t.Parallel()
	m := pulumitest.New()
	m.SecretKeys = map[string]string{
		"by-arn":       "arn:aws:kms:us-east-1:123456789012:key/k1",
		"by-id":        "k2",
		"by-alias":     "alias/app",
		"by-alias-arn": "arn:aws:kms:us-east-1:123456789012:alias/app",
		"managed":      "alias/aws/secretsmanager",
	}
	keys := map[string]*pulumitest.Captured{}
	if err := m.Run(func(ctx *pulumi.Context) error {
		for name := range m.SecretKeys {
			s, err := secrets.LookupSecret(ctx, name, pulumi.String(name))
			if err != nil {
				return err
			}
			keys[name] = pulumitest.Capture(ctx, s.EncryptionKeyARN().ToStringOutput())
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	aliasKey := "arn:aws:kms:us-east-1:123456789012:key/key-" + pulumitest.Suffix("alias/app")
	for name, want := range map[string]string{
		"by-arn": "arn:aws:kms:us-east-1:123456789012:key/k1", "by-id": "arn:aws:kms:us-east-1:123456789012:key/k2",
		"by-alias": aliasKey, "by-alias-arn": aliasKey, "managed": "",
	} {
		if got := keys[name].String(); got != want {
			t.Errorf("%s: key = %q; want %q", name, got, want)
		}
	}
	if n := len(m.Invokes("aws:kms/getAlias:getAlias")); n != 2 {
		t.Errorf("%d alias lookups; want 2", n)
	}
}
