package main

import (
	"context"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

// violations records what policies report.
type violations []string

func (v *violations) ReportViolation(message, _ string) { *v = append(*v, message) }

// validate runs every resource policy of the pack on r and returns the violations by
// policy name.
func validate(t *testing.T, r policyx.AnalyzerResource) map[string][]string {
	t.Helper()
	return validateWith(t, r, nil)
}

// validateWith is validate with per-policy configuration, as --policy-pack-config gives it.
func validateWith(t *testing.T, r policyx.AnalyzerResource, config map[string]map[string]any) map[string][]string {
	t.Helper()
	return byPolicy(t, func(pol policyx.Policy, v *violations) error {
		if rp, ok := pol.(policyx.ResourceValidationPolicy); ok {
			return rp.Validate(context.Background(), policyx.ResourceValidationArgs{Manager: v, Resource: r, Config: config[pol.Name()]})
		}
		return nil
	})
}

// validateStack runs every stack policy of the pack on resources.
func validateStack(t *testing.T, resources ...policyx.AnalyzerResource) map[string][]string {
	t.Helper()
	return byPolicy(t, func(pol policyx.Policy, v *violations) error {
		if sp, ok := pol.(policyx.StackValidationPolicy); ok {
			return sp.Validate(context.Background(), policyx.StackValidationArgs{Manager: v, Resources: resources})
		}
		return nil
	})
}

// byPolicy runs run for every policy of the pack and returns the violations by policy name.
func byPolicy(t *testing.T, run func(policyx.Policy, *violations) error) map[string][]string {
	t.Helper()
	p, err := pack()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, pol := range p.Policies() {
		var v violations
		if err := run(pol, &v); err != nil {
			t.Fatal(err)
		}
		if len(v) > 0 {
			out[pol.Name()] = v
		}
	}
	return out
}

// props builds a property map; a value wrapped by secret() is a Pulumi secret.
func props(m map[string]any) property.Map {
	vals := map[string]property.Value{}
	for k, v := range m {
		switch x := v.(type) {
		case property.Value:
			vals[k] = x
		case string:
			vals[k] = property.New(x)
		case bool:
			vals[k] = property.New(x)
		case float64:
			vals[k] = property.New(x)
		}
	}
	return property.NewMap(vals)
}

func stages(s ...string) property.Value {
	vals := make([]property.Value, len(s))
	for i, x := range s {
		vals[i] = property.New(x)
	}
	return property.New(property.NewArray(vals))
}

func TestPolicies(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		r    policyx.AnalyzerResource
		want []string // policy names that report
	}{
		"safe version": {policyx.AnalyzerResource{Type: secretVersionType, Name: "v", Properties: property.NewMap(map[string]property.Value{
			"secretString": property.New("hunter2").WithSecret(true), "versionStages": stages("AWSCURRENT", "SECRETSMITH"),
		}), Options: pulumi.ResourceOptions{IgnoreChanges: []string{"versionStages"}}}, nil},
		"plain value": {policyx.AnalyzerResource{Type: secretVersionType, Name: "v", Properties: property.NewMap(map[string]property.Value{
			"secretString": property.New("hunter2"), "versionStages": stages("AWSCURRENT", "SECRETSMITH"),
		}), Options: pulumi.ResourceOptions{IgnoreChanges: []string{"versionStages"}}}, []string{"secretsmith-value-is-secret"}},
		"unknown value": {policyx.AnalyzerResource{Type: secretVersionType, Name: "v", Properties: property.NewMap(map[string]property.Value{
			"secretString": property.New(property.Computed), "versionStages": stages("AWSPENDING"),
		})}, nil},
		"AWSCURRENT only": {policyx.AnalyzerResource{Type: secretVersionType, Name: "v", Properties: property.NewMap(map[string]property.Value{
			"secretString": property.New("x").WithSecret(true), "versionStages": stages("AWSCURRENT"),
		}), Options: pulumi.ResourceOptions{IgnoreChanges: []string{"versionStages"}}}, []string{"secretsmith-version-survives-rotation"}},
		"no ignoreChanges": {policyx.AnalyzerResource{Type: secretVersionType, Name: "v", Properties: property.NewMap(map[string]property.Value{
			"secretBinary": property.New("AA=="), "versionStages": stages("AWSCURRENT", "MINE"),
		})}, []string{"secretsmith-value-is-secret", "secretsmith-version-survives-rotation"}},
		"public policy allowed": {policyx.AnalyzerResource{Type: secretPolicyType, Name: "p", Properties: property.NewMap(map[string]property.Value{
			"blockPublicPolicy": property.New(false),
		})}, []string{"secretsmith-resource-policy-blocks-public"}},
		"hand-written policy, public, check left unset": {policyx.AnalyzerResource{Type: secretPolicyType, Name: "p", Properties: props(map[string]any{
			"secretArn": ownSecret, "policy": `{"Statement":[{"Effect":"Allow","Principal":"*","Action":"secretsmanager:GetSecretValue","Resource":"*"}]}`,
		})}, []string{"secretsmith-resource-policy-blocks-public", "secretsmith-resource-policy-no-public-principal"}},
		"public principal under a condition": {policyx.AnalyzerResource{Type: secretPolicyType, Name: "p", Properties: props(map[string]any{
			"secretArn": ownSecret, "blockPublicPolicy": true,
			"policy": `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"secretsmanager:GetSecretValue","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-1"}}}]}`,
		})}, nil},
		"public principal in AWS": {policyx.AnalyzerResource{Type: secretPolicyType, Name: "p", Properties: props(map[string]any{
			"secretArn": ownSecret, "blockPublicPolicy": true,
			"policy": `{"Statement":{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::123456789012:root","*"]},"Action":"secretsmanager:*","Resource":"*"}}`,
		})}, []string{"secretsmith-resource-policy-no-public-principal"}},
		"other account without a condition": {policyx.AnalyzerResource{Type: secretPolicyType, Name: "p", Properties: props(map[string]any{
			"secretArn": ownSecret, "blockPublicPolicy": true,
			"policy": `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"},"Action":"secretsmanager:GetSecretValue","Resource":"*"}]}`,
		})}, []string{"secretsmith-resource-policy-other-account"}},
		"other account by ID, under a condition": {policyx.AnalyzerResource{Type: secretPolicyType, Name: "p", Properties: props(map[string]any{
			"secretArn": ownSecret, "blockPublicPolicy": true,
			"policy": `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"secretsmanager:GetSecretValue","Resource":"*","Condition":{"ForAnyValue:StringEquals":{"secretsmanager:VersionStage":"AWSCURRENT"}}}]}`,
		})}, nil},
		"own account, and a deny": {policyx.AnalyzerResource{Type: secretPolicyType, Name: "p", Properties: props(map[string]any{
			"secretArn": ownSecret, "blockPublicPolicy": true,
			"policy": `{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:role/app"},"Action":"secretsmanager:GetSecretValue","Resource":"*"},{"Effect":"Deny","Principal":"*","Action":"secretsmanager:DeleteSecret","Resource":"*"}]}`,
		})}, nil},
		"version without versionStages": {policyx.AnalyzerResource{Type: secretVersionType, Name: "v", Properties: props(map[string]any{
			"secretString": property.New("x").WithSecret(true),
		})}, []string{"secretsmith-version-survives-rotation"}},
		"permission without sourceAccount": {policyx.AnalyzerResource{Type: permissionType, Name: "perm", Properties: props(map[string]any{
			"action": "lambda:InvokeFunction", "function": "f", "principal": "secretsmanager.amazonaws.com",
		})}, []string{"secretsmith-rotation-permission-source-account"}},
		"permission with sourceAccount": {policyx.AnalyzerResource{Type: permissionType, Name: "perm", Properties: props(map[string]any{
			"action": "lambda:InvokeFunction", "function": "f", "principal": "secretsmanager.amazonaws.com", "sourceAccount": "123456789012",
		})}, nil},
		"permission for another service": {policyx.AnalyzerResource{Type: permissionType, Name: "perm", Properties: props(map[string]any{
			"action": "lambda:InvokeFunction", "function": "f", "principal": "s3.amazonaws.com",
		})}, nil},
		"identity policy with secretsmanager:*": {policyx.AnalyzerResource{Type: "aws:iam/rolePolicy:RolePolicy", Name: "rp", Properties: props(map[string]any{
			"policy": `{"Statement":[{"Effect":"Allow","Action":"secretsmanager:*","Resource":"` + ownSecret + `"}]}`,
		})}, []string{"secretsmith-identity-policy-scoped"}},
		"identity policy on every secret": {policyx.AnalyzerResource{Type: "aws:iam/policy:Policy", Name: "mp", Properties: props(map[string]any{
			"policy": `{"Statement":[{"Effect":"Allow","Action":["secretsmanager:GetSecretValue"],"Resource":"*"}]}`,
		})}, []string{"secretsmith-identity-policy-scoped"}},
		"identity policy by tag": {policyx.AnalyzerResource{Type: "aws:iam/userPolicy:UserPolicy", Name: "up", Properties: props(map[string]any{
			"policy": `{"Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"*","Condition":{"StringEquals":{"secretsmanager:ResourceTag/app":"pay"}}}]}`,
		})}, nil},
		"identity policy on one secret": {policyx.AnalyzerResource{Type: "aws:iam/groupPolicy:GroupPolicy", Name: "gp", Properties: props(map[string]any{
			"policy": `{"Statement":[{"Effect":"Allow","Action":"secretsmanager:GetSecretValue","Resource":"` + ownSecret + `"},{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`,
		})}, nil},
		"policy blocks": {policyx.AnalyzerResource{Type: secretPolicyType, Name: "p", Properties: property.NewMap(map[string]property.Value{
			"blockPublicPolicy": property.New(true),
		})}, nil},
		"AWS managed key, no recovery": {policyx.AnalyzerResource{Type: secretType, Name: "s", Properties: property.NewMap(map[string]property.Value{
			"recoveryWindowInDays": property.New(0.0),
		})}, []string{"secretsmith-customer-managed-key", "secretsmith-recovery-window"}},
		"customer key": {policyx.AnalyzerResource{Type: secretType, Name: "s", Properties: property.NewMap(map[string]property.Value{
			"kmsKeyId": property.New("arn:aws:kms:us-east-1:123456789012:key/k"), "recoveryWindowInDays": property.New(7.0),
		})}, nil},
		"other type": {policyx.AnalyzerResource{Type: "aws:s3/bucket:Bucket", Name: "b", Properties: property.NewMap(nil)}, nil},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := validate(t, tt.r)
			if len(got) != len(tt.want) {
				t.Errorf("violations = %v; want from %v", got, tt.want)
			}
			for _, w := range tt.want {
				if len(got[w]) == 0 {
					t.Errorf("%s reported nothing; want a violation", w)
				}
			}
			for _, msgs := range got {
				for _, m := range msgs {
					if strings.Contains(m, "hunter2") {
						t.Errorf("a violation quotes the secret value: %s", m)
					}
				}
			}
		})
	}
}

