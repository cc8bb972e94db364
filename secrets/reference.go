package secrets

import (
	"fmt"

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

// SecretARN returns the complete ARN.
func (s *Owned) SecretARN() pulumi.StringOutput { return s.ARN }

// SecretFullARN returns the complete ARN; ok is always true.
func (s *Owned) SecretFullARN() (pulumi.StringOutput, bool) { return s.ARN, true }

// SecretName returns the secret's name.
func (s *Owned) SecretName() pulumi.StringOutput { return s.Name }

// EncryptionKeyARN returns SecretArgs.EncryptionKey, or nil if it was not given.
func (s *Owned) EncryptionKeyARN() pulumi.StringInput { return s.key }

// ARNForPolicies returns the complete ARN: an owned secret's suffix is always known.
func (s *Owned) ARNForPolicies() pulumi.StringOutput { return s.ARN }

// SecretValue returns the value secretsmith's version of the secret holds (the value the
// program set, or, after a change of template fields or Target on a rotated secret, the
// current value with those fields merged in), as a Pulumi secret. Once a rotation function
// owns the value, AWS holds a newer one: CurrentValue reads that. A secret with
// GenerateInAWS has no program value: the output fails the program where it is used.
func (s *Owned) SecretValue() pulumi.StringOutput {
	if s.inAWS {
		return pulumi.ToSecret(pulumi.String("").ToStringOutput().ApplyT(func(string) (string, error) {
			return "", fmt.Errorf("secrets: %s: SecretValue: the value is generated in AWS (GenerateInAWS), so the program has none: "+
				"read it with CurrentValue once the first rotation ran, or give the app the secret's ARN", s.name)
		})).(pulumi.StringOutput)
	}
	return s.value()
}

// SecretValueFromJSON returns the field key of SecretValue, as a Pulumi secret. A string
// field is returned as is, any other field as its JSON text.
func (s *Owned) SecretValueFromJSON(key string) pulumi.StringOutput {
	return jsonField(s.SecretValue(), key)
}

// FirstVersion is the resource that writes the secret's first value (Version), for what
// must wait for it, such as a rotation; nil with GenerateInAWS.
func (s *Owned) FirstVersion() pulumi.Resource {
	if s.Version == nil {
		return nil
	}
	return s.Version
}

// GeneratedInAWS reports whether the secret's value is generated in AWS by its rotation
// function (SecretArgs.GenerateInAWS) rather than set by the program.
func (s *Owned) GeneratedInAWS() bool { return s.inAWS }

// CurrentValue returns the value labelled AWSCURRENT when the program runs, after
// secretsmith's version is written, as a Pulumi secret: the rotated value once rotation
// has run. It is read with the getSecretVersion invoke on every run, so a stack output made
// from it changes after each rotation (the next `pulumi up` or `refresh` shows the new one).
// Applications should read the secret at run time instead (its ARN and a grant); export
// this only to what cannot.
func (s *Owned) CurrentValue() pulumi.StringOutput { return s.current() }

// CurrentValueFromJSON returns the field key of CurrentValue, as a Pulumi secret.
func (s *Owned) CurrentValueFromJSON(key string) pulumi.StringOutput {
	return jsonField(s.current(), key)
}

// DeniesAccountRootDelete reports whether the secret's resource policy denies
// secretsmanager:DeleteSecret to the account root (SecretArgs.DenyAccountRootDelete).
func (s *Owned) DeniesAccountRootDelete() bool { return s.denyRootDelete }

// Generator returns a copy of the generator of the secret's value, or nil when the value was
// given rather than generated.
func (s *Owned) Generator() *SecretStringGenerator {
	if s.generator == nil {
		return nil
	}
	g := *s.generator
	return &g
}
