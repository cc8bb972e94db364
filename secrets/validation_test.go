package secrets_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/password"
	"github.com/secretsmith/secretsmith/internal/pulumitest"
	"github.com/secretsmith/secretsmith/replica"
	"github.com/secretsmith/secretsmith/secrets"
)

func gen(g secrets.SecretStringGenerator) *secrets.SecretArgs {
	return &secrets.SecretArgs{GenerateSecretString: &g}
}

func days(n int) *int { return &n }

// TestBadInput: every bad input fails with an error that names the field and the value.
func TestBadInput(t *testing.T) {
	t.Parallel()
	const gss = "secrets: GenerateSecretString."
	tests := map[string]struct {
		args *secrets.SecretArgs
		want []string
	}{
		// CDK V1: more than one value.
		"generator and string": {&secrets.SecretArgs{GenerateSecretString: &secrets.SecretStringGenerator{}, SecretStringValue: pulumi.String("x")},
			[]string{"secrets: only one of GenerateSecretString, SecretStringValue, SecretObjectValue and SecretBinaryValue may be given, got GenerateSecretString and SecretStringValue"}},
		"string and object": {&secrets.SecretArgs{SecretStringValue: pulumi.String("x"), SecretObjectValue: pulumi.StringMap{}},
			[]string{"got SecretStringValue and SecretObjectValue"}},
		"object and binary": {&secrets.SecretArgs{SecretObjectValue: pulumi.StringMap{}, SecretBinaryValue: pulumi.String("AA==")},
			[]string{"got SecretObjectValue and SecretBinaryValue"}},
		"all four": {&secrets.SecretArgs{GenerateSecretString: &secrets.SecretStringGenerator{}, SecretStringValue: pulumi.String("x"), SecretObjectValue: pulumi.StringMap{}, SecretBinaryValue: pulumi.String("AA==")},
			[]string{"got GenerateSecretString and SecretStringValue and SecretObjectValue and SecretBinaryValue"}},
		// CDK V2: template and key together.
		"template without key": {gen(secrets.SecretStringGenerator{SecretStringTemplate: `{"u":"a"}`}),
			[]string{gss + "SecretStringTemplate and GenerateSecretString.GenerateStringKey must be specified together"}},
		"key without template": {gen(secrets.SecretStringGenerator{GenerateStringKey: "password"}),
			[]string{gss + "SecretStringTemplate and GenerateSecretString.GenerateStringKey must be specified together"}},
		"template not JSON": {gen(secrets.SecretStringGenerator{SecretStringTemplate: `{user}`, GenerateStringKey: "p"}),
			[]string{gss + `SecretStringTemplate must be a JSON object (template withheld)`}},
		"template an array": {gen(secrets.SecretStringGenerator{SecretStringTemplate: `[1]`, GenerateStringKey: "p"}),
			[]string{gss + `SecretStringTemplate must be a JSON object (template withheld)`}},
		"template a string": {gen(secrets.SecretStringGenerator{SecretStringTemplate: `"x"`, GenerateStringKey: "p"}),
			[]string{gss + `SecretStringTemplate must be a JSON object (template withheld)`}},
		"template null": {gen(secrets.SecretStringGenerator{SecretStringTemplate: `null`, GenerateStringKey: "p"}),
			[]string{gss + `SecretStringTemplate must be a JSON object (template withheld)`}},
		"template trailing garbage": {gen(secrets.SecretStringGenerator{SecretStringTemplate: `{"a":1} x`, GenerateStringKey: "p"}),
			[]string{gss + `SecretStringTemplate must be a JSON object (template withheld)`}},
		"key already in template": {gen(secrets.SecretStringGenerator{SecretStringTemplate: `{"password":"x"}`, GenerateStringKey: "password"}),
			[]string{gss + `GenerateStringKey "password" is already a key of SecretStringTemplate`}},
		"length negative": {gen(secrets.SecretStringGenerator{PasswordLength: -1}),
			[]string{gss + "PasswordLength must be between 1 and 4096, got -1"}},
		"length 4097": {gen(secrets.SecretStringGenerator{PasswordLength: 4097}),
			[]string{gss + "PasswordLength must be between 1 and 4096, got 4097"}},
		"length huge": {gen(secrets.SecretStringGenerator{PasswordLength: 1 << 20}),
			[]string{gss + "PasswordLength must be between 1 and 4096, got 1048576"}},
		"every class excluded": {gen(secrets.SecretStringGenerator{ExcludeUppercase: true, ExcludeLowercase: true, ExcludeNumbers: true, ExcludePunctuation: true}),
			[]string{gss + "ExcludeCharacters and the Exclude options leave no character to choose from"}},
		"every character excluded": {gen(secrets.SecretStringGenerator{ExcludeCharacters: password.Uppercase + password.Lowercase + password.Numbers + password.Punctuation}),
			[]string{gss + "ExcludeCharacters removes every uppercase character", gss + "ExcludeCharacters removes every punctuation character"}},
		"shorter than classes": {gen(secrets.SecretStringGenerator{PasswordLength: 3}),
			[]string{gss + "PasswordLength 3 is shorter than the 4 character classes RequireEachIncludedType needs"}},
		"shorter than classes with space": {gen(secrets.SecretStringGenerator{PasswordLength: 4, IncludeSpace: true}),
			[]string{gss + "PasswordLength 4 is shorter than the 5 character classes"}},
		"uppercase emptied": {gen(secrets.SecretStringGenerator{ExcludeCharacters: password.Uppercase}),
			[]string{gss + "ExcludeCharacters removes every uppercase character, but RequireEachIncludedType needs one: set ExcludeUppercase or RequireEachIncludedType to false"}},
		"lowercase emptied": {gen(secrets.SecretStringGenerator{ExcludeCharacters: password.Lowercase}),
			[]string{gss + "ExcludeCharacters removes every lowercase character"}},
		"numbers emptied": {gen(secrets.SecretStringGenerator{ExcludeCharacters: password.Numbers}),
			[]string{gss + "ExcludeCharacters removes every digit character"}},
		"punctuation emptied": {gen(secrets.SecretStringGenerator{ExcludeCharacters: password.Punctuation}),
			[]string{gss + "ExcludeCharacters removes every punctuation character"}},
		"space emptied": {gen(secrets.SecretStringGenerator{IncludeSpace: true, ExcludeCharacters: " "}),
			[]string{gss + "ExcludeCharacters removes every space character, but RequireEachIncludedType needs one: set IncludeSpace to false"}},
		"name empty": {&secrets.SecretArgs{SecretName: pulumi.String("")},
			[]string{`secrets: SecretName must be 1 to 512 letters, digits and /_+=.@-, got ""`}},
		"name with space": {&secrets.SecretArgs{SecretName: pulumi.String("my secret")},
			[]string{`SecretName must be 1 to 512 letters, digits and /_+=.@-, got "my secret"`}},
		"name with bang":  {&secrets.SecretArgs{SecretName: pulumi.String("prod!db")}, []string{`got "prod!db"`}},
		"name with hash":  {&secrets.SecretArgs{SecretName: pulumi.String("prod#db")}, []string{`got "prod#db"`}},
		"name with colon": {&secrets.SecretArgs{SecretName: pulumi.String("prod:db")}, []string{`got "prod:db"`}},
		"name not ASCII":  {&secrets.SecretArgs{SecretName: pulumi.String("clé")}, []string{`got "clé"`}},
		"name too long":   {&secrets.SecretArgs{SecretName: pulumi.String(strings.Repeat("a", 513))}, []string{`SecretName must be 1 to 512`}},
		"recovery negative": {&secrets.SecretArgs{RecoveryWindowInDays: days(-1)},
			[]string{"secrets: RecoveryWindowInDays must be 0 (delete without recovery) or between 7 and 30, got -1"}},
		"recovery 1":  {&secrets.SecretArgs{RecoveryWindowInDays: days(1)}, []string{"RecoveryWindowInDays must be 0 (delete without recovery) or between 7 and 30, got 1"}},
		"recovery 6":  {&secrets.SecretArgs{RecoveryWindowInDays: days(6)}, []string{"got 6"}},
		"recovery 31": {&secrets.SecretArgs{RecoveryWindowInDays: days(31)}, []string{"got 31"}},
		"removal policy unknown": {&secrets.SecretArgs{RemovalPolicy: secrets.RemovalPolicy(7)},
			[]string{"secrets: RemovalPolicy must be RemovalPolicyDestroy or RemovalPolicyRetain, got RemovalPolicy(7)"}},
		"replica region empty": {&secrets.SecretArgs{ReplicaRegions: []replica.Region{{}}},
			[]string{`secrets: ReplicaRegions[0].Region must be a region name such as eu-west-1, got ""`}},
		"replica region uppercase": {&secrets.SecretArgs{ReplicaRegions: []replica.Region{{Region: "EU-WEST-1"}}},
			[]string{`ReplicaRegions[0].Region must be a region name such as eu-west-1, got "EU-WEST-1"`}},
		"replica region no number": {&secrets.SecretArgs{ReplicaRegions: []replica.Region{{Region: "eu-west"}}},
			[]string{`got "eu-west"`}},
		"replica twice": {&secrets.SecretArgs{ReplicaRegions: []replica.Region{{Region: "eu-west-1"}, {Region: "eu-west-2"}, {Region: "eu-west-1"}}},
			[]string{`secrets: ReplicaRegions[2].Region "eu-west-1" is already ReplicaRegions[0]: list each region once`}},
		"replica key elsewhere": {&secrets.SecretArgs{ReplicaRegions: []replica.Region{{Region: "eu-west-1", EncryptionKey: pulumi.String("arn:aws:kms:eu-central-1:123456789012:key/k")}}},
			[]string{"secrets: ReplicaRegions[0].EncryptionKey is in region eu-central-1, but the replica is in eu-west-1"}},
		"replica key not KMS": {&secrets.SecretArgs{ReplicaRegions: []replica.Region{{Region: "eu-west-1", EncryptionKey: pulumi.String("arn:aws:s3:::bucket")}}},
			[]string{`secrets: ReplicaRegions[0].EncryptionKey must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), got "arn:aws:s3:::bucket"`}},
		"replica key not an ARN": {&secrets.SecretArgs{ReplicaRegions: []replica.Region{{Region: "eu-west-1", EncryptionKey: pulumi.String("alias/mine")}}},
			[]string{`ReplicaRegions[0].EncryptionKey must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), got "alias/mine"`}},
		"replica key an alias ARN": {&secrets.SecretArgs{ReplicaRegions: []replica.Region{{Region: "eu-west-1", EncryptionKey: pulumi.String("arn:aws:kms:eu-west-1:123456789012:alias/mine")}}},
			[]string{`ReplicaRegions[0].EncryptionKey must be a KMS key ARN`}},
		"key ID": {&secrets.SecretArgs{EncryptionKey: pulumi.String("1234abcd-12ab-34cd-56ef-1234567890ab")},
			[]string{`secrets: EncryptionKey must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), got "1234abcd-12ab-34cd-56ef-1234567890ab": IAM policies cannot name a key by ID or alias`}},
		"key alias ARN": {&secrets.SecretArgs{EncryptionKey: pulumi.String("arn:aws:kms:us-east-1:123456789012:alias/aws/secretsmanager")},
			[]string{`secrets: EncryptionKey must be a KMS key ARN`}},
		"generator problems beside a second value": {&secrets.SecretArgs{SecretStringValue: pulumi.String("x"), GenerateSecretString: &secrets.SecretStringGenerator{PasswordLength: -2}},
			[]string{"got GenerateSecretString and SecretStringValue", gss + "PasswordLength must be between 1 and 4096, got -2"}},
		"empty string value": {&secrets.SecretArgs{SecretStringValue: pulumi.String("")},
			[]string{"secrets: SecretStringValue must not be empty"}},
		"empty binary value": {&secrets.SecretArgs{SecretBinaryValue: pulumi.String("")},
			[]string{"secrets: SecretBinaryValue must not be empty"}},
		"value too large": {&secrets.SecretArgs{SecretStringValue: pulumi.String(strings.Repeat("v", 65537))},
			[]string{"secrets: SecretStringValue is larger than the 65536 bytes Secrets Manager stores (value withheld)"}},
		"binary value too large": {&secrets.SecretArgs{SecretBinaryValue: pulumi.String(strings.Repeat("AAAA", 21846))},
			[]string{"secrets: SecretBinaryValue is larger than the 65536 bytes Secrets Manager stores (value withheld)"}},
		"description too long": {&secrets.SecretArgs{Description: pulumi.String(strings.Repeat("d", 2049))},
			[]string{"secrets: Description must be at most 2048 characters, got 2049"}},
		"reserved tag": {&secrets.SecretArgs{Tags: pulumi.StringMap{"AWS:owner": pulumi.String("me")}},
			[]string{`secrets: Tags key "AWS:owner" starts with "aws:", which AWS reserves for its own tags`}},
		"empty tag key": {&secrets.SecretArgs{Tags: pulumi.StringMap{"": pulumi.String("me")}},
			[]string{`secrets: Tags key "" must be 1 to 128 characters`}},
		"long tag value": {&secrets.SecretArgs{Tags: pulumi.StringMap{"team": pulumi.String(strings.Repeat("t", 257))}},
			[]string{`secrets: Tags["team"] must be at most 256 characters`}},
		"port out of range": {&secrets.SecretArgs{SecretObjectValue: pulumi.StringMap{"u": pulumi.String("a")},
			Target: &secrets.TargetAttachment{Engine: pulumi.String("mysql"), Host: pulumi.String("h"), Port: pulumi.Int(70000)}},
			[]string{"secrets: Target.Port must be between 1 and 65535, got 70000"}},
		"generated key is a Target field": {&secrets.SecretArgs{
			GenerateSecretString: &secrets.SecretStringGenerator{SecretStringTemplate: `{"u":"a"}`, GenerateStringKey: "host"},
			Target:               &secrets.TargetAttachment{Engine: pulumi.String("mysql"), Host: pulumi.String("h"), Port: pulumi.Int(3306)}},
			[]string{`secrets: GenerateSecretString.GenerateStringKey "host" is also a field of Target: the Target would overwrite the password`}},
		"value not UTF-8": {&secrets.SecretArgs{SecretStringValue: pulumi.String("pass\xffword")},
			[]string{"secrets: SecretStringValue must be valid UTF-8 (value withheld)"}},
		"template not UTF-8": {gen(secrets.SecretStringGenerator{SecretStringTemplate: "{\"u\":\"\xff\"}", GenerateStringKey: "p"}),
			[]string{"secrets: GenerateSecretString.SecretStringTemplate must be valid UTF-8 (template withheld)"}},
		"description not UTF-8": {&secrets.SecretArgs{Description: pulumi.String("caf\xe9")},
			[]string{"secrets: Description must be valid UTF-8"}},
		"every problem at once": {&secrets.SecretArgs{
			SecretName: pulumi.String("a b"), RecoveryWindowInDays: days(3),
			GenerateSecretString: &secrets.SecretStringGenerator{PasswordLength: -5, GenerateStringKey: "k"},
		}, []string{"SecretName must be", "RecoveryWindowInDays must be", "PasswordLength must be between 1 and 4096, got -5", "must be specified together"}},
	}
	if len(tests) < 40 {
		t.Fatalf("only %d bad inputs; the table promises at least 40", len(tests))
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m := pulumitest.New()
			err := m.Run(func(ctx *pulumi.Context) error {
				_, err := secrets.NewSecret(ctx, "s", tt.args)
				return err
			})
			if err == nil {
				t.Fatalf("got no error; want %q", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("got %q; want it to contain %q", err, w)
				}
			}
			// The template's fields become the value: no error quotes it.
			if g := tt.args.GenerateSecretString; g != nil && len(g.SecretStringTemplate) > 4 && strings.Contains(err.Error(), g.SecretStringTemplate) {
				t.Errorf("the error quotes SecretStringTemplate")
			}
			// Validation happens before anything is registered.
			if n := len(m.Resources()); n != 0 {
				t.Errorf("%d resources were registered before the error", n)
			}
		})
	}
}