const ownSecret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:s-AbC123"

// The recovery window's minimum is configurable per stack.
func TestRecoveryWindowMinimum(t *testing.T) {
	t.Parallel()
	secret := func(days float64) policyx.AnalyzerResource {
		return policyx.AnalyzerResource{Type: secretType, Name: "s", Properties: props(map[string]any{
			"kmsKeyId": "arn:aws:kms:us-east-1:123456789012:key/k", "recoveryWindowInDays": days,
		})}
	}
	config := map[string]map[string]any{"secretsmith-recovery-window": {"minimumDays": 14.0}}
	if got := validateWith(t, secret(7), config); len(got["secretsmith-recovery-window"]) != 1 {
		t.Errorf("7 days under a minimum of 14: %v; want a violation", got)
	}
	if got := validateWith(t, secret(30), config); len(got) != 0 {
		t.Errorf("30 days under a minimum of 14: %v; want none", got)
	}
	if got := validate(t, secret(7)); len(got) != 0 {
		t.Errorf("7 days under the default minimum: %v; want none", got)
	}
	unset := policyx.AnalyzerResource{Type: secretType, Name: "s", Properties: props(map[string]any{"kmsKeyId": "k"})}
	if got := validateWith(t, unset, config); len(got) != 0 {
		t.Errorf("no window (AWS's 30 days): %v; want none", got)
	}
}

