package main

import (
	"context"
	"fmt"
	"slices"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// The resource types the policies check.
const (
	secretType        = "aws:secretsmanager/secret:Secret"
	secretVersionType = "aws:secretsmanager/secretVersion:SecretVersion"
	secretPolicyType  = "aws:secretsmanager/secretPolicy:SecretPolicy"
)

// check is a resource check: it returns the violations of r, never quoting a secret value.
type check func(r policyx.AnalyzerResource) []string

func policies() []policyx.Policy {
	return []policyx.Policy{
		policy("secretsmith-value-is-secret", policyx.EnforcementLevelMandatory,
			"A SecretVersion's secretString and secretBinary are Pulumi secrets.", secretVersionType, valueIsSecret),
		policy("secretsmith-resource-policy-blocks-public", policyx.EnforcementLevelMandatory,
			"A SecretPolicy keeps BlockPublicPolicy on.", secretPolicyType, blocksPublic),
		policy("secretsmith-version-survives-rotation", policyx.EnforcementLevelAdvisory,
			"A SecretVersion holding AWSCURRENT survives rotation: a label of its own and ignoreChanges on versionStages.",
			secretVersionType, survivesRotation),
		policy("secretsmith-customer-managed-key", policyx.EnforcementLevelAdvisory,
			"A Secret is encrypted with a customer managed KMS key.", secretType, customerManagedKey),
		policy("secretsmith-recovery-window", policyx.EnforcementLevelAdvisory,
			"A Secret can be recovered after deletion (recoveryWindowInDays is not 0).", secretType, recoveryWindow),
	}
}

// policy makes a resource validation policy that runs c on resources of type typ.
func policy(name string, level policyx.EnforcementLevel, description, typ string, c check) policyx.Policy {
	return policyx.NewResourceValidationPolicy(name, policyx.ResourceValidationPolicyArgs{
		Description:      description,
		EnforcementLevel: level,
		ValidateResource: func(_ context.Context, args policyx.ResourceValidationArgs) error {
			if args.Resource.Type != typ {
				return nil
			}
			for _, v := range c(args.Resource) {
				args.Manager.ReportViolation(v, args.Resource.URN)
			}
			return nil
		},
	})
}

func valueIsSecret(r policyx.AnalyzerResource) []string {
	var out []string
	for _, key := range []string{"secretString", "secretBinary"} {
		v, ok := r.Properties.GetOk(key)
		if ok && !v.IsNull() && !v.IsComputed() && !v.Secret() {
			out = append(out, fmt.Sprintf("%s of %s is not a Pulumi secret: it would be stored in plain text in the state; "+
				"wrap it with pulumi.ToSecret, or create the secret with secretsmith's secrets.NewSecret", key, r.Name))
		}
	}
	return out
}

func blocksPublic(r policyx.AnalyzerResource) []string {
	if v := r.Properties.Get("blockPublicPolicy"); v.IsBool() && !v.AsBool() {
		return []string{fmt.Sprintf("%s sets blockPublicPolicy to false: a resource policy could then make the secret public", r.Name)}
	}
	return nil
}

func survivesRotation(r policyx.AnalyzerResource) []string {
	stages := stringsOf(r.Properties.Get("versionStages"))
	if !slices.Contains(stages, "AWSCURRENT") {
		return nil
	}
	own := slices.ContainsFunc(stages, func(s string) bool { return s != "AWSCURRENT" && s != "AWSPREVIOUS" && s != "AWSPENDING" })
	if own && slices.Contains(r.Options.IgnoreChanges, "versionStages") {
		return nil
	}
	return []string{fmt.Sprintf("%s holds AWSCURRENT but not a label of its own with ignoreChanges on versionStages: once "+
		"rotation moves AWSCURRENT, AWS deletes the version and the next pulumi up writes the old value back "+
		"(terraform-provider-aws #25168); secretsmith's secrets.NewSecret registers versions safely", r.Name)}
}

func customerManagedKey(r policyx.AnalyzerResource) []string {
	if v, ok := r.Properties.GetOk("kmsKeyId"); ok && !v.IsNull() {
		return nil
	}
	return []string{fmt.Sprintf("%s uses the AWS managed key aws/secretsmanager, which no key policy governs and no "+
		"other account can use: set kmsKeyId (secretsmith: SecretArgs.EncryptionKey)", r.Name)}
}

func recoveryWindow(r policyx.AnalyzerResource) []string {
	if v := r.Properties.Get("recoveryWindowInDays"); v.IsNumber() && v.AsNumber() == 0 {
		return []string{fmt.Sprintf("%s is deleted without recovery (recoveryWindowInDays = 0): "+
			"a mistaken delete cannot be undone", r.Name)}
	}
	return nil
}

// stringsOf returns the known strings of an array value.
func stringsOf(v property.Value) []string {
	if !v.IsArray() {
		return nil
	}
	var out []string
	for _, e := range v.AsArray().All {
		if e.IsString() {
			out = append(out, e.AsString())
		}
	}
	return out
}
