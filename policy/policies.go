package main

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// The resource types the policies check.
const (
	secretType         = "aws:secretsmanager/secret:Secret"
	secretVersionType  = "aws:secretsmanager/secretVersion:SecretVersion"
	secretPolicyType   = "aws:secretsmanager/secretPolicy:SecretPolicy"
	secretRotationType = "aws:secretsmanager/secretRotation:SecretRotation"
	keyType            = "aws:kms/key:Key"
	permissionType     = "aws:lambda/permission:Permission"
)

// identityPolicyTypes hold an identity policy document in their "policy" property.
var identityPolicyTypes = []string{
	"aws:iam/rolePolicy:RolePolicy", "aws:iam/userPolicy:UserPolicy", "aws:iam/groupPolicy:GroupPolicy", "aws:iam/policy:Policy",
}

// check is a resource check: it returns the violations of r under the policy's
// configuration, never quoting a secret value.
type check func(r policyx.AnalyzerResource, config map[string]any) []string

func policies() []policyx.Policy {
	return []policyx.Policy{
		policy("secretsmith-value-is-secret", policyx.EnforcementLevelMandatory,
			"A SecretVersion's secretString and secretBinary are Pulumi secrets.", nil, valueIsSecret, secretVersionType),
		policy("secretsmith-resource-policy-blocks-public", policyx.EnforcementLevelMandatory,
			"A SecretPolicy sets blockPublicPolicy to true.", nil, blocksPublic, secretPolicyType),
		policy("secretsmith-resource-policy-no-public-principal", policyx.EnforcementLevelMandatory,
			"A secret's resource policy allows no wildcard principal without a condition.", nil, noPublicPrincipal, secretPolicyType, secretType),
		policy("secretsmith-resource-policy-other-account", policyx.EnforcementLevelAdvisory,
			"A secret's resource policy allows another account only under a condition.", nil, otherAccount, secretPolicyType, secretType),
		policy("secretsmith-version-survives-rotation", policyx.EnforcementLevelAdvisory,
			"A SecretVersion holding AWSCURRENT survives rotation: a label of its own and ignoreChanges on versionStages.",
			nil, survivesRotation, secretVersionType),
		policy("secretsmith-customer-managed-key", policyx.EnforcementLevelAdvisory,
			"A Secret is encrypted with a customer managed KMS key.", nil, customerManagedKey, secretType),
		policy("secretsmith-recovery-window", policyx.EnforcementLevelAdvisory,
			"A Secret can be recovered after deletion for at least minimumDays (default 7).", recoveryWindowSchema, recoveryWindow, secretType),
		policy("secretsmith-rotation-permission-source-account", policyx.EnforcementLevelMandatory,
			"A Lambda permission for Secrets Manager names the source account.", nil, permissionSourceAccount, permissionType),
		policy("secretsmith-identity-policy-scoped", policyx.EnforcementLevelAdvisory,
			"An identity policy grants no secretsmanager:* and no Secrets Manager action on Resource \"*\" without a condition.",
			nil, identityScoped, identityPolicyTypes...),
		stackPolicy("secretsmith-secret-rotated", policyx.EnforcementLevelAdvisory,
			"Every Secret of the stack has a SecretRotation.", secretsRotated),
		stackPolicy("secretsmith-key-rotation", policyx.EnforcementLevelAdvisory,
			"A KMS key of the stack that encrypts a Secret has enableKeyRotation.", keysRotated),
	}
}

// policy makes a resource validation policy that runs c on resources of the given types.
func policy(name string, level policyx.EnforcementLevel, description string, schema *policyx.ConfigSchema, c check, types ...string) policyx.Policy {
	return policyx.NewResourceValidationPolicy(name, policyx.ResourceValidationPolicyArgs{
		Description:      description,
		EnforcementLevel: level,
		ConfigSchema:     schema,
		ValidateResource: func(_ context.Context, args policyx.ResourceValidationArgs) error {
			if !slices.Contains(types, args.Resource.Type) {
				return nil
			}
			for _, v := range c(args.Resource, args.Config) {
				args.Manager.ReportViolation(v, args.Resource.URN)
			}
			return nil
		},
	})
}

// violation is a stack policy's finding on one resource.
type violation struct{ urn, message string }

// stackPolicy makes a stack validation policy.
func stackPolicy(name string, level policyx.EnforcementLevel, description string, c func([]policyx.AnalyzerResource) []violation) policyx.Policy {
	return policyx.NewStackValidationPolicy(name, policyx.StackValidationPolicyArgs{
		Description:      description,
		EnforcementLevel: level,
		ValidateStack: func(_ context.Context, args policyx.StackValidationArgs) error {
			for _, v := range c(args.Resources) {
				args.Manager.ReportViolation(v.message, v.urn)
			}
			return nil
		},
	})
}

