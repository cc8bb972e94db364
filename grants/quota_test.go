package grants

import (
	"testing"
	"weak"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/pulumitest"
)

// A finished program leaves nothing in the chains: its context and resources are
// collected, and its entries go with its context. Before, the chains held the context
// (and through it every resource of the program) for the life of the process.
func TestChainsGoWithTheProgram(t *testing.T) {
	t.Parallel()
	var program weak.Pointer[pulumi.Context]
	var role weak.Pointer[iam.Role]
	err := pulumitest.New().Run(func(ctx *pulumi.Context) error {
		r, err := iam.NewRole(ctx, "app", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(`{}`)})
		if err != nil {
			return err
		}
		program, role = weak.Make(ctx), weak.Make(r)
		scope := Secrets(fixed("arn:aws:secretsmanager:us-east-1:123456789012:secret:s-AbC123"))
		for _, name := range []string{"first", "second"} { // a chain of two grants
			if _, err := New(ctx, name, Role(r), Read, scope); err != nil {
				return err
			}
		}
		_, err = New(ctx, "by-name", RoleName(r.Name), Read, scope)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if !pulumitest.Released(role, nil) || !pulumitest.Released(program, func() bool { return !holds(program) }) {
		t.Errorf("after the program: context collected %v, role collected %v, chains hold the program %v",
			program.Value() == nil, role.Value() == nil, holds(program))
	}
}

// holds reports whether the chains have an entry of the program w.
func holds(w weak.Pointer[pulumi.Context]) bool {
	chainsMu.Lock()
	defer chainsMu.Unlock()
	if programs[w] {
		return true
	}
	for k := range chains {
		if k.ctx == w {
			return true
		}
	}
	for k := range byName {
		if k.ctx == w {
			return true
		}
	}
	return false
}

// fixed is a Target with a fixed ARN and the AWS managed key.
type fixed string

func (f fixed) ARNForPolicies() pulumi.StringOutput  { return pulumi.String(string(f)).ToStringOutput() }
func (f fixed) EncryptionKeyARN() pulumi.StringInput { return nil }
