// Command multi-user-rotation is an example stack: an application's PostgreSQL credential
// rotated every 30 days with the alternating-users scheme. AWS's hosted multi-user function
// signs in with the master secret, clones the app user as app_clone and alternates between
// the two, so the credential in use is never the one being changed.
//
// Deploy it with `pulumi config set dbHost ...`, `vpcId`, `subnetIds` and `pulumi up`; `go
// test` runs it offline.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

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
	database := &secrets.TargetAttachment{Engine: pulumi.String("postgres"), Host: pulumi.String(cfg.Require("dbHost")), Port: pulumi.Int(5432)}

	credential := func(name, user string, target *secrets.TargetAttachment) (*secrets.Secret, error) {
		return secrets.NewSecret(ctx, name, &secrets.SecretArgs{
			Description: pulumi.String("PostgreSQL credentials of " + user),
			GenerateSecretString: &secrets.SecretStringGenerator{
				SecretStringTemplate: `{"username":"` + user + `"}`,
				GenerateStringKey:    "password",
				ExcludeCharacters:    `/@"' \`,
			},
			Target:                target,
			DenyAccountRootDelete: true,
			RemovalPolicy:         secrets.RemovalPolicyRetain,
		})
	}
	master, err := credential("master", "postgres", database)
	if err != nil {
		return err
	}
	// The alternating-users function finds the master credentials by the app secret's
	// "masterarn" field.
	appTarget := *database
	appTarget.MasterSecretARN = master.ARN
	app, err := credential("app", "app", &appTarget)
	if err != nil {
		return err
	}
	sched, err := rotation.NewRotationSchedule(ctx, "app-rotation", &rotation.RotationScheduleArgs{
		Secret: app,
		HostedRotation: rotation.PostgreSQLMultiUser(master, &rotation.HostedRotationOptions{
			VPC: &rotation.VPC{ID: pulumi.String(cfg.Require("vpcId")), SubnetIDs: pulumi.ToStringArray(subnets)},
		}),
	})
	if err != nil {
		return err
	}
	ctx.Export("appSecretArn", app.ARN)
	ctx.Export("masterSecretArn", master.ARN)
	ctx.Export("rotationSecurityGroups", sched.SecurityGroupIDs) // let these into the database
	return nil
}
