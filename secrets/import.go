package secrets

import (
	"fmt"
	"strings"
	"sync"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/arn"
)

// ImportedSecret is an existing secret the program references but does not manage: no AWS
// resource is created for it. Get one from FromSecretCompleteARN, FromSecretPartialARN,
// FromSecretName, FromSecretAttributes or LookupSecret; grant on it and rotate it exactly as
// an owned Secret.
type ImportedSecret struct {
	ctx      *pulumi.Context
	name     string
	arn      pulumi.StringOutput // complete or partial, validated
	complete bool
	secret   pulumi.StringOutput // the secret's name
	key      pulumi.StringInput
	opts     []pulumi.InvokeOption

	valueOnce sync.Once
	value     pulumi.StringOutput
}

var _ Reference = (*ImportedSecret)(nil)

// SecretAttributes describe an existing secret for FromSecretAttributes.
type SecretAttributes struct {
	// SecretCompleteARN is the secret's complete ARN, ending in a hyphen and the six
	// characters Secrets Manager appended. Give exactly one of SecretCompleteARN and
	// SecretPartialARN.
	SecretCompleteARN pulumi.StringInput `pulumi:"secretCompleteArn"`
	// SecretPartialARN is the secret's ARN without the suffix. Policies then match the
	// suffix with "-??????".
	SecretPartialARN pulumi.StringInput `pulumi:"secretPartialArn"`
	// EncryptionKey is the ARN of the customer managed KMS key that encrypts the secret, so
	// that grants include kms:Decrypt (and for writes kms:Encrypt...). If nil, the secret is
	// taken to use the AWS managed key and grants name no key.
	EncryptionKey pulumi.StringInput `pulumi:"encryptionKey"`
}

// FromSecretCompleteARN references the secret with the complete ARN completeARN (with the
// 6-character suffix). Grants name exactly this ARN. opts (such as pulumi.Provider) apply
// to the invoke that reads the secret's value.
func FromSecretCompleteARN(ctx *pulumi.Context, name string, completeARN pulumi.StringInput, opts ...pulumi.InvokeOption) (*ImportedSecret, error) {
	return FromSecretAttributes(ctx, name, &SecretAttributes{SecretCompleteARN: completeARN}, opts...)
}

// FromSecretPartialARN references the secret with the ARN partialARN, which lacks the
// 6-character suffix. Grants name partialARN followed by "-??????". opts (such as
// pulumi.Provider) apply to the invoke that reads the secret's value.
func FromSecretPartialARN(ctx *pulumi.Context, name string, partialARN pulumi.StringInput, opts ...pulumi.InvokeOption) (*ImportedSecret, error) {
	return FromSecretAttributes(ctx, name, &SecretAttributes{SecretPartialARN: partialARN}, opts...)
}

// FromSecretAttributes references the secret attrs describe. Known ARNs are validated at
// once, unknown ones (from another stack, say) once known.
func FromSecretAttributes(ctx *pulumi.Context, name string, attrs *SecretAttributes, opts ...pulumi.InvokeOption) (*ImportedSecret, error) {
	if attrs == nil {
		attrs = &SecretAttributes{}
	}
	var field string
	var given pulumi.StringInput
	complete := attrs.SecretCompleteARN != nil
	switch {
	case complete && attrs.SecretPartialARN != nil:
		return nil, fmt.Errorf("secrets: %s: give exactly one of SecretCompleteARN and SecretPartialARN, got both", name)
	case complete:
		field, given = "SecretCompleteARN", attrs.SecretCompleteARN
	case attrs.SecretPartialARN != nil:
		field, given = "SecretPartialARN", attrs.SecretPartialARN
	default:
		return nil, fmt.Errorf("secrets: %s: give exactly one of SecretCompleteARN and SecretPartialARN, got neither", name)
	}
	check := func(s, shown string) (string, error) {
		parsed, err := parseImportARN(name, field, s, complete)
		if err != nil {
			return "", err
		}
		if !complete && arn.HasSuffix(parsed.Name) {
			warnSuffix(ctx, name, fmt.Sprintf("%s %s ends with a hyphen and six characters: if that is the suffix "+
				"Secrets Manager appended, use SecretCompleteARN so that grants name the exact ARN", field, shown))
		}
		return s, nil
	}
	checked, err := checkNowOrOnceKnown(given, check)
	if err != nil {
		return nil, err
	}
	secretName := checked.ApplyT(func(s string) string {
		n := s[strings.Index(s, ":secret:")+len(":secret:"):]
		if complete {
			// Only complete ARNs carry the suffix: a partial ARN such as
			// ...:secret:xyz-secret keeps its name whole (CDK strips it either way).
			n = arn.TrimSuffix(n)
		}
		return n
	}).(pulumi.StringOutput)
	key, err := importedKey(name, attrs.EncryptionKey, given, checked)
	if err != nil {
		return nil, err
	}
	return &ImportedSecret{ctx: ctx, name: name, arn: checked, complete: complete, secret: secretName, key: key, opts: opts}, nil
}

