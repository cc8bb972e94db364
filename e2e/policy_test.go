package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// previewWithPolicies is `pulumi preview --policy-pack <the pack, built>`, with the
// --policy-pack-config files given.
func (st *stack) previewWithPolicies(configs ...string) error {
	opts := []optpreview.Option{optpreview.PolicyPacks(policyPack), optpreview.ProgressStreams(&st.out), optpreview.ErrorProgressStreams(&st.out)}
	if len(configs) > 0 {
		opts = append(opts, optpreview.PolicyPackConfigs(configs...))
	}
	_, err := st.s.Preview(context.Background(), opts...)
	return err
}

// The policy pack gates real previews: every example and the demo pass it (advisories are
// reported, nothing mandatory), and a hand-written secret that breaks mandatory rules
// fails the preview with the rules' messages.
func TestPolicyPackGatesPreviews(t *testing.T) {
	for _, c := range exampleStacks(t) {
		t.Run(c.name, func(t *testing.T) {
			st := folderStack(t, filepath.Join(repoRoot(t), c.dir), c.config)
			if err := st.previewWithPolicies(); err != nil {
				st.fail("preview --policy-pack", err)
			}
			if !strings.Contains(st.out.String(), "secretsmith") {
				t.Error("the preview shows nothing of the policy pack")
			}
		})
	}
	// A stack's configuration makes an advisory mandatory: the demo rotates nothing.
	t.Run("configured", func(t *testing.T) {
		config := filepath.Join(t.TempDir(), "policy.json")
		if err := os.WriteFile(config, []byte(`{"secretsmith-secret-rotated": "mandatory"}`), 0o600); err != nil {
			t.Fatal(err)
		}
		st := folderStack(t, repoRoot(t), nil)
		if err := st.previewWithPolicies(config); err == nil || !strings.Contains(st.out.String(), "[mandatory]  secretsmith-secret-rotated") {
			t.Errorf("the demo's preview with secretsmith-secret-rotated mandatory: %v; want it to fail on that policy", err)
		}
	})
	t.Run("hand-written", func(t *testing.T) {
		// (The Go SDK of pulumi-aws makes secretString a secret itself, so value-is-secret
		// cannot be broken from Go; its unit tests show it.)
		st := inlineStack(t, func(ctx *pulumi.Context) error {
			s, err := secretsmanager.NewSecret(ctx, "bare", &secretsmanager.SecretArgs{})
			if err != nil {
				return err
			}
			if _, err := secretsmanager.NewSecretVersion(ctx, "bare", &secretsmanager.SecretVersionArgs{
				SecretId: s.ID(), SecretString: pulumi.String("plain-text-value"),
			}); err != nil {
				return err
			}
			_, err = secretsmanager.NewSecretPolicy(ctx, "bare", &secretsmanager.SecretPolicyArgs{
				SecretArn: s.Arn,
				Policy: pulumi.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*",` +
					`"Action":"secretsmanager:GetSecretValue","Resource":"*"}]}`),
			})
			return err
		}, nil)
		st.secrets = append(st.secrets, "plain-text-value")
		err := st.previewWithPolicies()
		if err == nil {
			t.Fatal("the preview passed; want the mandatory policies to fail it")
		}
		for _, rule := range []string{"[mandatory]  secretsmith-resource-policy-blocks-public",
			"[mandatory]  secretsmith-resource-policy-no-public-principal", "[advisory]  secretsmith-version-survives-rotation"} {
			if !strings.Contains(st.out.String(), rule) {
				t.Errorf("the preview's output does not report %s", rule)
			}
		}
	})
}
