package secrets_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/pulumitest"
	"github.com/secretsmith/secretsmith/secrets"
)

// A Password is derived exactly as a generated secret's bare value from the same seed, it is
// a Pulumi secret, and its options are checked.
func TestPassword(t *testing.T) {
	t.Parallel()
	gen := &secrets.SecretStringGenerator{PasswordLength: 20, ExcludePunctuation: true}
	var pw, value *pulumitest.Captured
	m := pulumitest.New()
	if err := m.Run(func(ctx *pulumi.Context) error {
		p, err := secrets.NewPassword(ctx, "master", gen)
		if err != nil {
			return err
		}
		pw = pulumitest.Capture(ctx, p.Value)
		// A secret of the same name has the same seed under the mock.
		other := pulumitest.New()
		return other.Run(func(ctx2 *pulumi.Context) error {
			s, err := secrets.NewSecret(ctx2, "master", &secrets.SecretArgs{GenerateSecretString: gen})
			if err == nil {
				value = pulumitest.Capture(ctx2, s.SecretValue())
			}
			return err
		})
	}); err != nil {
		t.Fatal(err)
	}
	if got := pw.String(); len(got) != 20 || strings.ContainsAny(got, "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~") {
		t.Errorf("the password has %d characters or punctuation", len(got))
	}
	if pw.String() != value.String() {
		t.Error("a Password and a generated secret with the same seed and options differ")
	}
	if !pw.Secret() {
		t.Error("Password.Value is not a Pulumi secret")
	}
	seed := m.MustFind(t, "random:index/randomBytes:RandomBytes", "master-seed")
	if seed.Parent == "" || !strings.HasSuffix(seed.Parent, "secretsmith:secrets:Password::master") {
		t.Errorf("seed parent %q", seed.Parent)
	}
}

func TestPasswordRefuses(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		g    *secrets.SecretStringGenerator
		want string
	}{
		{&secrets.SecretStringGenerator{SecretStringTemplate: `{"u":"x"}`, GenerateStringKey: "p"},
			"secrets: Password takes no SecretStringTemplate or GenerateStringKey: it is the bare password; put it in a secret with SecretObjectValue"},
		{&secrets.SecretStringGenerator{PasswordLength: 5000}, "secrets: Password.PasswordLength must be between 1 and 4096, got 5000"},
	} {
		m := pulumitest.New()
		err := m.Run(func(ctx *pulumi.Context) error {
			_, err := secrets.NewPassword(ctx, "pw", tt.g)
			return err
		})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("got %v, want %q", err, tt.want)
		}
		if len(m.Resources()) != 0 {
			t.Errorf("%d resources registered before the error", len(m.Resources()))
		}
	}
}
