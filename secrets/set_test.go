package secrets_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/internal/pulumitest"
	"github.com/secretsmith/secretsmith/secrets"
)

const setKey = "arn:aws:kms:us-east-1:111111111111:key/set-key"

// newSet runs a program with the set "payments" of declared.
func newSet(t *testing.T, declared map[string]*secrets.SecretArgs) *pulumitest.Mock {
	t.Helper()
	return run(t, func(ctx *pulumi.Context) error {
		_, err := secrets.NewSecretSet(ctx, "payments", &secrets.SecretSetArgs{Secrets: declared})
		return err
	})
}

func setOf(keys ...string) map[string]*secrets.SecretArgs {
	out := map[string]*secrets.SecretArgs{}
	for _, k := range keys {
		out[k] = &secrets.SecretArgs{GenerateSecretString: &secrets.SecretStringGenerator{
			SecretStringTemplate: `{"username":"` + k + `"}`, GenerateStringKey: "password",
		}}
	}
	return out
}

// A set's secrets are a Secret's resources without a component or a seed each: children
// of the set, named after their keys, with one seed for the set, and the provider asked
// once for all of them.
func TestSecretSet(t *testing.T) {
	t.Parallel()
	m := newSet(t, map[string]*secrets.SecretArgs{
		"a": {SecretName: pulumi.String("prod/a"), EncryptionKey: pulumi.String(setKey), DenyAccountRootDelete: true,
			GenerateSecretString: &secrets.SecretStringGenerator{SecretStringTemplate: `{"username":"svc"}`, GenerateStringKey: "password"}},
		"b": {EncryptionKey: pulumi.String(setKey)},
		"c": {SecretStringValue: pulumi.String("given-value")},
	})
	set := m.MustFind(t, secrets.SecretSetType, "payments")
	for _, name := range []string{"a-secret", "a-version", "b-secret", "b-version", "c-secret", "c-version"} {
		typ := secretType
		if strings.HasSuffix(name, "-version") {
			typ = versionType
		}
		if r := m.MustFind(t, typ, name); r.Parent != set.URN {
			t.Errorf("%s parent = %q; want the set", name, r.Parent)
		}
	}
	const deny = `{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"AWS":["arn:aws:iam::123456789012:root"]},` +
		`"Action":["secretsmanager:DeleteSecret"],"Resource":["*"]}]}`
	if got := m.MustFind(t, "aws:secretsmanager/secretPolicy:SecretPolicy", "a-policy").String("policy"); got != deny {
		t.Errorf("a's policy = %s; want the account root denied its deletion, as a Secret's", got)
	}
	seeds := m.ByType(seedType)
	if len(seeds) != 1 || seeds[0].Name != "payments-seed" || seeds[0].Parent != set.URN {
		t.Fatalf("seeds %v; want the set's one payments-seed", seeds)
	}
	if len(m.ByType(secrets.SecretType)) != 0 {
		t.Error("the set registered Secret components")
	}
	if got := m.MustFind(t, secretType, "a-secret").String("kmsKeyId"); got != setKey {
		t.Errorf("a's kmsKeyId = %q", got)
	}
	for _, tok := range []string{"aws:index/getRegion:getRegion", "aws:index/getPartition:getPartition", "aws:index/getCallerIdentity:getCallerIdentity"} {
		if n := len(m.Invokes(tok)); n != 1 {
			t.Errorf("%s invoked %d times for the set; want 1", tok, n)
		}
	}

	var a map[string]string
	if err := json.Unmarshal([]byte(secretInput(t, m.MustFind(t, versionType, "a-version"), "secretString")), &a); err != nil {
		t.Fatal("a's value is not a JSON object")
	}
	if a["username"] != "svc" || len(a["password"]) != 32 {
		t.Errorf("a's value has username %q and a password of %d characters; want svc and 32", a["username"], len(a["password"]))
	}
	b := secretInput(t, m.MustFind(t, versionType, "b-version"), "secretString")
	if len(b) != 32 || b == a["password"] {
		t.Errorf("b's value has %d characters or is a's password; want its own 32", len(b))
	}
	if secretInput(t, m.MustFind(t, versionType, "c-version"), "secretString") != "given-value" {
		t.Error("c's version does not hold the given value")
	}
}

