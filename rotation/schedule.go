package rotation

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lambda"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/internal/arn"
	"github.com/secretsmith/secretsmith/internal/grantshook"
	"github.com/secretsmith/secretsmith/internal/problems"
	"github.com/secretsmith/secretsmith/secrets"
)

// RotationScheduleType is the Pulumi type token of the RotationSchedule component.
const RotationScheduleType = "secretsmith:rotation:RotationSchedule"

// RotationScheduleArgs are the arguments of NewRotationSchedule.
type RotationScheduleArgs struct {
	// Secret is the secret to rotate, owned or imported. Required.
	Secret secrets.Reference `pulumi:"-"`

	// RotationLambda is a rotation function defined in the program: it gets permission to be
	// invoked by Secrets Manager for this account only, and its role gets exactly the
	// Secrets Manager and KMS access rotation needs. Give exactly one of RotationLambda,
	// RotationLambdaARN, HostedRotation, GoRotation and RotationFunction; for many secrets
	// rotated by one function, RotationFunction.
	RotationLambda *lambda.Function `pulumi:"-"`
	// RotationLambdaARN is a rotation function defined elsewhere, by ARN: it gets no
	// permission or policy from here (as CDK does for imported functions).
	RotationLambdaARN pulumi.StringInput `pulumi:"rotationLambdaArn"`
	// HostedRotation deploys a rotation function that AWS publishes (MySQLSingleUser...).
	HostedRotation *HostedRotation `pulumi:"-"`
	// GoRotation builds and deploys secretsmith's rotation function in Go
	// (GoPostgreSQLSingleUser...), with its role, and wires it as RotationLambda is.
	GoRotation *GoRotation `pulumi:"-"`
	// RotationFunction is a function of the program prepared for many secrets with
	// NewRotationFunction, whose Secrets must cover Secret: the schedule adds no policy or
	// permission of its own.
	RotationFunction *RotationFunction `pulumi:"-"`

	// AutomaticallyAfter is the time between rotations: whole hours from 4 hours to 1000
	// days, written as rate(N days) when whole days, else rate(N hours). If zero (and
	// ScheduleExpression is empty), it is DefaultAutomaticallyAfter, 30 days;
	// NoAutomaticRotation deploys no schedule at all.
	AutomaticallyAfter time.Duration `pulumi:"automaticallyAfter"`
	// ScheduleExpression is a cron(...) or rate(...) expression, instead of
	// AutomaticallyAfter (beyond CDK: aws-cdk #24062). If empty, AutomaticallyAfter decides.
	ScheduleExpression string `pulumi:"scheduleExpression"`
	// Duration is the rotation window, whole hours from 1 to 24, such as 3 * time.Hour; it
	// must not reach into the next window or the next UTC day. If zero, the window closes
	// after one hour for schedules in hours and at the end of the UTC day otherwise.
	Duration time.Duration `pulumi:"duration"`
	// RotateImmediatelyOnUpdate rotates the secret as soon as the schedule is created or
	// changed. If nil, Secrets Manager's default applies: it rotates immediately.
	RotateImmediatelyOnUpdate *bool `pulumi:"rotateImmediatelyOnUpdate"`
}

// RotationSchedule rotates a secret on a schedule with a Lambda function.
type RotationSchedule struct {
	pulumi.ResourceState

	// RotationLambdaARN is the ARN of the function that rotates the secret.
	RotationLambdaARN pulumi.StringOutput `pulumi:"rotationLambdaArn"`
	// SecurityGroupIDs are the security groups of a hosted rotation function in a VPC
	// (created or given): allow them into the database. Empty outside a VPC.
	SecurityGroupIDs pulumi.StringArrayOutput `pulumi:"securityGroupIds"`
	// Rotation is the aws.secretsmanager.SecretRotation, or nil with NoAutomaticRotation.
	Rotation *secretsmanager.SecretRotation
	// Permission lets Secrets Manager invoke a RotationLambda or GoRotation function; nil
	// otherwise.
	Permission *lambda.Permission
	// Policy gives a RotationLambda's or GoRotation function's role access to the secret;
	// nil otherwise.
	Policy *iam.RolePolicy
	// Function is the GoRotation function; nil otherwise.
	Function *lambda.Function
	// Role is the GoRotation function's role; nil otherwise.
	Role *iam.Role

	groups int // how many SecurityGroupIDs there are, or -1 when not known until deployment
}

