package e2e

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/secrets"
)

func TestGeneratedSecretUpRefreshDestroy(t *testing.T) {
	before := inventory(t)
	st := inlineStack(t, func(ctx *pulumi.Context) error {
		s, err := secrets.NewSecret(ctx, "db", &secrets.SecretArgs{
			SecretName: pulumi.String("e2e/smoke"),
			GenerateSecretString: &secrets.SecretStringGenerator{
				SecretStringTemplate: `{"username":"app"}`, GenerateStringKey: "password",
			},
			RecoveryWindowInDays: pulumi.IntRef(0),
		})
		if err != nil {
			return err
		}
		ctx.Export("arn", s.ARN)
		ctx.Export("password", s.SecretValueFromJSON("password"))
		return nil
	}, nil)
	st.up()
	st.addSecretsFrom("e2e/smoke")
	labels, n := stages(t, "e2e/smoke")
	if n != 1 || labels["AWSCURRENT"] == "" || labels["AWSCURRENT"] != labels["SECRETSMITH"] {
		t.Fatalf("after up: %d versions, labels %v; want one version holding AWSCURRENT and SECRETSMITH", n, labels)
	}
	st.expectNoChanges("up")
	st.refresh()
	st.expectNoChanges("refresh")
	st.assertNoPlainSecrets()
	st.destroy()
	assertLeftBehind(t, before)
}
