package rotation

import (
	"errors"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lambda"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/internal/grantshook"
	"github.com/secretsmith/secretsmith/internal/problems"
)

// RotationFunctionType is the Pulumi type token of the RotationFunction component.
const RotationFunctionType = "secretsmith:rotation:RotationFunction"

// RotationFunctionArgs are the arguments of NewRotationFunction.
type RotationFunctionArgs struct {
	// Function is the rotation function, a Lambda function of the program. Required.
	Function *lambda.Function `pulumi:"-"`
	// Secrets are the secrets it rotates: grants.Secrets(a, b, ...) names each one, and
	// grants.Tagged or grants.NamePrefix (with EncryptedWith for their keys) cover any
	// number with a policy of one size. Required.
	Secrets grants.Scope `pulumi:"-"`
	// ManagedPolicy puts the function's access in a managed policy attached to its role
	// (grants.ManagedPolicy). If false, it is an inline policy of the role.
	ManagedPolicy bool `pulumi:"managedPolicy"`
}

// RotationFunction is one rotation function prepared for many secrets: its role gets one
// policy with the access rotation needs on all of them, and Secrets Manager one permission
// to invoke it, for the program's account only. Give it to each secret's schedule as
// RotationScheduleArgs.RotationFunction; with RotationLambda instead, each schedule adds a
// policy and a permission of its own, which IAM's quota on a role's inline policies
// (10,240 characters, about 15 secrets) and Lambda's on a function's resource policy
// (20 KB, about 70 permissions) cap.
type RotationFunction struct {
	pulumi.ResourceState

	// ARN is the function's ARN.
	ARN pulumi.StringOutput `pulumi:"arn"`
	// Permission lets Secrets Manager invoke the function for the program's account.
	Permission *lambda.Permission
	// Grant gives the function's role the access rotation needs on the secrets.
	Grant *grants.Grant

	scope grants.Scope
}

// NewRotationFunction prepares args.Function to rotate args.Secrets: a grants.Grant
// "<name>-access" on the function's role and a lambda.Permission "<name>-invoke" with
// SourceAccount set to the account the provider runs as.
func NewRotationFunction(ctx *pulumi.Context, name string, args *RotationFunctionArgs, opts ...pulumi.ResourceOption) (*RotationFunction, error) {
	if args == nil {
		args = &RotationFunctionArgs{}
	}
	var found []error
	if args.Function == nil {
		found = append(found, errors.New("Function is required: the rotation function's lambda.Function"))
	}
	for _, p := range grantshook.ScopeProblems(args.Secrets) {
		found = append(found, fmt.Errorf("Secrets: %w", p))
	}
	if err := problems.Join("rotation: "+name, found); err != nil {
		return nil, err
	}
	f := &RotationFunction{scope: args.Secrets}
	if err := ctx.RegisterComponentResource(RotationFunctionType, name, f, opts...); err != nil {
		return nil, err
	}
	f.ARN = args.Function.Arn
	grantOpts := []grants.Option{grants.PrimaryOnly(), grants.ResourceOptions(pulumi.Parent(f))}
	if args.ManagedPolicy {
		grantOpts = append(grantOpts, grants.ManagedPolicy())
	}
	var err error
	f.Grant, err = grants.New(ctx, name+"-access", grants.RoleName(roleName(args.Function.Role)), rotationAccess, args.Secrets, grantOpts...)
	if err != nil {
		return nil, err
	}
	account := aws.GetCallerIdentityOutput(ctx, aws.GetCallerIdentityOutputArgs{}, pulumi.Parent(f)).AccountId()
	f.Permission, err = lambda.NewPermission(ctx, name+"-invoke", &lambda.PermissionArgs{
		Action:    pulumi.String("lambda:InvokeFunction"),
		Function:  args.Function.Name,
		Principal: pulumi.String("secretsmanager.amazonaws.com"),
		// Only for this account's secrets, as a RotationLambda's permission.
		SourceAccount: account.ToStringPtrOutput(),
	}, pulumi.Parent(f))
	if err != nil {
		return nil, err
	}
	if err := ctx.RegisterResourceOutputs(f, pulumi.Map{"arn": f.ARN}); err != nil {
		return nil, err
	}
	return f, nil
}

// covers reports whether f's Secrets include s: always, for a tag or prefix scope, which
// only AWS can check.
func (f *RotationFunction) covers(s grants.Target) bool { return f.scope.Includes(s) }

// dependencies are what a schedule using f waits for: the permission and the policy.
func (f *RotationFunction) dependencies() []pulumi.Resource {
	deps := []pulumi.Resource{f.Permission, f.Grant.Policy}
	if f.Grant.Attachment != nil {
		deps = append(deps, f.Grant.Attachment)
	}
	return deps
}
