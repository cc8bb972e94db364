package grants

import (
	"errors"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/problems"
)

// GrantType is the Pulumi type token of the Grant component.
const GrantType = "secretsmith:grants:Grant"

// Grant is access given to an IAM identity: an inline policy on the role, user or group, or
// a managed policy attached to it (ManagedPolicy).
type Grant struct {
	pulumi.ResourceState

	// Document is the JSON of the policy granted.
	Document pulumi.StringOutput `pulumi:"document"`
	// Policy is the iam.RolePolicy, iam.UserPolicy or iam.GroupPolicy that holds Document,
	// or with ManagedPolicy the iam.Policy.
	Policy pulumi.CustomResource
	// Attachment attaches a ManagedPolicy's iam.Policy to the identity
	// (iam.RolePolicyAttachment, UserPolicyAttachment or GroupPolicyAttachment); nil for an
	// inline policy.
	Attachment pulumi.CustomResource

	access Access
}

// Actions are the Secrets Manager actions granted on the secrets (a copy).
func (g *Grant) Actions() []string { return g.access.Actions() }

// KMSActions are the KMS actions granted on the secrets' customer managed keys, through
// Secrets Manager only; they are in Document only when a secret has such a key (a copy).
func (g *Grant) KMSActions() []string { return g.access.KMSActions() }

// New grants grantee, an IAM identity (Role, RoleName, User or Group), access on the
// secrets of scope: grantee gets an inline policy named "<name>-policy" (or, with
// ManagedPolicy, a managed policy "<name>-policy" and its attachment "<name>-attachment")
// with exactly the access's actions on the secrets' ARNs for policies (and their replicas'
// ARNs, unless PrimaryOnly), and, for the customer managed keys of the secrets, the KMS
// actions on them conditioned on kms:ViaService. Once the document is known it is checked
// against IAM's quotas with every other grant the program gives grantee, and a grant that
// would pass one fails before its policy is registered. Principal-only grantees are
// refused: they need the secret's resource policy, declared on the secret.
func New(ctx *pulumi.Context, name string, grantee Grantee, access Access, scope Scope, opts ...Option) (*Grant, error) {
	o := collect(opts)
	if err := problems.Join("grants: "+name, check(grantee, access, scope, o)); err != nil {
		return nil, err
	}
	g := &Grant{access: access}
	if err := ctx.RegisterComponentResource(GrantType, name, g, o.resource...); err != nil {
		return nil, err
	}
	var identity pulumi.StringOutput
	g.Document, identity = document(ctx, name, grantee, access, scope, g, o)
	parent := pulumi.Parent(g)
	var err error
	if o.managed {
		err = g.attachManaged(ctx, name, grantee.kind, identity, parent)
	} else {
		err = g.putInline(ctx, name, grantee.kind, identity, parent)
	}
	if err != nil {
		return nil, err
	}
	if err := ctx.RegisterResourceOutputs(g, pulumi.Map{"document": g.Document}); err != nil {
		return nil, err
	}
	return g, nil
}

// putInline puts the document in an inline policy of identity, a name from counted.
func (g *Grant) putInline(ctx *pulumi.Context, name string, kind granteeKind, identity pulumi.StringOutput, parent pulumi.ResourceOption) (err error) {
	switch kind {
	case roleGrantee:
		g.Policy, err = iam.NewRolePolicy(ctx, name+"-policy", &iam.RolePolicyArgs{Role: identity, Policy: g.Document}, parent)
	case userGrantee:
		g.Policy, err = iam.NewUserPolicy(ctx, name+"-policy", &iam.UserPolicyArgs{User: identity, Policy: g.Document}, parent)
	case groupGrantee:
		g.Policy, err = iam.NewGroupPolicy(ctx, name+"-policy", &iam.GroupPolicyArgs{Group: identity, Policy: g.Document}, parent)
	}
	return err
}

// attachManaged puts the document in a managed policy and attaches it to identity, a name
// from counted; the policy waits for the count too.
func (g *Grant) attachManaged(ctx *pulumi.Context, name string, kind granteeKind, identity pulumi.StringOutput, parent pulumi.ResourceOption) error {
	doc := pulumi.All(g.Document, identity).ApplyT(func(v []any) string { return v[0].(string) }).(pulumi.StringOutput)
	p, err := iam.NewPolicy(ctx, name+"-policy", &iam.PolicyArgs{Policy: doc}, parent)
	if err != nil {
		return err
	}
	g.Policy = p
	switch kind {
	case roleGrantee:
		g.Attachment, err = iam.NewRolePolicyAttachment(ctx, name+"-attachment", &iam.RolePolicyAttachmentArgs{Role: identity, PolicyArn: p.Arn}, parent)
	case userGrantee:
		g.Attachment, err = iam.NewUserPolicyAttachment(ctx, name+"-attachment", &iam.UserPolicyAttachmentArgs{User: identity, PolicyArn: p.Arn}, parent)
	case groupGrantee:
		g.Attachment, err = iam.NewGroupPolicyAttachment(ctx, name+"-attachment", &iam.GroupPolicyAttachmentArgs{Group: identity, PolicyArn: p.Arn}, parent)
	}
	return err
}

// check lists what is wrong with a grant's arguments.
func check(grantee Grantee, access Access, scope Scope, o options) []error {
	var found []error
	if err := grantee.check(); err != nil {
		found = append(found, err)
	} else if !grantee.isIdentity() {
		found = append(found, fmt.Errorf("%s is not an IAM identity of the program: give it access in the secret's resource policy (secrets.SecretArgs.ResourcePolicy)", grantee))
	}
	found = append(found, scope.check()...)
	found = append(found, stageProblems(o.stages)...)
	if len(access.actions) == 0 {
		found = append(found, errors.New("the access grants no action"))
	}
	for i, s := range access.extra {
		for _, err := range s.check(false) {
			found = append(found, fmt.Errorf("extra statement %d: %w", i, err))
		}
	}
	return found
}

// checkedDocument is the identity policy that gives grantee access on scope, for a component that
// puts it on a policy of its own (rotation does, for a rotation function's role): the
// document New would make, and identity, grantee's IAM name once the document is counted
// against its quota with the program's other grants to it (under name in errors): give
// identity to the policy, so that a policy over quota fails before it is registered.
// parent carries the provider that tag and prefix scopes ask the account and region
// through. It reports the problems New would.
func checkedDocument(ctx *pulumi.Context, name string, grantee Grantee, access Access, scope Scope, parent pulumi.Resource, opts ...Option) (doc, identity pulumi.StringOutput, err error) {
	o := collect(opts)
	if err := problems.Join("grants: "+name, check(grantee, access, scope, o)); err != nil {
		return pulumi.StringOutput{}, pulumi.StringOutput{}, err
	}
	doc, identity = document(ctx, name, grantee, access, scope, parent, o)
	return doc, identity, nil
}

// document resolves scope and builds the document, and counts it against grantee's quotas.
func document(ctx *pulumi.Context, name string, grantee Grantee, access Access, scope Scope, parent pulumi.Resource, o options) (doc, identity pulumi.StringOutput) {
	doc = scope.resolve(ctx, name, parent, o.primaryOnly).ApplyT(func(parts any) (string, error) {
		doc, err := buildDocument(parts.([]part), access, o.stages)
		if err != nil {
			return "", fmt.Errorf("grants: %s: %w", name, err)
		}
		return doc, nil
	}).(pulumi.StringOutput)
	return doc, counted(ctx, name, grantee, grantee.identityName(), doc, o.managed)
}
