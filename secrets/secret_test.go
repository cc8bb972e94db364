package secrets_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/password"
	"github.com/secretsmith/secretsmith/internal/pulumitest"
	"github.com/secretsmith/secretsmith/replica"
	"github.com/secretsmith/secretsmith/secrets"
)

const (
	secretType  = "aws:secretsmanager/secret:Secret"
	versionType = "aws:secretsmanager/secretVersion:SecretVersion"
	seedType    = "random:index/randomBytes:RandomBytes"
)

// run runs body against a fresh mock and fails the test on a program error.
func run(t *testing.T, body pulumi.RunFunc) *pulumitest.Mock {
	t.Helper()
	m := pulumitest.New()
	if err := m.Run(body); err != nil {
		t.Fatalf("program failed: %v", err)
	}
	return m
}

// newSecret runs a program with one secret "s" made from args.
func newSecret(t *testing.T, args *secrets.SecretArgs) *pulumitest.Mock {
	t.Helper()
	return run(t, func(ctx *pulumi.Context) error {
		_, err := secrets.NewSecret(ctx, "s", args)
		return err
	})
}

// secretInput returns the string input key of r and fails unless it is a Pulumi secret.
func secretInput(t *testing.T, r pulumitest.Resource, key string) string {
	t.Helper()
	v, secret := r.Input(key)
	if !secret {
		t.Fatalf("%s.%s is not a Pulumi secret", r.Name, key)
	}
	if !v.IsString() {
		t.Fatalf("%s.%s is %v; want a string", r.Name, key, v)
	}
	return v.StringValue()
}

func hasAny(s, chars string) bool { return strings.ContainsAny(s, chars) }

// CDK secret.test.ts 1 and 2: the default secret generates a value and has no replicas.
func TestDefaultSecret(t *testing.T) {
	t.Parallel()
	m := newSecret(t, nil)

	comp := m.MustFind(t, secrets.SecretType, "s")
	sec := m.MustFind(t, secretType, "s-secret")
	seed := m.MustFind(t, seedType, "s-seed")
	ver := m.MustFind(t, versionType, "s-version")
	for _, child := range []pulumitest.Resource{sec, seed, ver} {
		if child.Parent != comp.URN {
			t.Errorf("%s parent = %q; want %q", child.Name, child.Parent, comp.URN)
		}
	}
	if _, ok := sec.Inputs["replicas"]; ok {
		t.Errorf("secret has replicas %v; want none", sec.Inputs["replicas"])
	}
	for _, k := range []string{"name", "kmsKeyId", "description", "recoveryWindowInDays"} {
		if _, ok := sec.Inputs[resource.PropertyKey(k)]; ok {
			t.Errorf("secret input %s is set; want it left to AWS", k)
		}
	}
	if v, _ := seed.Input("length"); !v.IsNumber() || v.NumberValue() != 32 {
		t.Errorf("seed length = %v; want 32", v)
	}
	pw := secretInput(t, ver, "secretString")
	if len(pw) != 32 {
		t.Errorf("generated length = %d; want 32", len(pw))
	}
	for _, class := range []string{password.Uppercase, password.Lowercase, password.Numbers, password.Punctuation} {
		if !hasAny(pw, class) {
			t.Errorf("generated value lacks a character of %q", class)
		}
	}
	if got := ver.String("secretId"); got != "s-secret-id" {
		t.Errorf("version secretId = %q; want the secret's ID", got)
	}
	if len(m.ByType(secretType)) != 1 || len(m.ByType(versionType)) != 1 {
		t.Errorf("want exactly one secret and one version")
	}
}

// CDK secret.test.ts 5: generator options are honoured.
func TestGeneratorOptions(t *testing.T) {
	t.Parallel()
	m := newSecret(t, &secrets.SecretArgs{GenerateSecretString: &secrets.SecretStringGenerator{
		ExcludeUppercase: true, PasswordLength: 20, ExcludeCharacters: "abc0",
	}})
	pw := secretInput(t, m.MustFind(t, versionType, "s-version"), "secretString")
	if len(pw) != 20 {
		t.Errorf("length = %d; want 20", len(pw))
	}
	if hasAny(pw, password.Uppercase+"abc0") {
		t.Errorf("value has an excluded character")
	}
}