// importedKey is an import's key, checked to be a KMS key ARN in the secret's region and
// partition: at once when it and the secret's ARN are plain, else once known (without
// quoting a key that is a Pulumi secret).
func importedKey(name string, key, given pulumi.StringInput, secretARN pulumi.StringOutput) (pulumi.StringInput, error) {
	if key == nil {
		return nil, nil
	}
	check := func(k, secret string) error {
		found := keyProblems("EncryptionKey", k)
		if a, err := arn.Parse(secret); err == nil && len(found) == 0 {
			found = keyPlaceProblems("EncryptionKey", k, a.Region, a.Partition)
		}
		if len(found) > 0 {
			return fmt.Errorf("secrets: %s: %w", name, found[0])
		}
		return nil
	}
	k, plainKey := key.(pulumi.String)
	a, plainARN := given.(pulumi.String)
	switch {
	case plainKey && plainARN:
		return key, check(string(k), string(a))
	case plainKey:
		if p := keyProblems("EncryptionKey", string(k)); len(p) > 0 {
			return nil, fmt.Errorf("secrets: %s: %w", name, p[0])
		}
	}
	out := key.ToStringOutput()
	return pulumi.All(out, secretARN).ApplyT(func(v []any) (string, error) {
		err := check(v[0].(string), v[1].(string))
		if err != nil && pulumi.IsSecret(out) {
			err = withheld(err, v[0].(string))
		}
		return v[0].(string), err
	}).(pulumi.StringOutput), nil
}

// parseImportARN validates s, the import's field, for a complete or partial ARN.
func parseImportARN(name, field, s string, complete bool) (arn.Secret, error) {
	parsed, err := arn.ParseSecret(s)
	if err != nil {
		return arn.Secret{}, fmt.Errorf("secrets: %s: %s: %w", name, field, err)
	}
	if complete && !arn.HasSuffix(parsed.Name) {
		return arn.Secret{}, fmt.Errorf("secrets: %s: SecretCompleteARN does not appear to be complete: %q is missing the 6-character suffix (use SecretPartialARN)", name, s)
	}
	secretName := parsed.Name
	if complete {
		secretName = arn.TrimSuffix(secretName)
	}
	switch {
	case secretName == "":
		return arn.Secret{}, fmt.Errorf("secrets: %s: %s has no secret name before its suffix", name, field)
	case len(secretName) > 512:
		return arn.Secret{}, fmt.Errorf("secrets: %s: %s names a secret of %d characters; Secrets Manager allows at most 512", name, field, len(secretName))
	}
	return parsed, nil
}

// FromSecretName references the secret named secretName in the partition, region and
// account of the program's AWS provider (CDK's fromSecretNameV2), found with the
// GetPartition, GetRegion and GetCallerIdentity invokes; pass pulumi.Provider in opts to use
// another provider. Grants name the partial ARN followed by "-??????".
//
// A name ending in a hyphen and six characters logs a warning: "-??????" may then match
// another secret whose name is this one plus a suffix.
func FromSecretName(ctx *pulumi.Context, name string, secretName pulumi.StringInput, opts ...pulumi.InvokeOption) (*ImportedSecret, error) {
	if secretName == nil {
		return nil, fmt.Errorf("secrets: %s: the secret name is required", name)
	}
	check := func(n, shown string) (string, error) {
		if p := nameProblems(n); len(p) > 0 {
			return "", fmt.Errorf("secrets: %s: %w", name, p[0])
		}
		if arn.HasSuffix(n) {
			warnSuffix(ctx, name, fmt.Sprintf("secret name %s ends with a hyphen and six characters: policies "+
				"matching %s-?????? may not match it reliably; import it by complete ARN instead", shown, shown))
		}
		return n, nil
	}
	checked, err := checkNowOrOnceKnown(secretName, check)
	if err != nil {
		return nil, err
	}
	partition := aws.GetPartitionOutput(ctx, aws.GetPartitionOutputArgs{}, opts...).Partition()
	region := aws.GetRegionOutput(ctx, aws.GetRegionOutputArgs{}, opts...).Name()
	account := aws.GetCallerIdentityOutput(ctx, aws.GetCallerIdentityOutputArgs{}, opts...).AccountId()
	partial := pulumi.Sprintf("arn:%s:secretsmanager:%s:%s:secret:%s", partition, region, account, checked)
	return &ImportedSecret{ctx: ctx, name: name, arn: partial, secret: checked, opts: opts}, nil
}

