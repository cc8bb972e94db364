// Command database is an example stack: a generated MySQL credential, read by an
// application role, rotated every 30 days by AWS's hosted single-user function in a VPC.
//
// Deploy it with `pulumi config set dbHost ...`, `pulumi config set vpcId vpc-...`,
// `pulumi config set --path 'subnetIds[0]' subnet-...` and `pulumi up`; `go test` runs it
// offline.
package main

import (
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/rotation"
	"github.com/secretsmith/secretsmith/secrets"
	"github.com/secretsmith/secretsmith/synth"
)

// offline is the config of the offline plan (`go run . synth`) and its test: placeholders
// for what `pulumi config` sets.
var offline = map[string]string{"project:dbHost": "db.internal", "project:vpcId": "vpc-1", "project:subnetIds": `["subnet-1","subnet-2"]`}

func main() { synth.Main(program, offline) }

func program(ctx *pulumi.Context) error {
	cfg := config.New(ctx, "")
	var subnets []string
	cfg.RequireObject("subnetIds", &subnets)

	db, err := secrets.NewSecret(ctx, "db", &secrets.SecretArgs{
		Description: pulumi.String("MySQL credentials of the app"),
		GenerateSecretString: &secrets.SecretStringGenerator{
			SecretStringTemplate: `{"username":"app"}`,
			GenerateStringKey:    "password",
			ExcludeCharacters:    `/@" `,
		},
		// The rotation function finds the database through these fields.
		Target: &secrets.TargetAttachment{
			Engine: pulumi.String("mysql"), Host: pulumi.String(cfg.Require("dbHost")), Port: pulumi.Int(3306),
		},
		DenyAccountRootDelete: true,
		RemovalPolicy:         secrets.RemovalPolicyRetain,
	})
	if err != nil {
		return err
	}
	app, err := iam.NewRole(ctx, "app", &iam.RoleArgs{
		AssumeRolePolicy: pulumi.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow",` +
			`"Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`),
	})
	if err != nil {
		return err
	}
	if _, err := db.GrantRead(ctx, "app-reads-db", grants.Role(app), grants.VersionStages("AWSCURRENT")); err != nil {
		return err
	}
	sched, err := rotation.NewRotationSchedule(ctx, "db-rotation", &rotation.RotationScheduleArgs{
		Secret: db,
		HostedRotation: rotation.MySQLSingleUser(&rotation.HostedRotationOptions{
			VPC: &rotation.VPC{ID: pulumi.String(cfg.Require("vpcId")), SubnetIDs: pulumi.ToStringArray(subnets)},
		}),
		Duration: 2 * time.Hour,
	})
	if err != nil {
		return err
	}
	ctx.Export("dbSecretArn", db.ARN)
	ctx.Export("rotationSecurityGroups", sched.SecurityGroupIDs) // let these into the database
	return nil
}
