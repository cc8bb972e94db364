// Command rds-rotation is an example stack: a MySQL RDS instance whose master credentials
// live in a secret, rotated every 30 days by AWS's single-user rotation function next to the
// database. The master password is a secrets.Password, so the instance and the secret get
// the same value without either waiting for the other; the secret's connection fields come
// from the instance (secrets.TargetOfInstance).
//
// Deploy it with `pulumi config set vpcId vpc-...`, `pulumi config set --path
// 'subnetIds[0]' subnet-...` (two subnets in two zones) and `pulumi up`; `go test` runs it
// offline.
package main

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/rds"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/secretsmith/secretsmith/rotation"
	"github.com/secretsmith/secretsmith/secrets"
	"github.com/secretsmith/secretsmith/synth"
)

// offline is the config of the offline plan (`go run . synth`) and its test: placeholders
// for what `pulumi config` sets.
var offline = map[string]string{"project:vpcId": "vpc-1", "project:subnetIds": `["subnet-1","subnet-2"]`}

func main() { synth.Main(program, offline) }

func program(ctx *pulumi.Context) error {
	cfg := config.New(ctx, "")
	vpc := cfg.Require("vpcId")
	var subnets []string
	cfg.RequireObject("subnetIds", &subnets)

	// The database's security group; the rotation adds the ingress from its function.
	dbGroup, err := ec2.NewSecurityGroup(ctx, "db", &ec2.SecurityGroupArgs{
		VpcId: pulumi.String(vpc), Description: pulumi.String("the database: MySQL from the rotation function"),
	})
	if err != nil {
		return err
	}
	subnetGroup, err := rds.NewSubnetGroup(ctx, "db", &rds.SubnetGroupArgs{SubnetIds: pulumi.ToStringArray(subnets)})
	if err != nil {
		return err
	}
	// The master password, generated as a secret's would be; characters MySQL and the
	// rotation function take without quoting.
	master, err := secrets.NewPassword(ctx, "db-master", &secrets.SecretStringGenerator{PasswordLength: 32, ExcludeCharacters: `/@"' \`})
	if err != nil {
		return err
	}
	db, err := rds.NewInstance(ctx, "db", &rds.InstanceArgs{
		Engine: pulumi.String("mysql"), EngineVersion: pulumi.String("8.0"), InstanceClass: pulumi.String("db.t3.micro"),
		AllocatedStorage: pulumi.Int(20), Username: pulumi.String("admin"), Password: master.Value,
		DbSubnetGroupName: subnetGroup.Name, VpcSecurityGroupIds: pulumi.StringArray{dbGroup.ID()},
		StorageEncrypted: pulumi.Bool(true), SkipFinalSnapshot: pulumi.Bool(true),
	})
	if err != nil {
		return err
	}
	credentials, err := secrets.NewSecret(ctx, "db-credentials", &secrets.SecretArgs{
		Description:           pulumi.String("master credentials of the db instance"),
		SecretObjectValue:     pulumi.StringMap{"username": pulumi.String("admin"), "password": master.Value},
		Target:                secrets.TargetOfInstance(db),
		DenyAccountRootDelete: true,
	})
	if err != nil {
		return err
	}
	if _, err := rotation.NewSecretRotation(ctx, "db-rotation", &rotation.SecretRotationArgs{
		Application: rotation.MySQLRotationSingleUser,
		Secret:      credentials,
		VPC:         &rotation.VPC{ID: pulumi.String(vpc), SubnetIDs: pulumi.ToStringArray(subnets)},
		Database:    &rotation.Database{SecurityGroupID: dbGroup.ID(), Port: 3306},
	}); err != nil {
		return err
	}
	ctx.Export("dbSecretArn", credentials.ARN)
	ctx.Export("dbAddress", db.Address)
	return nil
}
