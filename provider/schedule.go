package main

import (
	"fmt"
	"time"

	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/problems"
	"github.com/secretsmith/secretsmith/rotation"
	"github.com/secretsmith/secretsmith/secrets"
)

// RotationScheduleArgs are rotation.RotationScheduleArgs on the wire: the secret and the
// master secret by ARN, the function by ARN or as a hosted application, durations in hours.
type RotationScheduleArgs struct {
	Secret                    SecretRef          `pulumi:"secret"`
	RotationLambdaARN         pulumi.StringInput `pulumi:"rotationLambdaArn,optional"`
	HostedRotation            *Hosted            `pulumi:"hostedRotation,optional"`
	AutomaticallyAfterHours   int                `pulumi:"automaticallyAfterHours,optional"`
	NoAutomaticRotation       bool               `pulumi:"noAutomaticRotation,optional"`
	ScheduleExpression        string             `pulumi:"scheduleExpression,optional"`
	DurationHours             int                `pulumi:"durationHours,optional"`
	RotateImmediatelyOnUpdate *bool              `pulumi:"rotateImmediatelyOnUpdate,optional"`
}

// Annotate documents the arguments.
func (a *RotationScheduleArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.Secret, "The secret to rotate. For a Secret of the same program, pass its arn and make the schedule depend on the Secret component, so that rotation starts after its first value.")
	an.Describe(&a.RotationLambdaARN, "A rotation function defined elsewhere, by ARN: it gets no permission or policy from here. Exactly one of rotationLambdaArn and hostedRotation is required.")
	an.Describe(&a.HostedRotation, "A rotation function AWS publishes, deployed from the Serverless Application Repository.")
	an.Describe(&a.AutomaticallyAfterHours, "Hours between rotations, 4 to 24,000, written as rate(N days) when whole days. If left out (and scheduleExpression too), 720: 30 days.")
	an.Describe(&a.NoAutomaticRotation, "Deploys the function and its permissions but no schedule: rotate with `aws secretsmanager rotate-secret`. If left out, false.")
	an.Describe(&a.ScheduleExpression, "A cron(...) or rate(...) expression, instead of automaticallyAfterHours. If left out, automaticallyAfterHours decides.")
	an.Describe(&a.DurationHours, "The rotation window, 1 to 24 hours. If left out, one hour for schedules in hours, else until the end of the UTC day.")
	an.Describe(&a.RotateImmediatelyOnUpdate, "Rotates as soon as the schedule is created or changed. If left out, Secrets Manager rotates immediately.")
}

// Hosted is a hosted rotation on the wire.
type Hosted struct {
	Application       HostedApplication       `pulumi:"application"`
	MasterSecret      *SecretRef              `pulumi:"masterSecret,optional"`
	FunctionName      string                  `pulumi:"functionName,optional"`
	VPCID             pulumi.StringInput      `pulumi:"vpcId,optional"`
	SubnetIDs         pulumi.StringArrayInput `pulumi:"subnetIds,optional"`
	SecurityGroupIDs  pulumi.StringArrayInput `pulumi:"securityGroupIds,optional"`
	ExcludeCharacters *string                 `pulumi:"excludeCharacters,optional"`
}

// Annotate documents the hosted rotation.
func (h *Hosted) Annotate(an infer.Annotator) {
	an.Describe(h, "A rotation function that AWS publishes, for a database engine and a scheme.")
	an.Describe(&h.Application, "The engine and scheme, such as mysqlSingleUser.")
	an.Describe(&h.MasterSecret, "The secret of the user that changes the rotated user's password. Required for the multi-user schemes; not allowed for the single-user ones.")
	an.Describe(&h.FunctionName, "The function's name. If left out, <project>-<stack>-<name>, the last 64 characters.")
	an.Describe(&h.VPCID, "The VPC to run the function in, with subnetIds. If left out, the function runs outside any VPC.")
	an.Describe(&h.SubnetIDs, "The VPC's subnets for the function. Required with vpcId.")
	an.Describe(&h.SecurityGroupIDs, "Security groups for the function in the VPC. If left out (with vpcId), one is made.")
	an.Describe(&h.ExcludeCharacters, "Characters new passwords leave out. If left out, the secret's generator's exclusions for a Secret of this program, else a conservative default.")
}

// HostedApplication names a hosted rotation factory.
type HostedApplication string

// hosted maps each application to its factory; multi-user ones take the master secret.
var hosted = map[HostedApplication]struct {
	single func(*rotation.HostedRotationOptions) *rotation.HostedRotation
	multi  func(secrets.Reference, *rotation.HostedRotationOptions) *rotation.HostedRotation
}{
	"mysqlSingleUser":      {single: rotation.MySQLSingleUser},
	"mysqlMultiUser":       {multi: rotation.MySQLMultiUser},
	"postgresqlSingleUser": {single: rotation.PostgreSQLSingleUser},
	"postgresqlMultiUser":  {multi: rotation.PostgreSQLMultiUser},
	"oracleSingleUser":     {single: rotation.OracleSingleUser},
	"oracleMultiUser":      {multi: rotation.OracleMultiUser},
	"mariadbSingleUser":    {single: rotation.MariaDBSingleUser},
	"mariadbMultiUser":     {multi: rotation.MariaDBMultiUser},
	"sqlserverSingleUser":  {single: rotation.SQLServerSingleUser},
	"sqlserverMultiUser":   {multi: rotation.SQLServerMultiUser},
	"redshiftSingleUser":   {single: rotation.RedshiftSingleUser},
	"redshiftMultiUser":    {multi: rotation.RedshiftMultiUser},
	"mongodbSingleUser":    {single: rotation.MongoDBSingleUser},
	"mongodbMultiUser":     {multi: rotation.MongoDBMultiUser},
}

