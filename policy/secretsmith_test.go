package main

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"

	"github.com/secretsmith/secretsmith/internal/pulumitest"
	"github.com/secretsmith/secretsmith/secrets"
)

// What secretsmith registers passes the pack: a secret with a customer managed key and a
// resource policy raises no violation at all.
func TestSecretsmithPasses(t *testing.T) {
	t.Parallel()
	m := pulumitest.New()
	no := 7
	if err := m.Run(func(ctx *pulumi.Context) error {
		_, err := secrets.NewSecret(ctx, "s", &secrets.SecretArgs{
			EncryptionKey: pulumi.String("arn:aws:kms:us-east-1:123456789012:key/k"), DenyAccountRootDelete: true,
			RecoveryWindowInDays: &no,
		})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	for _, r := range m.Resources() {
		got := validate(t, policyx.AnalyzerResource{
			Type: r.Type, Name: r.Name, URN: r.URN, Properties: resource.FromResourcePropertyMap(r.Inputs),
			Options: pulumi.ResourceOptions{IgnoreChanges: r.IgnoreChanges},
		})
		if len(got) != 0 {
			t.Errorf("%s %s: %v", r.Type, r.Name, got)
		}
	}
}
