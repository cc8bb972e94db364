package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	rdstypes "github.com/aws/aws-sdk-go-v2/service/rds/types"
)

func rdsNotFound(err error) bool {
	var instance *rdstypes.DBInstanceNotFoundFault
	var group *rdstypes.DBSubnetGroupNotFoundFault
	return errors.As(err, &instance) || errors.As(err, &group)
}

// subnetGroup is aws:rds/subnetGroup:SubnetGroup (upstream resourceSubnetGroup*): its ID is
// its name, which RDS keeps in lower case; the subnets change in place.
var subnetGroup = &Type{
	ForceNew: []string{"name", "namePrefix"},
	AutoName: "name",
	Defaults: map[string]any{"description": "Managed by Pulumi"},
	Computed: []string{"arn", "vpcId", "supportedNetworkTypes", "tagsAll", "namePrefix"},
	Sets:     []string{"subnetIds"},
	Create: func(ctx context.Context, c *Clients, in Props) (string, Props, error) {
		if _, err := c.RDS().CreateDBSubnetGroup(ctx, &rds.CreateDBSubnetGroupInput{
			DBSubnetGroupName: aws.String(in.Str("name")), DBSubnetGroupDescription: aws.String(in.Str("description")),
			SubnetIds: in.Strings("subnetIds"),
		}); err != nil {
			return "", nil, fmt.Errorf("creating RDS DB Subnet Group (%s): %w", in.Str("name"), err)
		}
		return in.Str("name"), nil, nil
	},
	Read: func(ctx context.Context, c *Clients, id string, state Props) (Props, error) {
		out, err := c.RDS().DescribeDBSubnetGroups(ctx, &rds.DescribeDBSubnetGroupsInput{DBSubnetGroupName: aws.String(id)})
		if rdsNotFound(err) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		g := out.DBSubnetGroups[0]
		var subnets []any
		for _, s := range g.Subnets {
			subnets = append(subnets, aws.ToString(s.SubnetIdentifier))
		}
		p := state.copy()
		p["arn"], p["vpcId"], p["subnetIds"] = aws.ToString(g.DBSubnetGroupArn), aws.ToString(g.VpcId), subnets
		return p, nil
	},
	Update: func(ctx context.Context, c *Clients, id string, _, news Props) error {
		_, err := c.RDS().ModifyDBSubnetGroup(ctx, &rds.ModifyDBSubnetGroupInput{DBSubnetGroupName: aws.String(id), SubnetIds: news.Strings("subnetIds")})
		return err
	},
	Delete: func(ctx context.Context, c *Clients, id string, _ Props) error {
		_, err := c.RDS().DeleteDBSubnetGroup(ctx, &rds.DeleteDBSubnetGroupInput{DBSubnetGroupName: aws.String(id)})
		if err != nil && !rdsNotFound(err) {
			return fmt.Errorf("deleting RDS DB Subnet Group (%s): %w", id, err)
		}
		return nil
	},
}

// instance is aws:rds/instance:Instance (upstream resourceInstance*), for the inputs the
// examples use: its ID is its identifier; a new password is a ModifyDBInstance, which RDS
// never reads back (upstream keeps the configured one).
var instance = &Type{
	ForceNew: []string{"identifier", "identifierPrefix", "engine", "username", "dbName", "dbSubnetGroupName", "storageEncrypted"},
	AutoName: "identifier",
	Defaults: map[string]any{"skipFinalSnapshot": false, "storageEncrypted": false},
	Computed: []string{"address", "endpoint", "port", "arn", "resourceId", "status", "hostedZoneId", "engineVersionActual", "tagsAll", "identifierPrefix"},
	Sets:     []string{"vpcSecurityGroupIds"},
	Secrets:  []string{"password"},
	Create: func(ctx context.Context, c *Clients, in Props) (string, Props, error) {
		storage, _ := in.Int("allocatedStorage")
		if _, err := c.RDS().CreateDBInstance(ctx, &rds.CreateDBInstanceInput{
			DBInstanceIdentifier: aws.String(in.Str("identifier")), Engine: aws.String(in.Str("engine")),
			EngineVersion: strPtr(in, "engineVersion"), DBInstanceClass: aws.String(in.Str("instanceClass")),
			AllocatedStorage: aws.Int32(int32(storage)), MasterUsername: strPtr(in, "username"), MasterUserPassword: strPtr(in, "password"),
			DBSubnetGroupName: strPtr(in, "dbSubnetGroupName"), VpcSecurityGroupIds: in.Strings("vpcSecurityGroupIds"),
			StorageEncrypted: aws.Bool(in.Bool("storageEncrypted", false)), DBName: strPtr(in, "dbName"),
		}); err != nil {
			return "", nil, fmt.Errorf("creating RDS DB Instance (%s): %w", in.Str("identifier"), err)
		}
		return in.Str("identifier"), nil, nil
	},
	Read: func(ctx context.Context, c *Clients, id string, state Props) (Props, error) {
		out, err := c.RDS().DescribeDBInstances(ctx, &rds.DescribeDBInstancesInput{DBInstanceIdentifier: aws.String(id)})
		if rdsNotFound(err) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		i := out.DBInstances[0]
		p := state.copy()
		p["identifier"], p["arn"], p["status"] = aws.ToString(i.DBInstanceIdentifier), aws.ToString(i.DBInstanceArn), aws.ToString(i.DBInstanceStatus)
		p["resourceId"], p["engineVersionActual"] = aws.ToString(i.DbiResourceId), aws.ToString(i.EngineVersion)
		if e := i.Endpoint; e != nil {
			p["address"], p["port"], p["hostedZoneId"] = aws.ToString(e.Address), float64(aws.ToInt32(e.Port)), aws.ToString(e.HostedZoneId)
			p["endpoint"] = fmt.Sprintf("%s:%d", aws.ToString(e.Address), aws.ToInt32(e.Port))
		}
		return p, nil
	},
	Update: func(ctx context.Context, c *Clients, id string, olds, news Props) error {
		req := &rds.ModifyDBInstanceInput{DBInstanceIdentifier: aws.String(id), ApplyImmediately: aws.Bool(true),
			DBInstanceClass: strPtr(news, "instanceClass"), VpcSecurityGroupIds: news.Strings("vpcSecurityGroupIds")}
		if olds.Str("password") != news.Str("password") {
			req.MasterUserPassword = strPtr(news, "password")
		}
		_, err := c.RDS().ModifyDBInstance(ctx, req)
		return err
	},
	Delete: func(ctx context.Context, c *Clients, id string, state Props) error {
		_, err := c.RDS().DeleteDBInstance(ctx, &rds.DeleteDBInstanceInput{
			DBInstanceIdentifier: aws.String(id), SkipFinalSnapshot: aws.Bool(true), DeleteAutomatedBackups: aws.Bool(true),
		})
		if err != nil && !rdsNotFound(err) {
			return fmt.Errorf("deleting RDS DB Instance (%s): %w", id, err)
		}
		return nil
	},
}