// LookupSecret references the secret named or with the ARN nameOrARN, asking Secrets
// Manager (the secretsmanager.LookupSecret invoke) for its complete ARN and KMS key, so
// that grants name the exact ARN and the right key — something CDK cannot do. The secret
// must exist when the program runs. opts (such as pulumi.Provider) apply to the invokes.
func LookupSecret(ctx *pulumi.Context, name string, nameOrARN pulumi.StringInput, opts ...pulumi.InvokeOption) (*ImportedSecret, error) {
	if nameOrARN == nil {
		return nil, fmt.Errorf("secrets: %s: the secret's name or ARN is required", name)
	}
	if known, ok := nameOrARN.(pulumi.String); ok {
		s := string(known)
		if strings.HasPrefix(s, "arn:") {
			if _, err := arn.ParseSecret(s); err != nil {
				return nil, fmt.Errorf("secrets: %s: %w", name, err)
			}
		} else if p := nameProblems(s); len(p) > 0 {
			return nil, fmt.Errorf("secrets: %s: %w", name, p[0])
		}
	}
	isARN := func(s string) bool { return strings.HasPrefix(s, "arn:") }
	in := nameOrARN.ToStringOutput()
	found := secretsmanager.LookupSecretOutput(ctx, secretsmanager.LookupSecretOutputArgs{
		Arn: in.ApplyT(func(s string) *string {
			if isARN(s) {
				return &s
			}
			return nil
		}).(pulumi.StringPtrOutput),
		Name: in.ApplyT(func(s string) *string {
			if isARN(s) {
				return nil
			}
			return &s
		}).(pulumi.StringPtrOutput),
	}, opts...)
	full := found.Arn()
	key := pulumi.All(full, found.KmsKeyId()).ApplyT(func(v []any) pulumi.StringOutput {
		k := keyARN(v[0].(string), v[1].(string))
		if a, err := arn.Parse(k); err == nil && strings.HasPrefix(a.Resource, "alias/") {
			// IAM policies name keys, not aliases (Secrets Manager reports the key as given,
			// alias included): resolve the alias to its key.
			return kms.LookupAliasOutput(ctx, kms.LookupAliasOutputArgs{Name: pulumi.String(a.Resource)}, opts...).TargetKeyArn()
		}
		return pulumi.String(k).ToStringOutput()
	}).(pulumi.StringOutput)
	return &ImportedSecret{ctx: ctx, name: name, arn: full, complete: true, secret: found.Name(), key: key, opts: opts}, nil
}

// keyARN turns the KmsKeyId Secrets Manager reports for the secret with ARN secretARN into
// an ARN: "" for the AWS managed key, a key ID or alias name made into a key or alias ARN in
// the secret's region, an ARN as it is.
func keyARN(secretARN, kmsKeyID string) string {
	switch {
	case kmsKeyID == "", strings.HasSuffix(kmsKeyID, "alias/aws/secretsmanager"):
		return ""
	case strings.HasPrefix(kmsKeyID, "arn:"):
		return kmsKeyID
	}
	a, err := arn.Parse(secretARN)
	if err != nil {
		return ""
	}
	if !strings.HasPrefix(kmsKeyID, "alias/") {
		kmsKeyID = "key/" + kmsKeyID
	}
	return arn.ARN{Partition: a.Partition, Service: "kms", Region: a.Region, AccountID: a.AccountID, Resource: kmsKeyID}.String()
}

func warnSuffix(ctx *pulumi.Context, name, msg string) {
	_ = ctx.Log.Warn("secrets: "+name+": "+msg, nil)
}

// SecretARN returns the ARN the secret was imported by, complete or partial.
func (s *ImportedSecret) SecretARN() pulumi.StringOutput { return s.arn }

// SecretFullARN returns the complete ARN; ok is false for imports by partial ARN or name.
func (s *ImportedSecret) SecretFullARN() (pulumi.StringOutput, bool) {
	if !s.complete {
		return pulumi.StringOutput{}, false
	}
	return s.arn, true
}

// SecretName returns the secret's name, without the suffix.
func (s *ImportedSecret) SecretName() pulumi.StringOutput { return s.secret }

// EncryptionKeyARN returns the key from the attributes or the lookup; nil, or a value that
// resolves to "", when the secret uses the AWS managed key.
func (s *ImportedSecret) EncryptionKeyARN() pulumi.StringInput { return s.key }

// ARNForPolicies returns the complete ARN, or the partial ARN followed by "-??????".
func (s *ImportedSecret) ARNForPolicies() pulumi.StringOutput {
	if s.complete {
		return s.arn
	}
	return pulumi.Sprintf("%s-??????", s.arn)
}

// SecretValue reads the secret's current value (AWSCURRENT) with the
// secretsmanager.LookupSecretVersion invoke, once, and returns it as a Pulumi secret (the
// provider's result is not marked secret: pulumi-aws #1449).
func (s *ImportedSecret) SecretValue() pulumi.StringOutput {
	s.valueOnce.Do(func() {
		v := secretsmanager.LookupSecretVersionOutput(s.ctx, secretsmanager.LookupSecretVersionOutputArgs{SecretId: s.arn}, s.opts...)
		s.value = pulumi.ToSecret(v.SecretString()).(pulumi.StringOutput)
	})
	return s.value
}

// SecretValueFromJSON returns the field key of the current value, as a Pulumi secret.
func (s *ImportedSecret) SecretValueFromJSON(key string) pulumi.StringOutput {
	return jsonField(s.SecretValue(), key)
}