// The CDK scenario generated-all-options: every option at once.
func TestGeneratorAllOptions(t *testing.T) {
	t.Parallel()
	no := false
	m := newSecret(t, &secrets.SecretArgs{GenerateSecretString: &secrets.SecretStringGenerator{
		ExcludeCharacters: "abc", ExcludeLowercase: true, ExcludeNumbers: true, ExcludePunctuation: true,
		PasswordLength: 64, RequireEachIncludedType: &no,
	}})
	pw := secretInput(t, m.MustFind(t, versionType, "s-version"), "secretString")
	if len(pw) != 64 || strings.Trim(pw, password.Uppercase) != "" {
		t.Errorf("value is not 64 uppercase letters (length %d)", len(pw))
	}
}

func templated(template string, length int) *secrets.SecretArgs {
	return &secrets.SecretArgs{GenerateSecretString: &secrets.SecretStringGenerator{
		SecretStringTemplate: template, GenerateStringKey: "password", PasswordLength: length,
	}}
}

func decode(t *testing.T, s string) map[string]any {
	t.Helper()
	var obj map[string]any
	if err := json.Unmarshal([]byte(s), &obj); err != nil {
		t.Fatalf("value is not a JSON object: %v", err)
	}
	return obj
}

// CDK secret.test.ts 6: the template holds the generated password under the key.
func TestTemplatedSecret(t *testing.T) {
	t.Parallel()
	m := newSecret(t, templated(`{"username":"user","port":5432}`, 0))
	obj := decode(t, secretInput(t, m.MustFind(t, versionType, "s-version"), "secretString"))
	if obj["username"] != "user" || obj["port"] != 5432.0 {
		t.Errorf("template fields lost: username=%v port=%v", obj["username"], obj["port"])
	}
	if pw, _ := obj["password"].(string); len(pw) != 32 {
		t.Errorf("password length = %d; want 32", len(pw))
	}
}

// aws-cdk #19985: changing another template field must not regenerate the password, while
// changing a generator option does.
func TestTemplateChangeKeepsPassword(t *testing.T) {
	t.Parallel()
	pw := func(args *secrets.SecretArgs) string {
		obj := decode(t, secretInput(t, newSecret(t, args).MustFind(t, versionType, "s-version"), "secretString"))
		return obj["password"].(string)
	}
	before := pw(templated(`{"username":"user"}`, 0))
	if after := pw(templated(`{"username":"admin","host":"db.internal"}`, 0)); after != before {
		t.Errorf("changing the template regenerated the password")
	}
	if other := pw(templated(`{"username":"user"}`, 40)); other == before || len(other) != 40 {
		t.Errorf("changing PasswordLength kept the password")
	}
}

// Stable plans: the same program registers byte-identical inputs every run.
func TestSamePlanTwice(t *testing.T) {
	t.Parallel()
	args := func() *secrets.SecretArgs {
		a := templated(`{"username":"user"}`, 0)
		a.SecretName = pulumi.String("prod/db")
		a.Tags = pulumi.StringMap{"team": pulumi.String("platform")}
		return a
	}
	first, second := newSecret(t, args()).Resources(), newSecret(t, args()).Resources()
	if len(first) != len(second) {
		t.Fatalf("run 1 registered %d resources, run 2 %d", len(first), len(second))
	}
	for i := range first {
		if !reflect.DeepEqual(first[i].Inputs, second[i].Inputs) {
			t.Errorf("%s inputs differ between runs", first[i].Name)
		}
	}
}

// CDK secret.test.ts 13 and explicit-value: a given string is stored as a secret, with no
// generator.
func TestExplicitStringValue(t *testing.T) {
	t.Parallel()
	m := newSecret(t, &secrets.SecretArgs{SecretStringValue: pulumi.String("x")})
	if got := secretInput(t, m.MustFind(t, versionType, "s-version"), "secretString"); got != "x" {
		t.Errorf("secretString = %q; want the given value", got)
	}
	if len(m.ByType(seedType)) != 0 {
		t.Errorf("a seed was created for an explicit value")
	}
}