// lambdaFunctionARN matches a Lambda function's ARN, with an optional version or alias.
var lambdaFunctionARN = regexp.MustCompile(`^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9$_-]+)?$`)

// rotationAccess is what a rotation function needs on the secret (CDK's grants for a
// rotation Lambda): read and stage versions, put new ones, generate passwords, and use the
// key through Secrets Manager.
var rotationAccess = grants.NewAccess("rotate",
	[]string{
		"secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue",
		"secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage",
	},
	[]string{"kms:Decrypt", "kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"},
	grants.Statement{Actions: []string{"secretsmanager:GetRandomPassword"}, Resources: []string{"*"}},
)

// NewRotationSchedule rotates args.Secret with a custom or hosted Lambda function. It
// validates args before registering anything and reports every problem at once.
func NewRotationSchedule(ctx *pulumi.Context, name string, args *RotationScheduleArgs, opts ...pulumi.ResourceOption) (*RotationSchedule, error) {
	if args == nil {
		args = &RotationScheduleArgs{}
	}
	sched, found := timing(args.AutomaticallyAfter, args.ScheduleExpression, args.Duration, args.RotateImmediatelyOnUpdate, args.RotationLambdaARN)
	if missing(args.Secret) {
		found = append(found, errors.New("Secret is required"))
	}
	var given []string
	for _, f := range []struct {
		field string
		set   bool
	}{
		{"RotationLambda", args.RotationLambda != nil},
		{"RotationLambdaARN", args.RotationLambdaARN != nil},
		{"HostedRotation", args.HostedRotation != nil},
		{"GoRotation", args.GoRotation != nil},
		{"RotationFunction", args.RotationFunction != nil},
	} {
		if f.set {
			given = append(given, f.field)
		}
	}
	if len(given) != 1 {
		got := "none"
		if len(given) > 1 {
			got = strings.Join(given, " and ")
		}
		found = append(found, fmt.Errorf("exactly one of RotationLambda, RotationLambdaARN, HostedRotation, GoRotation and RotationFunction must be given, got %s", got))
	}
	if h := args.HostedRotation; h != nil {
		found = append(found, h.check()...)
	}
	if g := args.GoRotation; g != nil {
		found = append(found, g.check()...)
	}
	if f := args.RotationFunction; f != nil && !missing(args.Secret) && !f.covers(args.Secret) {
		found = append(found, errors.New("Secret is not one of RotationFunction's Secrets: the function's role could not rotate it"))
	}
	found = append(found, generatedInAWSProblems(args)...)
	if len(found) > 0 {
		return nil, problems.Join("rotation: "+name, found)
	}

	r := &RotationSchedule{SecurityGroupIDs: pulumi.StringArray{}.ToStringArrayOutput()}
	if err := ctx.RegisterComponentResource(RotationScheduleType, name, r, opts...); err != nil {
		return nil, err
	}
	warnRootDelete(ctx, name, "Secret", args.Secret)
	var deps []pulumi.Resource
	var err error
	switch {
	case args.RotationLambda != nil:
		if deps, err = r.wire(ctx, name, args.RotationLambda, args.Secret); err != nil {
			return nil, err
		}
	case args.GoRotation != nil:
		fn, err := args.GoRotation.deploy(ctx, name, args.Secret, r)
		if err != nil {
			return nil, err
		}
		r.Function, r.Role, r.SecurityGroupIDs = fn.function, fn.role, fn.groups
		r.groups = groupCount(args.GoRotation.opts.VPC, args.GoRotation.opts.SecurityGroupIDs)
		if deps, err = r.wire(ctx, name, fn.function, args.Secret); err != nil {
			return nil, err
		}
	case args.RotationLambdaARN != nil:
		r.RotationLambdaARN = args.RotationLambdaARN.ToStringOutput()
	case args.RotationFunction != nil:
		r.RotationLambdaARN, deps = args.RotationFunction.ARN, args.RotationFunction.dependencies()
	default:
		lambdaARN, groups, err := args.HostedRotation.deploy(ctx, name, args.Secret, r)
		if err != nil {
			return nil, err
		}
		r.RotationLambdaARN, r.SecurityGroupIDs = lambdaARN, groups
		r.groups = groupCount(args.HostedRotation.opts.VPC, args.HostedRotation.opts.SecurityGroupIDs)
	}

	if sched.expression != "" {
		if r.Rotation, err = sched.rotate(ctx, name+"-rotation", args.Secret, r.RotationLambdaARN.ToStringPtrOutput(), args.RotateImmediatelyOnUpdate, r, deps); err != nil {
			return nil, err
		}
	}
	if err := ctx.RegisterResourceOutputs(r, pulumi.Map{
		"rotationLambdaArn": r.RotationLambdaARN, "securityGroupIds": r.SecurityGroupIDs,
	}); err != nil {
		return nil, err
	}
	return r, nil
}

