package e2e

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/secrets"
)

// Two grants of the same name pass the SDK's mocks; the engine rejects the second one's
// children, whose URNs repeat the first's.
func TestDuplicateChildNamesFailInTheEngine(t *testing.T) {
	before := inventory(t)
	st := inlineStack(t, func(ctx *pulumi.Context) error {
		s, err := secrets.NewSecret(ctx, "dup", &secrets.SecretArgs{
			SecretStringValue: pulumi.String("not-a-real-value"), RecoveryWindowInDays: pulumi.IntRef(0),
		})
		if err != nil {
			return err
		}
		role, err := iam.NewRole(ctx, "dup-reader", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`)})
		if err != nil {
			return err
		}
		if _, err := s.GrantRead(ctx, "reads", grants.Role(role)); err != nil {
			return err
		}
		_, err = s.GrantRead(ctx, "reads", grants.Role(role))
		return err
	}, nil)
	st.secrets = append(st.secrets, "not-a-real-value")
	err := st.upErr()
	if err == nil || !strings.Contains(err.Error(), "Duplicate resource URN") {
		t.Fatalf("up with two grants named reads: %v; want the engine's duplicate URN error", err)
	}
	st.destroy()
	assertLeftBehind(t, before)
}
