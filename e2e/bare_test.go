package e2e

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/secrets"
)

// A bare generated value: one version holding AWSCURRENT and SECRETSMITH, stable, and gone
// after destroy.
func TestBareGeneratedSecret(t *testing.T) {
	before := inventory(t)
	st := inlineStack(t, func(ctx *pulumi.Context) error {
		s, err := secrets.NewSecret(ctx, "db", &secrets.SecretArgs{
			SecretName:           pulumi.String("e2e/smoke"),
			RecoveryWindowInDays: pulumi.IntRef(0),
		})
		if err != nil {
			return err
		}
		ctx.Export("arn", s.ARN)
		ctx.Export("value", s.SecretValue())
		return nil
	}, nil)
	st.up()
	st.addSecretsFrom("e2e/smoke")
	labels, n := stages(t, "e2e/smoke")
	if n != 1 || labels["AWSCURRENT"] == "" || labels["AWSCURRENT"] != labels["SECRETSMITH"] {
		t.Fatalf("after up: %d versions, labels %v; want one version holding AWSCURRENT and SECRETSMITH", n, labels)
	}
	st.assertStable()
	st.destroy()
	assertLeftBehind(t, before)
}