// timing checks the fields that say when rotations run, and by which function given by
// ARN, and returns the rules they make.
func timing(after time.Duration, expression string, window time.Duration, immediately *bool, lambdaARN pulumi.StringInput) (schedule, []error) {
	sched, found := scheduleFor(after, expression, window)
	if a, ok := lambdaARN.(pulumi.String); ok && !lambdaFunctionARN.MatchString(string(a)) {
		found = append(found, fmt.Errorf("RotationLambdaARN must be a Lambda function's ARN (arn:<partition>:lambda:<region>:<account>:function:<name>), got %q", string(a)))
	}
	if immediately != nil && after == NoAutomaticRotation {
		found = append(found, errors.New("RotateImmediatelyOnUpdate needs a schedule: it cannot go with NoAutomaticRotation"))
	}
	return sched, found
}

// rotate registers the aws.secretsmanager.SecretRotation name of secret by the function
// lambdaARN on these rules, under parent, after deps and the secret's first version (a
// rotation function reads AWSCURRENT first, and rotation starts as it is created).
func (s schedule) rotate(ctx *pulumi.Context, name string, secret secrets.Reference, lambdaARN pulumi.StringPtrInput, immediately *bool,
	parent pulumi.Resource, deps []pulumi.Resource,
) (*secretsmanager.SecretRotation, error) {
	rules := secretsmanager.SecretRotationRotationRulesArgs{ScheduleExpression: pulumi.String(s.expression)}
	if s.window != "" {
		rules.Duration = pulumi.String(s.window)
	}
	args := &secretsmanager.SecretRotationArgs{
		SecretId:          completeARN(ctx, secret, parent),
		RotationLambdaArn: lambdaARN,
		RotationRules:     rules,
	}
	if immediately != nil {
		args.RotateImmediately = pulumi.Bool(*immediately)
	}
	if v := firstVersionOf(secret); v != nil {
		deps = append(slices.Clip(deps), v)
	}
	return secretsmanager.NewSecretRotation(ctx, name, args, pulumi.Parent(parent), pulumi.DependsOn(deps))
}

// generatedInAWSProblems reports a schedule that would leave a GenerateInAWS secret
// without a value: its first value is written by the rotation that starts as the schedule
// is created, by a function that can start from nothing.
func generatedInAWSProblems(args *RotationScheduleArgs) []error {
	if missing(args.Secret) || !generatedInAWS(args.Secret) {
		return nil
	}
	const why = "the Secret's value is generated in AWS (GenerateInAWS) by the rotation that starts as the schedule is created"
	var found []error
	switch {
	case args.HostedRotation != nil:
		found = append(found, fmt.Errorf("%s: HostedRotation %s needs a value to start from; use GoRotation: rotation.GoGenerate(...)", why, args.HostedRotation.rotationType))
	case args.GoRotation != nil && args.GoRotation.strategy != "" && args.GoRotation.strategy != "generate":
		found = append(found, fmt.Errorf("%s: GoRotation %s needs a value to start from; use rotation.GoGenerate(...)", why, args.GoRotation.strategy))
	}
	if args.AutomaticallyAfter == NoAutomaticRotation {
		found = append(found, fmt.Errorf("%s: NoAutomaticRotation would leave it without a value", why))
	}
	if r := args.RotateImmediatelyOnUpdate; r != nil && !*r {
		found = append(found, fmt.Errorf("%s: RotateImmediatelyOnUpdate false would leave it without a value until the first scheduled rotation", why))
	}
	return found
}

