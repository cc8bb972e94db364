package secrets_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/pulumitest"
	"github.com/secretsmith/secretsmith/secrets"
)

// A labelled version holds its value, secret, under its own label only, on the secret's
// ARN; changing it replaces it with the old one removed first, and refresh does not fight it.
func TestLabelledVersion(t *testing.T) {
	t.Parallel()
	m := pulumitest.New()
	if err := m.Run(func(ctx *pulumi.Context) error {
		s, err := secrets.NewSecret(ctx, "db", &secrets.SecretArgs{SecretName: pulumi.String("db")})
		if err != nil {
			return err
		}
		_, err = secrets.NewLabelledVersion(ctx, "candidate", &secrets.LabelledVersionArgs{
			Secret: s, Label: "v2-candidate", Value: pulumi.String(`{"password":"next"}`),
		})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	v := m.MustFind(t, "aws:secretsmanager/secretVersion:SecretVersion", "candidate-version")
	if got := v.String("secretId"); got != "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-"+pulumitest.Suffix("db") {
		t.Errorf("secretId = %q", got)
	}
	stages, _ := v.Input("versionStages")
	if a := stages.ArrayValue(); len(a) != 1 || a[0].StringValue() != "v2-candidate" {
		t.Errorf("versionStages = %v, want [v2-candidate]", stages)
	}
	if _, secret := v.Input("secretString"); !secret {
		t.Error("the value is not a Pulumi secret")
	}
	if !v.DeleteBeforeReplace || len(v.IgnoreChanges) != 0 {
		t.Errorf("deleteBeforeReplace %v, ignoreChanges %v", v.DeleteBeforeReplace, v.IgnoreChanges)
	}
	if !strings.HasSuffix(v.Parent, "secretsmith:secrets:LabelledVersion::candidate") {
		t.Errorf("parent %q", v.Parent)
	}
}

func TestLabelledVersionRefuses(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		args *secrets.LabelledVersionArgs
		want string
	}{
		{nil, "secrets: v: Secret is required\nsecrets: v: Label must be 1 to 256 characters of valid UTF-8, got \"\"\nsecrets: v: Value is required"},
		{&secrets.LabelledVersionArgs{Secret: (*secrets.Secret)(nil), Label: "AWSPREVIOUS", Value: pulumi.String("x")},
			"secrets: v: Secret is required\nsecrets: v: Label AWSPREVIOUS belongs to rotation: choose a label of your own, such as v2-candidate"},
		{&secrets.LabelledVersionArgs{Label: "SECRETSMITH-1", Value: pulumi.String("")},
			"secrets: v: Label \"SECRETSMITH-1\" starts with SECRETSMITH, secretsmith's own labels\nsecrets: v: Value must be 1 to 65536 bytes of valid UTF-8 (value withheld)"},
	} {
		err := pulumitest.New().Run(func(ctx *pulumi.Context) error {
			_, err := secrets.NewLabelledVersion(ctx, "v", tt.args)
			return err
		})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("got %v\nwant %s", err, tt.want)
		}
	}
}
