package secrets

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/internal/grantshook"
)

// GrantRead lets grantee, an IAM role, user or group of the program, read the secret:
// secretsmanager:GetSecretValue and DescribeSecret on its ARN, and kms:Decrypt through
// Secrets Manager on its key if it has one. Principals outside the program (grants.Account,
// Service, ARN) are declared in SecretArgs.ResourcePolicy with grants.AllowRead instead.
func (s *Owned) GrantRead(ctx *pulumi.Context, name string, grantee grants.Grantee, opts ...grants.Option) (*grants.Grant, error) {
	return grant(ctx, name, s, true, grantee, grants.Read, opts)
}

// GrantWrite lets grantee, an IAM role, user or group of the program, write the secret:
// secretsmanager:PutSecretValue, UpdateSecret and UpdateSecretVersionStage on its ARN, and
// kms:Encrypt, ReEncrypt* and GenerateDataKey* through Secrets Manager on its key if it has
// one. Principals outside the program are declared with grants.AllowWrite instead.
func (s *Owned) GrantWrite(ctx *pulumi.Context, name string, grantee grants.Grantee, opts ...grants.Option) (*grants.Grant, error) {
	return grant(ctx, name, s, true, grantee, grants.Write, opts)
}

// GrantRead lets grantee, an IAM role, user or group of the program, read the imported
// secret, as Secret.GrantRead: on the complete ARN when known, else the partial ARN and
// "-??????", and on the key from the import's attributes or lookup.
func (s *ImportedSecret) GrantRead(ctx *pulumi.Context, name string, grantee grants.Grantee, opts ...grants.Option) (*grants.Grant, error) {
	return grant(ctx, name, s, false, grantee, grants.Read, opts)
}

// GrantWrite lets grantee, an IAM role, user or group of the program, write the imported
// secret, as Secret.GrantWrite.
func (s *ImportedSecret) GrantWrite(ctx *pulumi.Context, name string, grantee grants.Grantee, opts ...grants.Option) (*grants.Grant, error) {
	return grant(ctx, name, s, false, grantee, grants.Write, opts)
}

// grant refuses principal-only grantees, which need the resource policy, with a message
// that says where they belong; it never creates a second resource policy.
func grant(ctx *pulumi.Context, name string, target grants.Target, owned bool, grantee grants.Grantee,
	access grants.Access, opts []grants.Option,
) (*grants.Grant, error) {
	if grantshook.NeedsResourcePolicy(grantee) {
		method, helper := "GrantRead", "AllowRead"
		if access.Name() == grants.Write.Name() {
			method, helper = "GrantWrite", "AllowWrite"
		}
		if owned {
			return nil, fmt.Errorf("secrets: %s(%q): %s is not an IAM identity of the program and needs the secret's resource policy, "+
				"which is declared once, when the secret is created: add grants.%s(%s) to SecretArgs.ResourcePolicy", method, name, grantee, helper, grantee)
		}
		return nil, fmt.Errorf("secrets: %s(%q): %s needs the secret's resource policy, and an imported secret's resource policy "+
			"belongs to the program or account that owns the secret: declare grants.%s(%s) there", method, name, grantee, helper, grantee)
	}
	return grants.New(ctx, name, grantee, access, grants.Secrets(target), opts...)
}