// Checks that need values unknown at construction run once they are known.
func TestBadInputOnceKnown(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		args *secrets.SecretArgs
		want string
	}{
		"replica in own region": {&secrets.SecretArgs{ReplicaRegions: []replica.Region{{Region: "us-east-1"}}},
			`secrets: ReplicaRegions[0].Region "us-east-1" is the region the secret is created in: a secret cannot be replicated to its own region`},
		"key from output not an ARN": {&secrets.SecretArgs{EncryptionKey: pulumi.String("alias/mine").ToStringOutput()},
			`secrets: EncryptionKey must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), got "alias/mine"`},
		"secret key not an ARN": {&secrets.SecretArgs{EncryptionKey: pulumi.ToSecret(pulumi.String("alias/hidden-key")).(pulumi.StringOutput)},
			`secrets: EncryptionKey must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), got (secret value withheld)`},
		"secret name": {&secrets.SecretArgs{SecretName: pulumi.ToSecret(pulumi.String("bad name")).(pulumi.StringOutput)},
			`secrets: SecretName must be 1 to 512 letters, digits and /_+=.@-, got (secret value withheld)`},
		"replica key from output elsewhere": {&secrets.SecretArgs{ReplicaRegions: []replica.Region{{Region: "eu-west-1",
			EncryptionKey: pulumi.String("arn:aws:kms:us-east-1:123456789012:key/k").ToStringOutput()}}},
			"secrets: ReplicaRegions[0].EncryptionKey is in region us-east-1, but the replica is in eu-west-1"},
		"replica region that does not exist": {&secrets.SecretArgs{ReplicaRegions: []replica.Region{{Region: "eu-west-1"}, {Region: "eu-west-9"}}},
			`secrets: ReplicaRegions[1].Region "eu-west-9" is not a region of the provider's partition`},
		"key in another region": {&secrets.SecretArgs{EncryptionKey: pulumi.String("arn:aws:kms:eu-west-1:123456789012:key/k")},
			"secrets: EncryptionKey is in region eu-west-1, but the secret is in us-east-1: Secrets Manager needs a key in the secret's region"},
		"key in another partition": {&secrets.SecretArgs{EncryptionKey: pulumi.String("arn:aws-cn:kms:us-east-1:123456789012:key/k")},
			"secrets: EncryptionKey is in partition aws-cn, but the secret is in aws"},
		"secret key in another region": {&secrets.SecretArgs{EncryptionKey: pulumi.ToSecret(pulumi.String("arn:aws:kms:eu-west-1:123456789012:key/hidden-key")).(pulumi.StringOutput)},
			"secrets: EncryptionKey is in region eu-west-1, but the secret is in us-east-1"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m := pulumitest.New()
			m.DryRun = true // every check here holds in preview already
			err := m.Run(func(ctx *pulumi.Context) error {
				_, err := secrets.NewSecret(ctx, "s", tt.args)
				return err
			})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v; want %q", err, tt.want)
			}
			if err != nil && (strings.Contains(err.Error(), "hidden-key") || strings.Contains(err.Error(), "bad name")) {
				t.Errorf("the error quotes a secret input: %v", err)
			}
		})
	}
}
