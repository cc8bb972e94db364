package rotation

import (
	"errors"
	"fmt"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/problems"
	"github.com/secretsmith/secretsmith/secrets"
)

// SecretRotationType is the Pulumi type token of the SecretRotation component.
const SecretRotationType = "secretsmith:rotation:SecretRotation"

// Database is the rotated database, as a rotation function's network sees it: the function's
// security group is let into SecurityGroupID on Port.
type Database struct {
	// SecurityGroupID is the database's security group: the function's group is allowed in
	// on Port. Required.
	SecurityGroupID pulumi.StringInput `pulumi:"securityGroupId"`
	// Port is the database's port. Required.
	Port int `pulumi:"port"`
}

// SecretRotationArgs are the arguments of NewSecretRotation.
type SecretRotationArgs struct {
	// Application is the rotation application, such as MySQLRotationSingleUser. Required.
	Application Application `pulumi:"-"`
	// Secret is the secret to rotate: a JSON object with engine, host, username, password
	// and, optionally, dbname and port. Required.
	Secret secrets.Reference `pulumi:"-"`
	// MasterSecret holds the credentials that change the user's password. Required for
	// multi-user applications, ignored otherwise.
	MasterSecret secrets.Reference `pulumi:"-"`
	// VPC is where the function runs, next to the database. Required.
	VPC *VPC `pulumi:"vpc"`
	// Database is the rotated database. Required.
	Database *Database `pulumi:"database"`
	// SecurityGroupID is the function's security group. If nil, one is created in the VPC.
	SecurityGroupID pulumi.StringInput `pulumi:"securityGroupId"`
	// VPCEndpointID is an interface VPC endpoint for Secrets Manager that the function
	// reaches Secrets Manager through. If nil, it uses the public regional endpoint.
	VPCEndpointID pulumi.StringInput `pulumi:"vpcEndpointId"`
	// ExcludeCharacters are left out of generated passwords. If nil, they are the secret's
	// generator's ExcludeCharacters when it has any, else DefaultExcludeCharacters; an empty
	// string excludes nothing.
	ExcludeCharacters *string `pulumi:"excludeCharacters"`
	// AutomaticallyAfter is the time between rotations, as in RotationScheduleArgs. If zero,
	// it is 30 days.
	AutomaticallyAfter time.Duration `pulumi:"automaticallyAfter"`
	// RotateImmediatelyOnUpdate rotates as soon as the schedule is created or changed. If
	// nil, Secrets Manager's default applies: it rotates immediately.
	RotateImmediatelyOnUpdate *bool `pulumi:"rotateImmediatelyOnUpdate"`
}

// SecretRotation deploys an AWS rotation application next to a database and rotates a
// secret with it (CDK's SecretRotation).
type SecretRotation struct {
	pulumi.ResourceState

	// SecurityGroupID is the function's security group.
	SecurityGroupID pulumi.StringOutput `pulumi:"securityGroupId"`
	// Schedule is the RotationSchedule that rotates the secret with the application's
	// function.
	Schedule *RotationSchedule
}

// NewSecretRotation deploys args.Application as "<name>-app", lets its function into the
// database on the target's port, and rotates args.Secret with it on a schedule. The function
// is named "<project>-<stack>-<name>", its last 64 letters, digits, - and _.
func NewSecretRotation(ctx *pulumi.Context, name string, args *SecretRotationArgs, opts ...pulumi.ResourceOption) (*SecretRotation, error) {
	if args == nil {
		args = &SecretRotationArgs{}
	}
	var found []error
	if args.Application.Name() == "" {
		found = append(found, errors.New("Application is required: use one of the rotation applications, such as rotation.MySQLRotationSingleUser"))
	} else if len(args.Application.versions) == 0 {
		found = append(found, fmt.Errorf("Application %s has no Versions: use one of the rotation applications, such as rotation.MySQLRotationSingleUser, "+
			"or give the semantic version to deploy in each partition (NewApplication)", args.Application.Name()))
	}
	if missing(args.Secret) {
		found = append(found, errors.New("Secret is required"))
	}
	if args.Application.MultiUser() && missing(args.MasterSecret) {
		found = append(found, errors.New("MasterSecret must be specified for an application using the multi user scheme"))
	}
	if v := args.VPC; v == nil || v.ID == nil || v.SubnetIDs == nil {
		found = append(found, errors.New("VPC with ID and SubnetIDs is required"))
	}
	switch t := args.Database; {
	case t == nil:
		found = append(found, errors.New("Database is required: its SecurityGroupID and Port"))
	default:
		if t.SecurityGroupID == nil {
			found = append(found, errors.New("Database.SecurityGroupID is required: the function is let into this security group"))
		}
		if t.Port < 1 || t.Port > 65535 {
			found = append(found, fmt.Errorf("Database.Port must be from 1 to 65535, got %d", t.Port))
		}
	}
	if _, errs := scheduleFor(args.AutomaticallyAfter, "", 0); len(errs) > 0 {
		found = append(found, errs...)
	}
	if len(found) > 0 {
		return nil, problems.Join("rotation: "+name, found)
	}

	r := &SecretRotation{}
	if err := ctx.RegisterComponentResource(SecretRotationType, name, r, opts...); err != nil {
		return nil, err
	}
	var given pulumi.StringArrayInput
	if args.SecurityGroupID != nil {
		given = pulumi.StringArray{args.SecurityGroupID}
	}
	groups, err := securityGroups(ctx, name, args.VPC.ID, given, r)
	if err != nil {
		return nil, err
	}
	r.SecurityGroupID = groups.Index(pulumi.Int(0))
	if _, err := ingress(ctx, name+"-ingress", name, args.Database, r.SecurityGroupID, r); err != nil {
		return nil, err
	}
	p := appParams{
		functionName:      functionName(ctx, name),
		excludeCharacters: excludeCharacters(args.ExcludeCharacters, args.Secret),
		subnetIDs:         args.VPC.SubnetIDs,
		securityGroupIDs:  groups,
		vpcEndpointID:     args.VPCEndpointID,
		secret:            args.Secret,
	}
	if args.Application.MultiUser() {
		p.master = args.MasterSecret
		warnRootDelete(ctx, name, "MasterSecret", p.master)
	}
	lambdaARN, err := deployApp(ctx, name, args.Application, p, r)
	if err != nil {
		return nil, err
	}
	r.Schedule, err = NewRotationSchedule(ctx, name+"-schedule", &RotationScheduleArgs{
		Secret:                    args.Secret,
		RotationLambdaARN:         lambdaARN,
		AutomaticallyAfter:        args.AutomaticallyAfter,
		RotateImmediatelyOnUpdate: args.RotateImmediatelyOnUpdate,
	}, pulumi.Parent(r))
	if err != nil {
		return nil, err
	}
	if err := ctx.RegisterResourceOutputs(r, pulumi.Map{"securityGroupId": r.SecurityGroupID}); err != nil {
		return nil, err
	}
	return r, nil
}
