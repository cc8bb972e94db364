package secrets_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/pulumitest"
	"github.com/secretsmith/secretsmith/secrets"
)

// A secret generated in AWS registers the secret alone: no seed, no version, so neither
// the value nor what derives it is in the state.
func TestGenerateInAWSRegistersNoValue(t *testing.T) {
	t.Parallel()
	var current *pulumitest.Captured
	var s *secrets.Secret
	m := pulumitest.New()
	m.SecretValues = map[string]string{"arn:aws:secretsmanager:us-east-1:123456789012:secret:api-" + pulumitest.Suffix("api"): `{"client":"app","token":"from-aws"}`}
	err := m.Run(func(ctx *pulumi.Context) error {
		var err error
		s, err = secrets.NewSecret(ctx, "s", &secrets.SecretArgs{
			SecretName:           pulumi.String("api"),
			GenerateInAWS:        true,
			GenerateSecretString: &secrets.SecretStringGenerator{SecretStringTemplate: `{"client":"app"}`, GenerateStringKey: "token"},
		})
		if err != nil {
			return err
		}
		current = pulumitest.Capture(ctx, s.CurrentValue())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	for _, r := range m.Resources() {
		types = append(types, r.Type)
	}
	if want := []string{secrets.SecretType, secretType}; strings.Join(types, " ") != strings.Join(want, " ") {
		t.Errorf("registered %v, want only %v", types, want)
	}
	if s.Version != nil || !s.GeneratedInAWS() {
		t.Errorf("Version %v, GeneratedInAWS %v", s.Version, s.GeneratedInAWS())
	}
	if g := s.Generator(); g == nil || g.GenerateStringKey != "token" {
		t.Errorf("the generator is not kept for the rotation function: %+v", g)
	}
	if !current.Secret() || current.String() != `{"client":"app","token":"from-aws"}` {
		t.Errorf("CurrentValue is not AWS's value as a Pulumi secret (secret: %v)", current.Secret())
	}
	reads := m.Invokes("aws:secretsmanager/getSecretVersion:getSecretVersion")
	if len(reads) != 1 || reads[0].Args["versionStage"].StringValue() != "AWSCURRENT" {
		t.Errorf("CurrentValue read %v, want AWSCURRENT once", reads)
	}
}

// SecretValue has nothing to return: using it fails the program and says what to do.
func TestGenerateInAWSHasNoProgramValue(t *testing.T) {
	t.Parallel()
	for _, use := range []func(*secrets.Secret) pulumi.StringOutput{
		(*secrets.Secret).SecretValue,
		func(s *secrets.Secret) pulumi.StringOutput { return s.SecretValueFromJSON("token") },
	} {
		err := pulumitest.New().Run(func(ctx *pulumi.Context) error {
			s, err := secrets.NewSecret(ctx, "api", &secrets.SecretArgs{GenerateInAWS: true})
			if err != nil {
				return err
			}
			ctx.Export("value", use(s))
			return nil
		})
		want := "secrets: api: SecretValue: the value is generated in AWS (GenerateInAWS), so the program has none: read it with CurrentValue once the first rotation ran, or give the app the secret's ARN"
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v\nwant %s", err, want)
		}
	}
}

func TestGenerateInAWSBadInput(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args *secrets.SecretArgs
		want string
	}{
		{&secrets.SecretArgs{GenerateInAWS: true, SecretStringValue: pulumi.String("x")}, "secrets: GenerateInAWS generates the value in AWS: it cannot go with SecretStringValue"},
		{&secrets.SecretArgs{GenerateInAWS: true, SecretObjectValue: pulumi.StringMap{}}, "secrets: GenerateInAWS generates the value in AWS: it cannot go with SecretObjectValue"},
		{&secrets.SecretArgs{GenerateInAWS: true, SecretBinaryValue: pulumi.String("AA==")}, "secrets: GenerateInAWS generates the value in AWS: it cannot go with SecretBinaryValue"},
		{&secrets.SecretArgs{GenerateInAWS: true, Target: &secrets.TargetAttachment{}, GenerateSecretString: &secrets.SecretStringGenerator{SecretStringTemplate: `{}`, GenerateStringKey: "p"}},
			"secrets: GenerateInAWS generates the value in AWS: it cannot go with Target, which the program merges into the value; put the connection fields in GenerateSecretString.SecretStringTemplate"},
	} {
		err := pulumitest.New().Run(func(ctx *pulumi.Context) error {
			_, err := secrets.NewSecret(ctx, "s", tc.args)
			return err
		})
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("got %v\nwant %s", err, tc.want)
		}
	}
}