func valueIsSecret(r policyx.AnalyzerResource, _ map[string]any) []string {
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

// blocksPublic: left unset, the provider does not ask AWS to check the policy at all.
func blocksPublic(r policyx.AnalyzerResource, _ map[string]any) []string {
	v := r.Properties.Get("blockPublicPolicy")
	if v.IsComputed() || (v.IsBool() && v.AsBool()) {
		return nil
	}
	return []string{fmt.Sprintf("%s does not set blockPublicPolicy to true: AWS then accepts a resource policy that makes "+
		"the secret public; set it (secretsmith does by default)", r.Name)}
}

// statement is one statement of an IAM policy document, as JSON allows it.
type statement struct {
	Effect    string
	Principal any
	Action    any
	Resource  any
	Condition map[string]any
}

// statements parses the policy document at key (a SecretPolicy's, a Secret's inline one, an
// identity policy's); nil when it is unknown or not a policy.
func statements(r policyx.AnalyzerResource, key string) []statement {
	v := r.Properties.Get(key)
	if !v.IsString() {
		return nil
	}
	var doc struct{ Statement json.RawMessage }
	if json.Unmarshal([]byte(v.AsString()), &doc) != nil || doc.Statement == nil {
		return nil
	}
	var list []statement
	if json.Unmarshal(doc.Statement, &list) != nil {
		var one statement
		if json.Unmarshal(doc.Statement, &one) != nil {
			return nil
		}
		list = []statement{one}
	}
	return list
}

// stringsIn flattens a JSON string, list of strings or map of either into its strings.
func stringsIn(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			out = append(out, stringsIn(e)...)
		}
		return out
	case map[string]any:
		var out []string
		for _, e := range x {
			out = append(out, stringsIn(e)...)
		}
		return out
	}
	return nil
}

func noPublicPrincipal(r policyx.AnalyzerResource, _ map[string]any) []string {
	var out []string
	for i, s := range statements(r, "policy") {
		if s.Effect != "Allow" || len(s.Condition) > 0 {
			continue
		}
		if slices.Contains(stringsIn(s.Principal), "*") {
			out = append(out, fmt.Sprintf("%s: statement %d allows every principal (\"*\") without a condition: anyone "+
				"could read the secret; name the principals, or add a condition such as aws:PrincipalOrgID", r.Name, i))
		}
	}
	return out
}

var accountRE = regexp.MustCompile(`^(?:arn:[a-z-]+:iam::)?(\d{12})(?::|$)`)

// secretAccount is the account of the secret the policy belongs to, or "" when unknown.
func secretAccount(r policyx.AnalyzerResource) string {
	key := "secretArn"
	if r.Type == secretType {
		key = "arn"
	}
	v := r.Properties.Get(key)
	if !v.IsString() {
		return ""
	}
	parts := strings.Split(v.AsString(), ":")
	if len(parts) < 5 {
		return ""
	}
	return parts[4]
}

func otherAccount(r policyx.AnalyzerResource, _ map[string]any) []string {
	own := secretAccount(r)
	var out []string
	for i, s := range statements(r, "policy") {
		if s.Effect != "Allow" || len(s.Condition) > 0 {
			continue
		}
		for _, p := range stringsIn(s.Principal) {
			m := accountRE.FindStringSubmatch(p)
			if m != nil && own != "" && m[1] != own {
				out = append(out, fmt.Sprintf("%s: statement %d allows account %s without a condition: limit it, for example "+
					"to the current version (secretsmith: grants.VersionStages(\"AWSCURRENT\"))", r.Name, i, m[1]))
			}
		}
	}
	return out
}