// Values lists the applications.
func (HostedApplication) Values() []infer.EnumValue[HostedApplication] {
	var out []infer.EnumValue[HostedApplication]
	for _, engine := range []string{"mysql", "postgresql", "oracle", "mariadb", "sqlserver", "redshift", "mongodb"} {
		for _, scheme := range []string{"SingleUser", "MultiUser"} {
			v := HostedApplication(engine + scheme)
			out = append(out, infer.EnumValue[HostedApplication]{Name: string(v), Value: v})
		}
	}
	return out
}

// RotationSchedule is the secretsmith:rotation:RotationSchedule component.
type RotationSchedule struct {
	*rotation.RotationSchedule
	// The Go component's outputs, shadowed: the construct result reads only the wrapper's own.
	RotationLambdaARN pulumi.StringOutput      `pulumi:"rotationLambdaArn"`
	SecurityGroupIDs  pulumi.StringArrayOutput `pulumi:"securityGroupIds"`
}

// Annotate documents the component.
func (r *RotationSchedule) Annotate(an infer.Annotator) {
	embedded(&r.RotationSchedule)
	an.SetToken("rotation", "RotationSchedule")
	an.Describe(r, "Rotates a secret on a schedule with a Lambda function: one given by ARN, or one AWS publishes, deployed with its role and permissions.")
	an.Describe(&r.RotationLambdaARN, "The rotation function's ARN.")
	an.Describe(&r.SecurityGroupIDs, "The security groups of a hosted function in a VPC: allow them into the database.")
}

// newRotationSchedule constructs the component from its wire arguments.
func newRotationSchedule(ctx *pulumi.Context, name string, args RotationScheduleArgs, opts ...pulumi.ResourceOption) (*RotationSchedule, error) {
	goArgs, found := args.toGo(ctx, name)
	if err := problems.Join("rotation: "+name, found); err != nil {
		return nil, err
	}
	r, err := rotation.NewRotationSchedule(ctx, name, goArgs, opts...)
	if err != nil {
		return nil, err
	}
	return &RotationSchedule{RotationSchedule: r, RotationLambdaARN: r.RotationLambdaARN, SecurityGroupIDs: r.SecurityGroupIDs}, nil
}

// toGo is a as rotation.RotationScheduleArgs.
func (a RotationScheduleArgs) toGo(ctx *pulumi.Context, name string) (*rotation.RotationScheduleArgs, []error) {
	var found []error
	secret, err := a.Secret.reference(ctx, name+"-secret")
	if err != nil {
		found = append(found, fmt.Errorf("secret: %w", err))
	}
	out := &rotation.RotationScheduleArgs{
		Secret: secret, RotationLambdaARN: a.RotationLambdaARN, ScheduleExpression: a.ScheduleExpression,
		AutomaticallyAfter: time.Duration(a.AutomaticallyAfterHours) * time.Hour, Duration: time.Duration(a.DurationHours) * time.Hour,
		RotateImmediatelyOnUpdate: a.RotateImmediatelyOnUpdate,
	}
	if a.NoAutomaticRotation {
		if a.AutomaticallyAfterHours != 0 {
			found = append(found, fmt.Errorf("noAutomaticRotation cannot go with automaticallyAfterHours %d", a.AutomaticallyAfterHours))
		}
		out.AutomaticallyAfter = rotation.NoAutomaticRotation
	}
	if h := a.HostedRotation; h != nil {
		hr, err := h.toGo(ctx, name)
		if err != nil {
			found = append(found, fmt.Errorf("hostedRotation: %w", err))
		}
		out.HostedRotation = hr
	}
	return out, found
}

// toGo is h as a rotation.HostedRotation.
func (h Hosted) toGo(ctx *pulumi.Context, name string) (*rotation.HostedRotation, error) {
	opts := &rotation.HostedRotationOptions{FunctionName: h.FunctionName, SecurityGroupIDs: h.SecurityGroupIDs, ExcludeCharacters: h.ExcludeCharacters}
	if h.VPCID != nil || h.SubnetIDs != nil {
		opts.VPC = &rotation.VPC{ID: h.VPCID, SubnetIDs: h.SubnetIDs}
	}
	f, ok := hosted[h.Application]
	switch {
	case !ok:
		return nil, fmt.Errorf("application %q is not one of mysqlSingleUser, mysqlMultiUser, postgresqlSingleUser... (see the schema's enum)", h.Application)
	case f.single != nil && h.MasterSecret != nil:
		return nil, fmt.Errorf("%s takes no masterSecret: the user changes its own password", h.Application)
	case f.single != nil:
		return f.single(opts), nil
	case h.MasterSecret == nil:
		return nil, fmt.Errorf("%s needs masterSecret: the user that changes the rotated user's password", h.Application)
	}
	master, err := h.MasterSecret.reference(ctx, name+"-master")
	if err != nil {
		return nil, fmt.Errorf("masterSecret: %w", err)
	}
	return f.multi(master, opts), nil
}