// CDK secret.test.ts 59: an object value mixes plain fields and outputs, in sorted key order.
func TestObjectValue(t *testing.T) {
	t.Parallel()
	m := run(t, func(ctx *pulumi.Context) error {
		other, err := secrets.NewSecret(ctx, "other", nil)
		if err != nil {
			return err
		}
		_, err = secrets.NewSecret(ctx, "s", &secrets.SecretArgs{SecretObjectValue: pulumi.StringMap{
			"username": pulumi.String("u"), "database": pulumi.String("db"), "password": pulumi.String("p"),
			"roleName": other.Name,
		}})
		return err
	})
	got := secretInput(t, m.MustFind(t, versionType, "s-version"), "secretString")
	want := `{"database":"db","password":"p","roleName":"other-secret-` + pulumitest.Suffix("other-secret")[:6] + `","username":"u"}`
	if got != want {
		t.Errorf("secretString = %q; want %q", got, want)
	}
}

func TestBinaryValue(t *testing.T) {
	t.Parallel()
	m := newSecret(t, &secrets.SecretArgs{SecretBinaryValue: pulumi.String("AAEC")})
	ver := m.MustFind(t, versionType, "s-version")
	if got := secretInput(t, ver, "secretBinary"); got != "AAEC" {
		t.Errorf("secretBinary = %q; want AAEC", got)
	}
	if _, ok := ver.Inputs["secretString"]; ok {
		t.Errorf("a binary secret also has a secretString")
	}
}

func TestBinaryValueNotBase64FailsWithoutValue(t *testing.T) {
	t.Parallel()
	err := pulumitest.New().Run(func(ctx *pulumi.Context) error {
		_, err := secrets.NewSecret(ctx, "s", &secrets.SecretArgs{SecretBinaryValue: pulumi.String("not base64 hunter2!")})
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "secrets: SecretBinaryValue must be base64-encoded") {
		t.Fatalf("got %v; want the base64 error", err)
	}
	if strings.Contains(err.Error(), "hunter2") {
		t.Errorf("the error quotes the value: %v", err)
	}
}

// CDK secret.test.ts 4 (the part that is ours): the key ARN reaches the secret.
func TestEncryptionKey(t *testing.T) {
	t.Parallel()
	const key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd"
	var kmsOut *pulumitest.Captured
	m := run(t, func(ctx *pulumi.Context) error {
		s, err := secrets.NewSecret(ctx, "s", &secrets.SecretArgs{EncryptionKey: pulumi.String(key)})
		if err != nil {
			return err
		}
		if s.EncryptionKeyARN() == nil {
			t.Fatal("EncryptionKeyARN() is nil for a secret with a key")
		}
		kmsOut = pulumitest.Capture(ctx, s.EncryptionKeyARN().ToStringOutput())
		return nil
	})
	if got := m.MustFind(t, secretType, "s-secret").String("kmsKeyId"); got != key {
		t.Errorf("kmsKeyId = %q; want %q", got, key)
	}
	if kmsOut.String() != key {
		t.Errorf("EncryptionKeyARN() = %q; want %q", kmsOut.String(), key)
	}
}

// CDK secret.test.ts 3: RemovalPolicyRetain retains every child that holds data.
func TestRemovalPolicy(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		policy secrets.RemovalPolicy
		retain bool
	}{{secrets.RemovalPolicyDestroy, false}, {secrets.RemovalPolicyRetain, true}} {
		m := newSecret(t, &secrets.SecretArgs{RemovalPolicy: tt.policy})
		for _, r := range []pulumitest.Resource{m.MustFind(t, secretType, "s-secret"), m.MustFind(t, versionType, "s-version")} {
			if r.RetainOnDelete != tt.retain {
				t.Errorf("%v: %s retainOnDelete = %v; want %v", tt.policy, r.Name, r.RetainOnDelete, tt.retain)
			}
		}
	}
}

func TestRecoveryWindow(t *testing.T) {
	t.Parallel()
	for _, days := range []int{0, 7, 30} {
		m := newSecret(t, &secrets.SecretArgs{RecoveryWindowInDays: &days})
		v, _ := m.MustFind(t, secretType, "s-secret").Input("recoveryWindowInDays")
		if !v.IsNumber() || int(v.NumberValue()) != days {
			t.Errorf("recoveryWindowInDays = %v; want %d", v, days)
		}
	}
}

