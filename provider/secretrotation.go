package main

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/problems"
	"github.com/secretsmith/secretsmith/rotation"
)

// SecretRotationArgs are rotation.SecretRotationArgs on the wire.
type SecretRotationArgs struct {
	Application               RotationApplication     `pulumi:"application"`
	Secret                    SecretRef               `pulumi:"secret"`
	MasterSecret              *SecretRef              `pulumi:"masterSecret,optional"`
	VPCID                     pulumi.StringInput      `pulumi:"vpcId"`
	SubnetIDs                 pulumi.StringArrayInput `pulumi:"subnetIds"`
	DatabaseSecurityGroupID   pulumi.StringInput      `pulumi:"databaseSecurityGroupId"`
	DatabasePort              int                     `pulumi:"databasePort"`
	SecurityGroupID           pulumi.StringInput      `pulumi:"securityGroupId,optional"`
	VPCEndpointID             pulumi.StringInput      `pulumi:"vpcEndpointId,optional"`
	ExcludeCharacters         *string                 `pulumi:"excludeCharacters,optional"`
	AutomaticallyAfterHours   int                     `pulumi:"automaticallyAfterHours,optional"`
	RotateImmediatelyOnUpdate *bool                   `pulumi:"rotateImmediatelyOnUpdate,optional"`
}

// Annotate documents the arguments.
func (a *SecretRotationArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.Application, "The AWS rotation application, such as mysqlSingleUser.")
	an.Describe(&a.Secret, "The secret to rotate: a JSON object with engine, host, username, password and, optionally, dbname and port.")
	an.Describe(&a.MasterSecret, "The credentials that change the user's password. Required for the multi-user applications; ignored by the single-user ones.")
	an.Describe(&a.VPCID, "The VPC the function runs in, next to the database.")
	an.Describe(&a.SubnetIDs, "The VPC's subnets for the function.")
	an.Describe(&a.DatabaseSecurityGroupID, "The database's security group: the function's group is allowed in on databasePort.")
	an.Describe(&a.DatabasePort, "The database's port.")
	an.Describe(&a.SecurityGroupID, "The function's security group. If left out, one is made in the VPC.")
	an.Describe(&a.VPCEndpointID, "An interface VPC endpoint for Secrets Manager that the function reaches Secrets Manager through. If left out, the public regional endpoint.")
	an.Describe(&a.ExcludeCharacters, "Characters new passwords leave out. If left out, a conservative default; an empty string excludes nothing.")
	an.Describe(&a.AutomaticallyAfterHours, "Hours between rotations, 4 to 24,000. If left out, 720: 30 days.")
	an.Describe(&a.RotateImmediatelyOnUpdate, "Rotates as soon as the schedule is created or changed. If left out, Secrets Manager rotates immediately.")
}

// RotationApplication names an AWS rotation application (rotation.MySQLRotationSingleUser...).
type RotationApplication string

// applications maps the wire names to the applications.
var applications = map[RotationApplication]rotation.Application{
	"mariadbSingleUser": rotation.MariaDBRotationSingleUser, "mariadbMultiUser": rotation.MariaDBRotationMultiUser,
	"mysqlSingleUser": rotation.MySQLRotationSingleUser, "mysqlMultiUser": rotation.MySQLRotationMultiUser,
	"oracleSingleUser": rotation.OracleRotationSingleUser, "oracleMultiUser": rotation.OracleRotationMultiUser,
	"postgresqlSingleUser": rotation.PostgresRotationSingleUser, "postgresqlMultiUser": rotation.PostgresRotationMultiUser,
	"sqlserverSingleUser": rotation.SQLServerRotationSingleUser, "sqlserverMultiUser": rotation.SQLServerRotationMultiUser,
	"redshiftSingleUser": rotation.RedshiftRotationSingleUser, "redshiftMultiUser": rotation.RedshiftRotationMultiUser,
	"mongodbSingleUser": rotation.MongoDBRotationSingleUser, "mongodbMultiUser": rotation.MongoDBRotationMultiUser,
	"db2SingleUser": rotation.DB2RotationSingleUser, "db2MultiUser": rotation.DB2RotationMultiUser,
}

// Values lists the applications, in name order.
func (RotationApplication) Values() []infer.EnumValue[RotationApplication] {
	var out []infer.EnumValue[RotationApplication]
	for name, app := range applications {
		out = append(out, infer.EnumValue[RotationApplication]{Name: string(name), Value: name, Description: app.Name()})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Value < out[j].Value })
	return out
}

// SecretRotation is the secretsmith:rotation:SecretRotation component.
type SecretRotation struct {
	*rotation.SecretRotation
	// SecurityGroupID shadows the Go component's field: the construct result reads only the
	// wrapper's own.
	SecurityGroupID pulumi.StringOutput `pulumi:"securityGroupId"`
}

// Annotate documents the component.
func (r *SecretRotation) Annotate(an infer.Annotator) {
	embedded(&r.SecretRotation)
	an.SetToken("rotation", "SecretRotation")
	an.Describe(r, "Deploys an AWS rotation application next to a database, lets it into the database's security group, and rotates a secret with it (CDK's SecretRotation).")
	an.Describe(&r.SecurityGroupID, "The function's security group.")
}

// newSecretRotation constructs the component from its wire arguments.
func newSecretRotation(ctx *pulumi.Context, name string, args SecretRotationArgs, opts ...pulumi.ResourceOption) (*SecretRotation, error) {
	goArgs, found := args.toGo(ctx, name)
	if err := problems.Join("rotation: "+name, found); err != nil {
		return nil, err
	}
	r, err := rotation.NewSecretRotation(ctx, name, goArgs, opts...)
	if err != nil {
		return nil, err
	}
	return &SecretRotation{SecretRotation: r, SecurityGroupID: r.SecurityGroupID}, nil
}

// toGo is a as rotation.SecretRotationArgs.
func (a SecretRotationArgs) toGo(ctx *pulumi.Context, name string) (*rotation.SecretRotationArgs, []error) {
	var found []error
	app, ok := applications[a.Application]
	if !ok {
		names := make([]string, 0, len(applications))
		for n := range applications {
			names = append(names, string(n))
		}
		sort.Strings(names)
		found = append(found, fmt.Errorf("application must be one of %s, got %q", strings.Join(names, ", "), a.Application))
	}
	out := &rotation.SecretRotationArgs{
		Application: app, VPC: &rotation.VPC{ID: a.VPCID, SubnetIDs: a.SubnetIDs},
		Database:        &rotation.Database{SecurityGroupID: a.DatabaseSecurityGroupID, Port: a.DatabasePort},
		SecurityGroupID: a.SecurityGroupID, VPCEndpointID: a.VPCEndpointID, ExcludeCharacters: a.ExcludeCharacters,
		AutomaticallyAfter: time.Duration(a.AutomaticallyAfterHours) * time.Hour, RotateImmediatelyOnUpdate: a.RotateImmediatelyOnUpdate,
	}
	var err error
	if out.Secret, err = a.Secret.reference(ctx, name+"-secret"); err != nil {
		found = append(found, fmt.Errorf("secret: %w", err))
	}
	if m := a.MasterSecret; m != nil { // rotation checks that a multi-user application has one
		if out.MasterSecret, err = m.reference(ctx, name+"-master"); err != nil {
			found = append(found, fmt.Errorf("masterSecret: %w", err))
		}
	}
	return out, found
}