// Each secret's value derives from the set's seed and its key only: it stays when other
// secrets join or leave the set, and differs between keys and between sets.
func TestSecretSetValuesFollowTheirKeys(t *testing.T) {
	t.Parallel()
	value := func(m *pulumitest.Mock, key string) string {
		return secretInput(t, m.MustFind(t, versionType, key+"-version"), "secretString")
	}
	ab, abz, a := newSet(t, setOf("a", "b")), newSet(t, setOf("a", "b", "z")), newSet(t, setOf("a"))
	if value(ab, "a") != value(abz, "a") || value(ab, "a") != value(a, "a") || value(ab, "b") != value(abz, "b") {
		t.Error("a secret's value changed when another joined or left the set")
	}
	var x, y map[string]string
	_ = json.Unmarshal([]byte(value(ab, "a")), &x)
	_ = json.Unmarshal([]byte(value(ab, "b")), &y)
	if x["password"] == y["password"] {
		t.Error("two keys of a set have the same password")
	}
	other := run(t, func(ctx *pulumi.Context) error {
		_, err := secrets.NewSecretSet(ctx, "billing", &secrets.SecretSetArgs{Secrets: setOf("a")})
		return err
	})
	if value(other, "a") == value(a, "a") {
		t.Error("the same key in two sets has the same value")
	}
}

// Members are References: grants and ARNs work on them as on a Secret, and the set's
// outputs map keys to ARNs.
func TestSecretSetMembersAreReferences(t *testing.T) {
	t.Parallel()
	var arns *pulumitest.Captured
	m := run(t, func(ctx *pulumi.Context) error {
		set, err := secrets.NewSecretSet(ctx, "payments", &secrets.SecretSetArgs{Secrets: map[string]*secrets.SecretArgs{
			"a": {SecretName: pulumi.String("prod/a")}, "b": {SecretName: pulumi.String("prod/b")},
		}})
		if err != nil {
			return err
		}
		if len(set.References()) != 2 {
			t.Errorf("References() = %d secrets; want 2", len(set.References()))
		}
		arns = pulumitest.Capture(ctx, set.ARNs)
		_, err = set.Secrets["a"].GrantRead(ctx, "read-a", grants.RoleName(pulumi.String("app")))
		return err
	})
	want := "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/a-" + pulumitest.Suffix("prod/a")
	if got, _ := arns.Value(); got.(map[string]string)["a"] != want {
		t.Errorf("ARNs = %v; want a: %s", got, want)
	}
	policy := m.MustFind(t, "aws:iam/rolePolicy:RolePolicy", "read-a-policy").String("policy")
	if !strings.Contains(policy, want) || strings.Contains(policy, "prod/b") {
		t.Errorf("a's read policy = %s; want a's ARN only", policy)
	}
}

// Every problem of every secret is reported at once, led by its key, before anything is
// registered.
func TestSecretSetErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name     string
		declared map[string]*secrets.SecretArgs
		want     []string
	}{
		{"empty", nil, []string{"secrets: Secrets must hold at least one secret"}},
		{"members", map[string]*secrets.SecretArgs{
			"":  nil,
			"x": {SecretName: pulumi.String("bad name!"), RecoveryWindowInDays: new(int)},
			"y": {SecretStringValue: pulumi.String("v"), SecretBinaryValue: pulumi.String("dg==")},
		}, []string{
			`secrets: Secrets[""]: the key must not be empty: it names the secret's resources`,
			`secrets: Secrets["x"]: SecretName must be 1 to 512 letters, digits and /_+=.@-, got "bad name!"`,
			`secrets: Secrets["y"]: only one of GenerateSecretString, SecretStringValue, SecretObjectValue and SecretBinaryValue may be given, got SecretStringValue and SecretBinaryValue`,
		}},
	} {
		m := pulumitest.New()
		err := m.Run(func(ctx *pulumi.Context) error {
			_, err := secrets.NewSecretSet(ctx, "payments", &secrets.SecretSetArgs{Secrets: c.declared})
			return err
		})
		if err == nil || !strings.Contains(err.Error(), strings.Join(c.want, "\n")) {
			t.Errorf("%s: error %v;\nwant %s", c.name, err, strings.Join(c.want, "\n"))
		}
		if n := len(m.Resources()); n != 0 {
			t.Errorf("%s: %d resources registered; want none", c.name, n)
		}
	}
}

// A key in another region than the provider's fails every secret that names it, with one
// message naming the key.
func TestSecretSetKeyInAnotherRegion(t *testing.T) {
	t.Parallel()
	const elsewhere = "arn:aws:kms:eu-west-1:111111111111:key/k"
	err := pulumitest.New().Run(func(ctx *pulumi.Context) error {
		_, err := secrets.NewSecretSet(ctx, "payments", &secrets.SecretSetArgs{Secrets: map[string]*secrets.SecretArgs{
			"a": {EncryptionKey: pulumi.String(elsewhere)}, "b": {EncryptionKey: pulumi.String(elsewhere)},
		}})
		return err
	})
	want := `secrets: EncryptionKey "` + elsewhere + `" is in region eu-west-1, but the secret is in us-east-1`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v; want %s", err, want)
	}
}