// Stack policies: every secret rotated, every key that encrypts one rotating.
func TestStackPolicies(t *testing.T) {
	t.Parallel()
	secret := policyx.AnalyzerResource{Type: secretType, Name: "db", URN: "urn:secret", Properties: props(map[string]any{"arn": ownSecret, "name": "db"}),
		PropertyDependencies: map[string][]string{"kmsKeyId": {"urn:key"}}}
	byDep := policyx.AnalyzerResource{Type: secretRotationType, Name: "rot", URN: "urn:rot", Properties: props(map[string]any{"secretId": property.New(property.Computed)}),
		PropertyDependencies: map[string][]string{"secretId": {"urn:secret"}}}
	byValue := policyx.AnalyzerResource{Type: secretRotationType, Name: "rot", URN: "urn:rot", Properties: props(map[string]any{"secretId": ownSecret})}
	other := policyx.AnalyzerResource{Type: secretRotationType, Name: "rot", URN: "urn:rot", Properties: props(map[string]any{"secretId": "arn:aws:secretsmanager:us-east-1:123456789012:secret:other-XyZ987"})}
	rotating := policyx.AnalyzerResource{Type: keyType, Name: "key", URN: "urn:key", Properties: props(map[string]any{"enableKeyRotation": true})}
	still := policyx.AnalyzerResource{Type: keyType, Name: "key", URN: "urn:key", Properties: props(map[string]any{"enableKeyRotation": false})}
	unused := policyx.AnalyzerResource{Type: keyType, Name: "spare", URN: "urn:spare", Properties: props(map[string]any{})}
	tests := map[string]struct {
		resources []policyx.AnalyzerResource
		want      []string
	}{
		"rotated by dependency":  {[]policyx.AnalyzerResource{secret, byDep, rotating, unused}, nil},
		"rotated by ARN":         {[]policyx.AnalyzerResource{secret, byValue, rotating}, nil},
		"another secret rotated": {[]policyx.AnalyzerResource{secret, other, rotating}, []string{"secretsmith-secret-rotated"}},
		"never rotated":          {[]policyx.AnalyzerResource{secret, rotating}, []string{"secretsmith-secret-rotated"}},
		"key without rotation":   {[]policyx.AnalyzerResource{secret, byDep, still}, []string{"secretsmith-key-rotation"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got := validateStack(t, tt.resources...)
			if len(got) != len(tt.want) {
				t.Errorf("violations = %v; want from %v", got, tt.want)
			}
			for _, w := range tt.want {
				if len(got[w]) == 0 {
					t.Errorf("%s reported nothing; want a violation", w)
				}
			}
		})
	}
}

func TestPackIsValid(t *testing.T) {
	t.Parallel()
	p, err := pack()
	if err != nil {
		t.Fatal(err)
	}
	if p.Name() != "secretsmith" || len(p.Policies()) != 11 {
		t.Errorf("pack %s with %d policies", p.Name(), len(p.Policies()))
	}
}
