package rotation

import (
	"errors"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/vpc"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/problems"
)

// ingress lets the rotation function's security group from into the database's group on
// its port: the rule "<name>", described as from the component what.
func ingress(ctx *pulumi.Context, name, what string, db *Database, from pulumi.StringOutput, parent pulumi.Resource) (*vpc.SecurityGroupIngressRule, error) {
	return vpc.NewSecurityGroupIngressRule(ctx, name, &vpc.SecurityGroupIngressRuleArgs{
		SecurityGroupId:           db.SecurityGroupID,
		ReferencedSecurityGroupId: from.ToStringPtrOutput(),
		IpProtocol:                pulumi.String("tcp"),
		FromPort:                  pulumi.Int(db.Port),
		ToPort:                    pulumi.Int(db.Port),
		Description:               pulumi.String(fmt.Sprintf("from %s:%d", what, db.Port)),
	}, pulumi.Parent(parent))
}

// AllowInto lets a hosted or Go rotation function in a VPC into the database (CDK's
// HostedRotation connections): one ingress rule "<name>-<i>" from each of the function's
// security groups into db.SecurityGroupID on db.Port, parented to the schedule. The
// function's groups must be countable now: the one the schedule creates, or the options'
// SecurityGroupIDs given as a pulumi.StringArray.
func (r *RotationSchedule) AllowInto(ctx *pulumi.Context, name string, db *Database) ([]*vpc.SecurityGroupIngressRule, error) {
	var found []error
	switch {
	case db == nil || db.SecurityGroupID == nil:
		found = append(found, errors.New("AllowInto needs the Database: its SecurityGroupID and Port"))
	case db.Port < 1 || db.Port > 65535:
		found = append(found, fmt.Errorf("AllowInto: Database.Port must be from 1 to 65535, got %d", db.Port))
	}
	if r.groups < 0 {
		found = append(found, errors.New("AllowInto: the function's security groups are not known until deployment (SecurityGroupIDs from an output): "+
			"give them as a pulumi.StringArray, or add the ingress rules yourself from SecurityGroupIDs"))
	} else if r.groups == 0 {
		found = append(found, errors.New("AllowInto: the rotation function is not in a VPC: give its options' VPC"))
	}
	if err := problems.Join("rotation: "+name, found); err != nil {
		return nil, err
	}
	out := make([]*vpc.SecurityGroupIngressRule, r.groups)
	for i := range out {
		rule, err := ingress(ctx, fmt.Sprintf("%s-%d", name, i), name, db, r.SecurityGroupIDs.Index(pulumi.Int(i)), r)
		if err != nil {
			return nil, err
		}
		out[i] = rule
	}
	return out, nil
}