// survivesRotation: a version without versionStages is labelled AWSCURRENT by AWS.
func survivesRotation(r policyx.AnalyzerResource, _ map[string]any) []string {
	v := r.Properties.Get("versionStages")
	if v.IsComputed() {
		return nil
	}
	stages := stringsOf(v)
	if len(stages) == 0 {
		stages = []string{"AWSCURRENT"}
	}
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

func customerManagedKey(r policyx.AnalyzerResource, _ map[string]any) []string {
	if v, ok := r.Properties.GetOk("kmsKeyId"); ok && !v.IsNull() {
		return nil
	}
	return []string{fmt.Sprintf("%s uses the AWS managed key aws/secretsmanager, which no key policy governs and no "+
		"other account can use: set kmsKeyId (secretsmith: SecretArgs.EncryptionKey)", r.Name)}
}

var recoveryWindowSchema = &policyx.ConfigSchema{Properties: map[string]map[string]any{
	"minimumDays": {"type": "integer", "minimum": 0, "maximum": 30, "default": 7,
		"description": "the shortest recovery window allowed, in days; AWS allows 0 (none) or 7 to 30, and keeps a secret 30 days when none is set"},
}}

func recoveryWindow(r policyx.AnalyzerResource, config map[string]any) []string {
	minimum := 7.0
	if m, ok := config["minimumDays"].(float64); ok {
		minimum = m
	}
	v := r.Properties.Get("recoveryWindowInDays")
	if !v.IsNumber() || v.AsNumber() >= minimum {
		return nil // unset: AWS keeps it 30 days
	}
	if v.AsNumber() == 0 {
		return []string{fmt.Sprintf("%s is deleted without recovery (recoveryWindowInDays = 0): a mistaken delete cannot be undone", r.Name)}
	}
	return []string{fmt.Sprintf("%s can be recovered for %g days after deletion, fewer than the %g this stack requires", r.Name, v.AsNumber(), minimum)}
}

func permissionSourceAccount(r policyx.AnalyzerResource, _ map[string]any) []string {
	if p := r.Properties.Get("principal"); !p.IsString() || p.AsString() != "secretsmanager.amazonaws.com" {
		return nil
	}
	if v := r.Properties.Get("sourceAccount"); v.IsComputed() || (v.IsString() && v.AsString() != "") {
		return nil
	}
	return []string{fmt.Sprintf("%s lets Secrets Manager invoke the function without sourceAccount: any account's secrets "+
		"could be rotated through it (aws-cdk #28406); set sourceAccount (secretsmith's rotation.NewRotationSchedule does)", r.Name)}
}

func identityScoped(r policyx.AnalyzerResource, _ map[string]any) []string {
	var out []string
	for i, s := range statements(r, "policy") {
		if s.Effect != "Allow" || len(s.Condition) > 0 {
			continue
		}
		actions := stringsIn(s.Action)
		all := slices.ContainsFunc(actions, func(a string) bool { return a == "*" || strings.EqualFold(a, "secretsmanager:*") })
		sm := slices.ContainsFunc(actions, func(a string) bool { return strings.HasPrefix(strings.ToLower(a), "secretsmanager:") })
		switch {
		case all:
			out = append(out, fmt.Sprintf("%s: statement %d allows every Secrets Manager action without a condition: "+
				"grant the actions needed (secretsmith's grants)", r.Name, i))
		case sm && slices.Contains(stringsIn(s.Resource), "*"):
			out = append(out, fmt.Sprintf("%s: statement %d allows Secrets Manager actions on every secret (Resource \"*\") "+
				"without a condition: name the secrets, or grant by tag", r.Name, i))
		}
	}
	return out
}

// refersTo reports whether r's property key names target: by value (its ARN, ID or name)
// or by dependency on its URN.
func refersTo(r policyx.AnalyzerResource, key string, target policyx.AnalyzerResource) bool {
	if slices.Contains(r.PropertyDependencies[key], target.URN) {
		return true
	}
	v := r.Properties.Get(key)
	if !v.IsString() || v.AsString() == "" {
		return false
	}
	for _, k := range []string{"arn", "id", "name", "keyId"} {
		if t := target.Properties.Get(k); t.IsString() && t.AsString() == v.AsString() {
			return true
		}
	}
	return false
}

func ofType(resources []policyx.AnalyzerResource, typ string) []policyx.AnalyzerResource {
	var out []policyx.AnalyzerResource
	for _, r := range resources {
		if r.Type == typ {
			out = append(out, r)
		}
	}
	return out
}

func secretsRotated(resources []policyx.AnalyzerResource) []violation {
	var out []violation
	for _, s := range ofType(resources, secretType) {
		rotated := slices.ContainsFunc(ofType(resources, secretRotationType), func(rot policyx.AnalyzerResource) bool {
			return refersTo(rot, "secretId", s)
		})
		if !rotated {
			out = append(out, violation{s.URN, fmt.Sprintf("%s is never rotated: add a rotation schedule "+
				"(secretsmith: rotation.NewRotationSchedule), or make this policy disabled for secrets that cannot rotate", s.Name)})
		}
	}
	return out
}

func keysRotated(resources []policyx.AnalyzerResource) []violation {
	var out []violation
	for _, k := range ofType(resources, keyType) {
		if v := k.Properties.Get("enableKeyRotation"); v.IsComputed() || (v.IsBool() && v.AsBool()) {
			continue
		}
		used := slices.ContainsFunc(ofType(resources, secretType), func(s policyx.AnalyzerResource) bool {
			return refersTo(s, "kmsKeyId", k)
		})
		if used {
			out = append(out, violation{k.URN, fmt.Sprintf("%s encrypts a secret but does not rotate its key material: "+
				"set enableKeyRotation", k.Name)})
		}
	}
	return out
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
