package grants

import (
	"errors"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/policy"
	"github.com/secretsmith/secretsmith/internal/problems"
)

// GrantType is the Pulumi type token of the Grant component.
const GrantType = "secretsmith:grants:Grant"

// Grant is access given to an IAM identity: an inline policy on the role, user or group.
type Grant struct {
	pulumi.ResourceState

	// Document is the JSON of the policy granted.
	Document pulumi.StringOutput `pulumi:"document"`
	// Policy is the iam.RolePolicy, iam.UserPolicy or iam.GroupPolicy that holds Document.
	Policy pulumi.CustomResource
	// Actions are the Secrets Manager actions granted on the secret.
	Actions []string
	// KMSActions are the KMS actions granted on the secret's keys, through Secrets Manager
	// only; they are in Document only when the secret has a customer managed key.
	KMSActions []string
}

// New grants access on target to grantee, an IAM identity (Role, User or Group): the
// grantee gets an inline policy named "<name>-policy" with exactly access.Actions on the
// target's ARN for policies (and its replicas' ARNs, unless PrimaryOnly), and, for each
// customer managed key of the secret, access.KMSActions on that key conditioned on
// kms:ViaService. Principal-only grantees are refused: they need the secret's resource
// policy, declared on the secret.
func New(ctx *pulumi.Context, name string, target Target, grantee Grantee, access Access, opts ...Option) (*Grant, error) {
	o := collect(opts)
	var found []error
	if err := grantee.check(); err != nil {
		found = append(found, err)
	} else if !grantee.IsIdentity() {
		found = append(found, fmt.Errorf("%s is not an IAM identity of the program: give it access in the secret's resource policy (secrets.SecretArgs.ResourcePolicy)", grantee))
	}
	found = append(found, stageProblems(o.stages)...)
	if len(access.Actions) == 0 {
		found = append(found, errors.New("the access grants no action"))
	}
	for i, s := range access.Extra {
		for _, err := range s.check(false) {
			found = append(found, fmt.Errorf("Extra[%d]: %w", i, err))
		}
	}
	if err := problems.Join("grants: "+name, found); err != nil {
		return nil, err
	}

	g := &Grant{Actions: access.Actions, KMSActions: access.KMSActions}
	if err := ctx.RegisterComponentResource(GrantType, name, g, o.resource...); err != nil {
		return nil, err
	}
	g.Document = IdentityDocument(target, access, opts...)
	parent := pulumi.Parent(g)
	var err error
	switch grantee.kind {
	case roleGrantee:
		g.Policy, err = iam.NewRolePolicy(ctx, name+"-policy", &iam.RolePolicyArgs{Role: grantee.role.Name, Policy: g.Document}, parent)
	case userGrantee:
		g.Policy, err = iam.NewUserPolicy(ctx, name+"-policy", &iam.UserPolicyArgs{User: grantee.user.Name, Policy: g.Document}, parent)
	case groupGrantee:
		g.Policy, err = iam.NewGroupPolicy(ctx, name+"-policy", &iam.GroupPolicyArgs{Group: grantee.group.Name, Policy: g.Document}, parent)
	}
	if err != nil {
		return nil, err
	}
	if err := ctx.RegisterResourceOutputs(g, pulumi.Map{"document": g.Document}); err != nil {
		return nil, err
	}
	return g, nil
}

// IdentityDocument is the identity policy that gives access on target: the actions on the
// secret's ARNs (with the VersionStages condition), the KMS actions on each key through
// Secrets Manager in that key's region, and access.Extra. Rotation uses it for the
// rotation function's role.
func IdentityDocument(target Target, access Access, opts ...Option) pulumi.StringOutput {
	o := collect(opts)
	return resolve(target, o.primaryOnly).ApplyT(func(v any) string {
		s := v.(scope)
		stmts := []policy.Statement{{
			Effect: "Allow", Action: access.Actions, Resource: s.resources, Condition: stageCondition(o.stages),
		}}
		if len(access.KMSActions) > 0 {
			for _, k := range s.keys {
				stmts = append(stmts, kmsStatement(access.KMSActions, k.key, s.loc.partition, k.region))
			}
		}
		for _, e := range access.Extra {
			stmts = append(stmts, e.toPolicy(nil, s.resources))
		}
		return policy.New(stmts...).JSON()
	}).(pulumi.StringOutput)
}