// wire lets Secrets Manager invoke fn, for this account only, and gives fn's role the
// access rotation needs on secret: the permission "<name>-invoke" and the role policy
// "<name>-policy". It returns them, for the rotation to wait for.
func (r *RotationSchedule) wire(ctx *pulumi.Context, name string, fn *lambda.Function, secret secrets.Reference) ([]pulumi.Resource, error) {
	perm, err := lambda.NewPermission(ctx, name+"-invoke", &lambda.PermissionArgs{
		Action:    pulumi.String("lambda:InvokeFunction"),
		Function:  fn.Name,
		Principal: pulumi.String("secretsmanager.amazonaws.com"),
		// Only for this account's secrets: CDK leaves this out (aws-cdk #28406), letting
		// any account's Secrets Manager invoke the function.
		SourceAccount: accountOf(secret.ARNForPolicies()).ToStringPtrOutput(),
	}, pulumi.Parent(r))
	if err != nil {
		return nil, err
	}
	doc, role, err := grantshook.Document(ctx, name, grants.RoleName(roleName(fn.Role)), rotationAccess, grants.Secrets(secret), r, grants.PrimaryOnly())
	if err != nil {
		return nil, err
	}
	policy, err := iam.NewRolePolicy(ctx, name+"-policy", &iam.RolePolicyArgs{Role: role, Policy: doc}, pulumi.Parent(r))
	if err != nil {
		return nil, err
	}
	r.Permission, r.Policy, r.RotationLambdaARN = perm, policy, fn.Arn
	return []pulumi.Resource{perm, policy}, nil
}

// completeARN is the secret's complete ARN, looked up (secretsmanager.LookupSecret, through
// parent's provider) when only a partial ARN or a name is known. The provider's
// SecretRotation stores the complete ARN it reads back as secretId, which forces
// replacement: given a partial ARN, every update would plan a new rotation.
func completeARN(ctx *pulumi.Context, ref secrets.Reference, parent pulumi.Resource) pulumi.StringOutput {
	if full, ok := ref.SecretFullARN(); ok {
		return full
	}
	return secretsmanager.LookupSecretOutput(ctx, secretsmanager.LookupSecretOutputArgs{
		Arn: ref.SecretARN().ToStringPtrOutput(),
	}, pulumi.Parent(parent)).Arn()
}

// accountOf is the account in an ARN.
func accountOf(a pulumi.StringOutput) pulumi.StringOutput {
	return a.ApplyT(func(s string) (string, error) {
		parsed, err := arn.Parse(s)
		if err != nil {
			return "", err
		}
		return parsed.AccountID, nil
	}).(pulumi.StringOutput)
}

// roleName is the name of the role with ARN roleARN (arn:...:role/path/name).
func roleName(roleARN pulumi.StringOutput) pulumi.StringOutput {
	return roleARN.ApplyT(func(s string) string { return s[strings.LastIndex(s, "/")+1:] }).(pulumi.StringOutput)
}

// warnRootDelete warns when an owned secret is rotated without CDK's statement denying the
// account root secretsmanager:DeleteSecret, which CDK adds to every rotated secret: ours is
// declared on the secret.
func warnRootDelete(ctx *pulumi.Context, name, field string, ref secrets.Reference) {
	if deniesRootDelete(ref) {
		return
	}
	_ = ctx.Log.Warn(fmt.Sprintf("rotation: %s: the %s is rotated but its resource policy does not deny secretsmanager:DeleteSecret "+
		"to the account root, as CDK's does for rotated secrets: set DenyAccountRootDelete: true in its secrets.SecretArgs", name, field), nil)
}
