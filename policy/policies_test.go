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

// validate runs every policy of the pack on r and returns the violations by policy name.
func validate(t *testing.T, r policyx.AnalyzerResource) map[string][]string {
	t.Helper()
	p, err := pack()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, pol := range p.Policies() {
		var v violations
		if err := pol.(policyx.ResourceValidationPolicy).Validate(context.Background(), policyx.ResourceValidationArgs{Manager: &v, Resource: r}); err != nil {
			t.Fatal(err)
		}
		if len(v) > 0 {
			out[pol.Name()] = v
		}
	}
	return out
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

func TestPackIsValid(t *testing.T) {
	t.Parallel()
	p, err := pack()
	if err != nil {
		t.Fatal(err)
	}
	if p.Name() != "secretsmith" || len(p.Policies()) != 5 {
		t.Errorf("pack %s with %d policies", p.Name(), len(p.Policies()))
	}
}
