package secrets_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/pulumitest"
	"github.com/secretsmith/secretsmith/secrets"
)

// ValueAt reads one version by label or ID, of an owned secret (once its version is
// written) or an imported one, as a Pulumi secret, with the getSecretVersion invoke.
func TestValueAt(t *testing.T) {
	t.Parallel()
	const imported = "arn:aws:secretsmanager:us-east-1:123456789012:secret:legacy-AbC123"
	const id = "EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE"
	m := pulumitest.New()
	owned := "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-" + pulumitest.Suffix("db")
	m.SecretValues = map[string]string{imported: "legacy-value", owned: "owned-previous"}
	var previous, byID, ownedPrevious *pulumitest.Captured
	if err := m.Run(func(ctx *pulumi.Context) error {
		s, err := secrets.NewSecret(ctx, "db", &secrets.SecretArgs{SecretName: pulumi.String("db")})
		if err != nil {
			return err
		}
		o, err := s.ValueAt(secrets.AtStage("AWSPREVIOUS"))
		if err != nil {
			return err
		}
		ownedPrevious = pulumitest.Capture(ctx, o)
		imp, err := secrets.FromSecretCompleteARN(ctx, "legacy", pulumi.String(imported))
		if err != nil {
			return err
		}
		v, err := imp.ValueAt(secrets.AtVersionID(id))
		if err != nil {
			return err
		}
		byID = pulumitest.Capture(ctx, v)
		p, err := imp.ValueAt(secrets.AtStage("AWSPREVIOUS"))
		previous = pulumitest.Capture(ctx, p)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if ownedPrevious.String() != "owned-previous" || !ownedPrevious.Secret() {
		t.Errorf("owned AWSPREVIOUS: secret %v", ownedPrevious.Secret())
	}
	if byID.String() != "legacy-value" || !byID.Secret() || !previous.Secret() {
		t.Errorf("value %q secret %v, %v", byID.String(), byID.Secret(), previous.Secret())
	}
	var sawID, sawStage bool
	for _, inv := range m.Invokes("aws:secretsmanager/getSecretVersion:getSecretVersion") {
		if inv.Args["secretId"].StringValue() != imported {
			continue
		}
		if v, ok := inv.Args["versionId"]; ok && v.StringValue() == id {
			sawID = true
		}
		if v, ok := inv.Args["versionStage"]; ok && v.StringValue() == "AWSPREVIOUS" {
			sawStage = true
		}
	}
	if !sawID || !sawStage {
		t.Errorf("getSecretVersion by ID %v, by stage %v: %v", sawID, sawStage, m.Invokes("aws:secretsmanager/getSecretVersion:getSecretVersion"))
	}
}

func TestValueAtRefuses(t *testing.T) {
	t.Parallel()
	for at, want := range map[secrets.At]string{
		{}:                        "secrets: ValueAt needs secrets.AtStage(label) or secrets.AtVersionID(id)",
		secrets.AtVersionID("v1"): `secrets: AtVersionID: a version ID is 32 to 64 letters, digits and hyphens, got "v1"`,
		secrets.AtStage(strings.Repeat("s", 257)): "secrets: AtStage: a staging label has at most 256 characters, got 257",
	} {
		err := pulumitest.New().Run(func(ctx *pulumi.Context) error {
			s, err := secrets.NewSecret(ctx, "db", nil)
			if err != nil {
				return err
			}
			_, err = s.ValueAt(at)
			return err
		})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v, want %q", err, want)
		}
	}
}
