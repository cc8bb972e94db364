package secrets

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/grants"
)

// Reference is what every secret offers, owned (*Secret) or imported (*ImportedSecret):
// program against it to accept either. It is CDK's ISecret.
type Reference interface {
	// SecretARN is the ARN the secret is known by: complete for owned secrets and complete
	// imports, partial for imports by partial ARN or name.
	SecretARN() pulumi.StringOutput
	// SecretFullARN is the complete ARN, with the 6-character suffix; ok is false when only
	// a partial ARN or a name is known.
	SecretFullARN() (arn pulumi.StringOutput, ok bool)
	// SecretName is the secret's name, without the suffix.
	SecretName() pulumi.StringOutput
	// EncryptionKeyARN is the ARN of the secret's customer managed KMS key, or nil when it
	// uses the AWS managed key (or the key is not known).
	EncryptionKeyARN() pulumi.StringInput
	// ARNForPolicies is the ARN to use in IAM policies: the complete ARN when known, else the
	// partial ARN followed by "-??????", which matches the suffix.
	ARNForPolicies() pulumi.StringOutput
	// SecretValue is the secret's value, as a Pulumi secret.
	SecretValue() pulumi.StringOutput
	// SecretValueFromJSON is the field key of the secret's JSON value, as a Pulumi secret.
	// A value that is not a JSON object, or has no such key, fails the program with an error
	// that never quotes the value.
	SecretValueFromJSON(key string) pulumi.StringOutput
	// GrantRead gives an IAM identity of the program read access: see Secret.GrantRead.
	GrantRead(ctx *pulumi.Context, name string, grantee grants.Grantee, opts ...grants.Option) (*grants.Grant, error)
	// GrantWrite gives an IAM identity of the program write access: see Secret.GrantWrite.
	GrantWrite(ctx *pulumi.Context, name string, grantee grants.Grantee, opts ...grants.Option) (*grants.Grant, error)
}

var _ Reference = (*Secret)(nil)

// SecretARN returns the complete ARN.
func (s *Secret) SecretARN() pulumi.StringOutput { return s.ARN }

// SecretFullARN returns the complete ARN; ok is always true.
func (s *Secret) SecretFullARN() (pulumi.StringOutput, bool) { return s.ARN, true }

// SecretName returns the secret's name.
func (s *Secret) SecretName() pulumi.StringOutput { return s.Name }

// EncryptionKeyARN returns SecretArgs.EncryptionKey, or nil if it was not given.
func (s *Secret) EncryptionKeyARN() pulumi.StringInput { return s.key }

// ARNForPolicies returns the complete ARN: an owned secret's suffix is always known.
func (s *Secret) ARNForPolicies() pulumi.StringOutput { return s.ARN }

// SecretValue returns the value the program set (generated or given), as a Pulumi secret.
// After rotation AWS holds a newer value: read that with an import (LookupSecret) instead.
func (s *Secret) SecretValue() pulumi.StringOutput { return s.value }

// SecretValueFromJSON returns the field key of the value the program set, as a Pulumi
// secret. A string field is returned as is, any other field as its JSON text.
func (s *Secret) SecretValueFromJSON(key string) pulumi.StringOutput {
	return jsonField(s.value, key)
}

// DeniesAccountRootDelete reports whether the secret's resource policy denies
// secretsmanager:DeleteSecret to the account root (SecretArgs.DenyAccountRootDelete).
func (s *Secret) DeniesAccountRootDelete() bool { return s.denyRootDelete }

// Generator returns a copy of the generator of the secret's value, or nil when the value was
// given rather than generated.
func (s *Secret) Generator() *SecretStringGenerator {
	if s.generator == nil {
		return nil
	}
	g := *s.generator
	return &g
}
