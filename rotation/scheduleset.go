package rotation

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/problems"
	"github.com/secretsmith/secretsmith/secrets"
)

// RotationScheduleSetType is the Pulumi type token of the RotationScheduleSet component.
const RotationScheduleSetType = "secretsmith:rotation:RotationScheduleSet"

// RotationScheduleSetArgs are the arguments of NewRotationScheduleSet: one function and
// one schedule for many secrets.
type RotationScheduleSetArgs struct {
	// Secrets are the secrets to rotate by key, owned or imported
	// (secrets.SecretSet.References gives a set's): each gets an
	// aws.secretsmanager.SecretRotation "<key>-rotation", so keys must be unique among the
	// stack's rotations. At least one is required.
	Secrets map[string]secrets.Reference `pulumi:"-"`

	// RotationFunction is a function of the program prepared with NewRotationFunction,
	// whose Secrets must cover every secret: its one policy and one invoke permission serve
	// them all. Give exactly one of RotationFunction and RotationLambdaARN.
	RotationFunction *RotationFunction `pulumi:"-"`
	// RotationLambdaARN is a rotation function defined elsewhere, by ARN: it gets no
	// permission or policy from here.
	RotationLambdaARN pulumi.StringInput `pulumi:"rotationLambdaArn"`

	// AutomaticallyAfter is the time between rotations, as RotationScheduleArgs'. If zero
	// (and ScheduleExpression is empty), it is DefaultAutomaticallyAfter, 30 days.
	// NoAutomaticRotation would leave the set nothing to deploy and is refused.
	AutomaticallyAfter time.Duration `pulumi:"automaticallyAfter"`
	// ScheduleExpression is a cron(...) or rate(...) expression, instead of
	// AutomaticallyAfter. If empty, AutomaticallyAfter decides.
	ScheduleExpression string `pulumi:"scheduleExpression"`
	// Duration is the rotation window, as RotationScheduleArgs'. If zero, the window closes
	// after one hour for schedules in hours and at the end of the UTC day otherwise.
	Duration time.Duration `pulumi:"duration"`
	// RotateImmediatelyOnUpdate rotates each secret as soon as its schedule is created or
	// changed. If nil, Secrets Manager's default applies: it rotates immediately.
	RotateImmediatelyOnUpdate *bool `pulumi:"rotateImmediatelyOnUpdate"`
}

// RotationScheduleSet rotates many secrets with one Lambda function on one schedule, as one
// component resource: a RotationSchedule costs a component registration per secret, the
// set one in all.
type RotationScheduleSet struct {
	pulumi.ResourceState

	// RotationLambdaARN is the ARN of the function that rotates the secrets.
	RotationLambdaARN pulumi.StringOutput `pulumi:"rotationLambdaArn"`
	// Rotations are the aws.secretsmanager.SecretRotation resources, by key.
	Rotations map[string]*secretsmanager.SecretRotation
}

// NewRotationScheduleSet rotates each of args.Secrets with one function. It validates args
// before registering anything and reports every problem at once, a secret's led by its key
// (`Secrets["key"]: `).
func NewRotationScheduleSet(ctx *pulumi.Context, name string, args *RotationScheduleSetArgs, opts ...pulumi.ResourceOption) (*RotationScheduleSet, error) {
	if args == nil {
		args = &RotationScheduleSetArgs{}
	}
	sched, found := timing(args.AutomaticallyAfter, args.ScheduleExpression, args.Duration, args.RotateImmediatelyOnUpdate, args.RotationLambdaARN)
	if args.AutomaticallyAfter == NoAutomaticRotation {
		found = append(found, errors.New("NoAutomaticRotation leaves a RotationScheduleSet nothing to deploy: leave the secrets out of it"))
	}
	if (args.RotationFunction == nil) == (args.RotationLambdaARN == nil) {
		found = append(found, errors.New("exactly one of RotationFunction and RotationLambdaARN must be given"))
	}
	if len(args.Secrets) == 0 {
		found = append(found, errors.New("Secrets must hold at least one secret"))
	}
	keys := make([]string, 0, len(args.Secrets))
	for k := range args.Secrets {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var undenied []string // keys of owned secrets whose policy does not deny the root's delete
	for _, k := range keys {
		ref, at := args.Secrets[k], problems.Entry("Secrets", k)
		var bad []error
		switch {
		case k == "":
			bad = append(bad, errors.New("the key must not be empty: it names the secret's rotation"))
		case missing(ref):
			bad = append(bad, errors.New("the secret is missing"))
		}
		if !missing(ref) {
			if f := args.RotationFunction; f != nil && !f.covers(ref) {
				bad = append(bad, errors.New("the secret is not one of RotationFunction's Secrets: the function's role could not rotate it"))
			}
			bad = append(bad, generatedInAWSProblems(&RotationScheduleArgs{
				Secret: ref, AutomaticallyAfter: args.AutomaticallyAfter, RotateImmediatelyOnUpdate: args.RotateImmediatelyOnUpdate,
			})...)
			if !deniesRootDelete(ref) {
				undenied = append(undenied, k)
			}
		}
		for _, p := range bad {
			found = append(found, fmt.Errorf("%s: %w", at, p))
		}
	}
	if len(found) > 0 {
		return nil, problems.Join("rotation: "+name, found)
	}

	r := &RotationScheduleSet{Rotations: make(map[string]*secretsmanager.SecretRotation, len(keys))}
	if err := ctx.RegisterComponentResource(RotationScheduleSetType, name, r, opts...); err != nil {
		return nil, err
	}
	if len(undenied) > 0 {
		_ = ctx.Log.Warn(fmt.Sprintf("rotation: %s: %d secrets are rotated but their resource policy does not deny secretsmanager:DeleteSecret "+
			"to the account root, as CDK's does for rotated secrets (%s): set DenyAccountRootDelete: true in their secrets.SecretArgs",
			name, len(undenied), shortList(undenied)), nil)
	}
	var deps []pulumi.Resource
	if f := args.RotationFunction; f != nil {
		r.RotationLambdaARN, deps = f.ARN, f.dependencies()
	} else {
		r.RotationLambdaARN = args.RotationLambdaARN.ToStringOutput()
	}
	lambdaARN := r.RotationLambdaARN.ToStringPtrOutput() // one output for every rotation
	for _, k := range keys {
		rot, err := sched.rotate(ctx, k+"-rotation", args.Secrets[k], lambdaARN, args.RotateImmediatelyOnUpdate, r, deps)
		if err != nil {
			return nil, err
		}
		r.Rotations[k] = rot
	}
	if err := ctx.RegisterResourceOutputs(r, pulumi.Map{"rotationLambdaArn": r.RotationLambdaARN}); err != nil {
		return nil, err
	}
	return r, nil
}

// shortList is keys for a message: the first three and how many more.
func shortList(keys []string) string {
	const shown = 3
	if len(keys) <= shown {
		return strings.Join(keys, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(keys[:shown], ", "), len(keys)-shown)
}