// The version is registered so that rotation cannot resurrect the initial value
// (terraform-provider-aws #25168): see newVersion's doc comment.
func TestVersionIsRotationSafe(t *testing.T) {
	t.Parallel()
	ver := newSecret(t, nil).MustFind(t, versionType, "s-version")
	v, _ := ver.Input("versionStages")
	var stages []string
	for _, s := range v.ArrayValue() {
		stages = append(stages, s.StringValue())
	}
	if want := []string{"AWSCURRENT", secrets.ManagedVersionStage}; !reflect.DeepEqual(stages, want) {
		t.Errorf("versionStages = %v; want %v", stages, want)
	}
	if !reflect.DeepEqual(ver.IgnoreChanges, []string{"versionStages"}) {
		t.Errorf("ignoreChanges = %v; want [versionStages]", ver.IgnoreChanges)
	}
	if !ver.DeleteBeforeReplace {
		t.Error("deleteBeforeReplace is off: replacing the value would fail to delete the old version")
	}
	// The provider's SDK marks the value outputs secret on every SecretVersion.
	for _, k := range []string{"secretString", "secretBinary"} {
		if !contains(ver.AdditionalSecretOutputs, k) {
			t.Errorf("additionalSecretOutputs = %v; want %s", ver.AdditionalSecretOutputs, k)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestNamedAndDescribed(t *testing.T) {
	t.Parallel()
	m := newSecret(t, &secrets.SecretArgs{
		SecretName: pulumi.String("prod/db"), Description: pulumi.String("app database"),
		Tags: pulumi.StringMap{"team": pulumi.String("platform")},
	})
	sec := m.MustFind(t, secretType, "s-secret")
	if sec.String("name") != "prod/db" || sec.String("description") != "app database" {
		t.Errorf("name/description = %q/%q", sec.String("name"), sec.String("description"))
	}
	if tags, _ := sec.Input("tags"); tags.ObjectValue()["team"].StringValue() != "platform" {
		t.Errorf("tags = %v", tags)
	}
	if len(m.Warnings()) != 0 {
		t.Errorf("unexpected warnings %v", m.Warnings())
	}
}

// AWS warns about names that look like they carry the ARN suffix; so do we.
func TestNameWithSuffixWarns(t *testing.T) {
	t.Parallel()
	m := newSecret(t, &secrets.SecretArgs{SecretName: pulumi.String("legacy-AbC123")})
	w := m.Warnings()
	if len(w) != 1 || !strings.Contains(w[0], `SecretName "legacy-AbC123" ends with a hyphen and six characters`) {
		t.Errorf("warnings = %q; want one about the suffix", w)
	}
	// A name that is a Pulumi secret is not quoted.
	m = newSecret(t, &secrets.SecretArgs{SecretName: pulumi.ToSecret(pulumi.String("hidden-AbC123")).(pulumi.StringOutput)})
	w = m.Warnings()
	if len(w) != 1 || strings.Contains(w[0], "hidden") || !strings.Contains(w[0], "(secret value withheld) ends with a hyphen") {
		t.Errorf("warnings = %q; want one about the suffix, without the name", w)
	}
}

// A name unknown at construction is validated once known.
func TestUnknownNameValidatedOnceKnown(t *testing.T) {
	t.Parallel()
	err := pulumitest.New().Run(func(ctx *pulumi.Context) error {
		_, err := secrets.NewSecret(ctx, "s", &secrets.SecretArgs{SecretName: pulumi.String("bad name!").ToStringOutput()})
		return err
	})
	if err == nil || !strings.Contains(err.Error(), `secrets: SecretName must be 1 to 512 letters, digits and /_+=.@-, got "bad name!"`) {
		t.Errorf("got %v; want the SecretName error", err)
	}
}

// CDK secret.test.ts 58: replicas pass region and key through.
func TestReplicaRegions(t *testing.T) {
	t.Parallel()
	const key = "arn:aws:kms:eu-central-1:123456789012:key/my-key-id"
	m := newSecret(t, &secrets.SecretArgs{ReplicaRegions: []replica.Region{
		{Region: "eu-west-1"}, {Region: "eu-central-1", EncryptionKey: pulumi.String(key)},
	}})
	v, _ := m.MustFind(t, secretType, "s-secret").Input("replicas")
	got := v.ArrayValue()
	if len(got) != 2 {
		t.Fatalf("replicas = %v; want 2", v)
	}
	if r := got[0].ObjectValue(); r["region"].StringValue() != "eu-west-1" || r.HasValue("kmsKeyId") {
		t.Errorf("replica 0 = %v; want eu-west-1 with no key", r)
	}
	if r := got[1].ObjectValue(); r["region"].StringValue() != "eu-central-1" || r["kmsKeyId"].StringValue() != key {
		t.Errorf("replica 1 = %v; want eu-central-1 with %s", r, key)
	}
}

func TestSecretValueOutputsAreSecret(t *testing.T) {
	t.Parallel()
	var value, field *pulumitest.Captured
	run(t, func(ctx *pulumi.Context) error {
		s, err := secrets.NewSecret(ctx, "s", templated(`{"username":"app"}`, 0))
		if err != nil {
			return err
		}
		value, field = pulumitest.Capture(ctx, s.SecretValue()), pulumitest.Capture(ctx, s.SecretValueFromJSON("username"))
		return nil
	})
	if !value.Secret() || !field.Secret() {
		t.Errorf("SecretValue secret = %v, SecretValueFromJSON secret = %v; want both secret", value.Secret(), field.Secret())
	}
	if field.String() != "app" {
		t.Errorf("SecretValueFromJSON(username) = %q; want app", field.String())
	}
	if !strings.Contains(value.String(), `"username":"app"`) {
		t.Errorf("SecretValue lacks the template field")
	}
}

func TestSecretValueFromJSONErrorsWithoutValue(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		value, key, want string
	}{
		{`{"user":"app","password":"hunter2"}`, "host", `secrets: SecretValueFromJSON("host"): the secret value has no key "host"`},
		{`hunter2`, "host", `secrets: SecretValueFromJSON("host"): the secret value is not a JSON object (value withheld)`},
	} {
		err := pulumitest.New().Run(func(ctx *pulumi.Context) error {
			s, err := secrets.NewSecret(ctx, "s", &secrets.SecretArgs{SecretStringValue: pulumi.String(tt.value)})
			if err != nil {
				return err
			}
			ctx.Export("field", s.SecretValueFromJSON(tt.key))
			return nil
		})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("got %v; want %q", err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "hunter2") {
			t.Errorf("the error quotes the value: %v", err)
		}
	}
}

// stagesOf returns the version's versionStages input.
func stagesOf(t *testing.T, ver pulumitest.Resource) []string {
	t.Helper()
	v, _ := ver.Input("versionStages")
	var out []string
	for _, s := range v.ArrayValue() {
		out = append(out, s.StringValue())
	}
	return out
}

// A bare value's version holds AWSCURRENT and secretsmith's label; a templated or attached
// one also the label of its identity, the same on every run, the same whatever the fields,
// and another for another password (see kept.go).
func TestVersionStages(t *testing.T) {
	t.Parallel()
	if got := stagesOf(t, newSecret(t, nil).MustFind(t, versionType, "s-version")); strings.Join(got, ",") != "AWSCURRENT,SECRETSMITH" {
		t.Errorf("bare value: stages %v; want AWSCURRENT,SECRETSMITH", got)
	}
	label := func(args *secrets.SecretArgs) string {
		got := stagesOf(t, newSecret(t, args).MustFind(t, versionType, "s-version"))
		if len(got) != 3 || got[0] != "AWSCURRENT" || got[1] != secrets.ManagedVersionStage || !strings.HasPrefix(got[2], "SECRETSMITH-") {
			t.Fatalf("stages %v; want AWSCURRENT, SECRETSMITH and an identity label", got)
		}
		return got[2]
	}
	first := label(templated(`{"username":"user"}`, 0))
	if again := label(templated(`{"username":"user"}`, 0)); again != first {
		t.Errorf("the identity label changed between runs: %s, then %s", first, again)
	}
	if fields := label(templated(`{"username":"admin","host":"db"}`, 0)); fields != first {
		t.Errorf("the identity label changed with the template's fields")
	}
	if other := label(templated(`{"username":"user"}`, 40)); other == first {
		t.Errorf("the identity label stayed for a new password")
	}
	attached := &secrets.SecretArgs{
		SecretObjectValue: pulumi.StringMap{"username": pulumi.String("app"), "password": pulumi.String("explicit-pw-1")},
		Target:            &secrets.TargetAttachment{Engine: pulumi.String("mysql"), Host: pulumi.String("db"), Port: pulumi.Int(3306)},
	}
	label(attached)
	if m := newSecret(t, attached); len(m.ByType(seedType)) != 1 {
		t.Errorf("an attached explicit value has %d seeds; want one, keying its identity label", len(m.ByType(seedType)))
	}
}
