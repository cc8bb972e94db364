package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/smithy-go"
)

func ec2NotFound(err error) bool {
	var ae smithy.APIError
	return errors.As(err, &ae) && (ae.ErrorCode() == "InvalidGroup.NotFound" || ae.ErrorCode() == "InvalidGroupId.NotFound")
}

func permissions(rules []Props) []ec2types.IpPermission {
	var out []ec2types.IpPermission
	for _, r := range rules {
		p := ec2types.IpPermission{IpProtocol: aws.String(r.Str("protocol"))}
		if v, ok := r.Int("fromPort"); ok {
			p.FromPort = aws.Int32(int32(v))
		}
		if v, ok := r.Int("toPort"); ok {
			p.ToPort = aws.Int32(int32(v))
		}
		for _, cidr := range r.Strings("cidrBlocks") {
			p.IpRanges = append(p.IpRanges, ec2types.IpRange{CidrIp: aws.String(cidr), Description: strPtr(r, "description")})
		}
		for _, g := range r.Strings("securityGroups") {
			p.UserIdGroupPairs = append(p.UserIdGroupPairs, ec2types.UserIdGroupPair{GroupId: aws.String(g), Description: strPtr(r, "description")})
		}
		out = append(out, p)
	}
	return out
}

func rules(perms []ec2types.IpPermission) []Props {
	out := []Props{}
	for _, p := range perms {
		r := Props{"protocol": aws.ToString(p.IpProtocol), "fromPort": float64(aws.ToInt32(p.FromPort)), "toPort": float64(aws.ToInt32(p.ToPort)),
			"cidrBlocks": []string{}, "securityGroups": []string{}, "ipv6CidrBlocks": []string{}, "prefixListIds": []string{}, "self": false, "description": ""}
		var cidrs, groups []string
		for _, ip := range p.IpRanges {
			cidrs = append(cidrs, aws.ToString(ip.CidrIp))
			r["description"] = aws.ToString(ip.Description)
		}
		for _, g := range p.UserIdGroupPairs {
			groups = append(groups, aws.ToString(g.GroupId))
			r["description"] = aws.ToString(g.Description)
		}
		if cidrs != nil {
			r["cidrBlocks"] = cidrs
		}
		if groups != nil {
			r["securityGroups"] = groups
		}
		out = append(out, r)
	}
	return out
}

// setRules replaces the group's rules of one direction with the configured ones.
func setRules(ctx context.Context, c *Clients, id string, current []ec2types.IpPermission, want []Props, egress bool) error {
	e := c.EC2()
	if len(current) > 0 {
		var err error
		if egress {
			_, err = e.RevokeSecurityGroupEgress(ctx, &ec2.RevokeSecurityGroupEgressInput{GroupId: aws.String(id), IpPermissions: current})
		} else {
			_, err = e.RevokeSecurityGroupIngress(ctx, &ec2.RevokeSecurityGroupIngressInput{GroupId: aws.String(id), IpPermissions: current})
		}
		if err != nil {
			return err
		}
	}
	if len(want) == 0 {
		return nil
	}
	var err error
	if egress {
		_, err = e.AuthorizeSecurityGroupEgress(ctx, &ec2.AuthorizeSecurityGroupEgressInput{GroupId: aws.String(id), IpPermissions: permissions(want)})
	} else {
		_, err = e.AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{GroupId: aws.String(id), IpPermissions: permissions(want)})
	}
	return err
}

func describeGroup(ctx context.Context, c *Clients, id string) (*ec2types.SecurityGroup, error) {
	out, err := c.EC2().DescribeSecurityGroups(ctx, &ec2.DescribeSecurityGroupsInput{GroupIds: []string{id}})
	if ec2NotFound(err) || (err == nil && len(out.SecurityGroups) == 0) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &out.SecurityGroups[0], nil
}

// securityGroup is aws:ec2/securityGroup:SecurityGroup (upstream resourceSecurityGroup*):
// in a VPC, Create revokes AWS's default egress rule and applies the configured rules.
var securityGroup = &Type{
	ForceNew: []string{"name", "namePrefix", "description", "vpcId"},
	AutoName: "name",
	Defaults: map[string]any{"description": "Managed by Pulumi", "revokeRulesOnDelete": false},
	Computed: []string{"arn", "ownerId", "ingress", "egress", "vpcId", "tagsAll", "namePrefix"},
	Sets:     []string{"ingress", "egress"},
	Create: func(ctx context.Context, c *Clients, in Props) (string, Props, error) {
		out, err := c.EC2().CreateSecurityGroup(ctx, &ec2.CreateSecurityGroupInput{
			GroupName: aws.String(in.Str("name")), Description: aws.String(in.Str("description")), VpcId: strPtr(in, "vpcId"),
		})
		if err != nil {
			return "", nil, fmt.Errorf("creating Security Group (%s): %w", in.Str("name"), err)
		}
		id := aws.ToString(out.GroupId)
		g, err := describeGroup(ctx, c, id)
		if err != nil || g == nil {
			return id, nil, err
		}
		if err := setRules(ctx, c, id, g.IpPermissionsEgress, in.Objs("egress"), true); err != nil {
			return id, nil, err
		}
		return id, nil, setRules(ctx, c, id, nil, in.Objs("ingress"), false)
	},
	Read: func(ctx context.Context, c *Clients, id string, state Props) (Props, error) {
		g, err := describeGroup(ctx, c, id)
		if g == nil || err != nil {
			return nil, err
		}
		return Props{
			"arn":  fmt.Sprintf("arn:aws:ec2:%s:%s:security-group/%s", c.Region, aws.ToString(g.OwnerId), id),
			"name": aws.ToString(g.GroupName), "namePrefix": state.Str("namePrefix"), "description": aws.ToString(g.Description),
			"vpcId": aws.ToString(g.VpcId), "ownerId": aws.ToString(g.OwnerId),
			"ingress": rules(g.IpPermissions), "egress": rules(g.IpPermissionsEgress),
			"revokeRulesOnDelete": state.Bool("revokeRulesOnDelete", false), "tags": state["tags"], "tagsAll": state["tags"],
		}, nil
	},
	Update: func(ctx context.Context, c *Clients, id string, _, news Props) error {
		g, err := describeGroup(ctx, c, id)
		if err != nil || g == nil {
			return err
		}
		if _, ok := news["egress"]; ok {
			if err := setRules(ctx, c, id, g.IpPermissionsEgress, news.Objs("egress"), true); err != nil {
				return err
			}
		}
		if _, ok := news["ingress"]; ok {
			return setRules(ctx, c, id, g.IpPermissions, news.Objs("ingress"), false)
		}
		return nil
	},
	Delete: func(ctx context.Context, c *Clients, id string, _ Props) error {
		_, err := c.EC2().DeleteSecurityGroup(ctx, &ec2.DeleteSecurityGroupInput{GroupId: aws.String(id)})
		if err != nil && !ec2NotFound(err) {
			return fmt.Errorf("deleting Security Group (%s): %w", id, err)
		}
		return nil
	},
}

// getAvailabilityZones is aws:index/getAvailabilityZones:getAvailabilityZones.
var getAvailabilityZones = &Invoke{Call: func(ctx context.Context, c *Clients, _ Props) (Props, error) {
	out, err := c.EC2().DescribeAvailabilityZones(ctx, &ec2.DescribeAvailabilityZonesInput{})
	if err != nil {
		return nil, err
	}
	var names, ids []string
	for _, z := range out.AvailabilityZones {
		names, ids = append(names, aws.ToString(z.ZoneName)), append(ids, aws.ToString(z.ZoneId))
	}
	return Props{"id": c.Region, "names": names, "zoneIds": ids, "groupNames": []string{c.Region}}, nil
}}

// ingressRule is aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule (upstream
// resourceSecurityGroupIngressRule*), from another group or a CIDR: its ID is the rule's ID;
// the description changes in place, anything else makes a new rule.
var ingressRule = &Type{
	ForceNew: []string{"securityGroupId", "referencedSecurityGroupId", "cidrIpv4", "ipProtocol", "fromPort", "toPort"},
	Computed: []string{"arn", "securityGroupRuleId", "tagsAll"},
	Create: func(ctx context.Context, c *Clients, in Props) (string, Props, error) {
		from, _ := in.Int("fromPort")
		to, _ := in.Int("toPort")
		perm := ec2types.IpPermission{IpProtocol: aws.String(in.Str("ipProtocol")), FromPort: aws.Int32(int32(from)), ToPort: aws.Int32(int32(to))}
		if g := in.Str("referencedSecurityGroupId"); g != "" {
			perm.UserIdGroupPairs = []ec2types.UserIdGroupPair{{GroupId: aws.String(g), Description: strPtr(in, "description")}}
		}
		if cidr := in.Str("cidrIpv4"); cidr != "" {
			perm.IpRanges = []ec2types.IpRange{{CidrIp: aws.String(cidr), Description: strPtr(in, "description")}}
		}
		out, err := c.EC2().AuthorizeSecurityGroupIngress(ctx, &ec2.AuthorizeSecurityGroupIngressInput{
			GroupId: aws.String(in.Str("securityGroupId")), IpPermissions: []ec2types.IpPermission{perm},
		})
		if err != nil {
			return "", nil, fmt.Errorf("authorizing Security Group (%s) Ingress Rule: %w", in.Str("securityGroupId"), err)
		}
		if len(out.SecurityGroupRules) != 1 {
			return "", nil, fmt.Errorf("authorizing Security Group (%s) Ingress Rule: got %d rules back", in.Str("securityGroupId"), len(out.SecurityGroupRules))
		}
		return aws.ToString(out.SecurityGroupRules[0].SecurityGroupRuleId), nil, nil
	},
	Read: func(ctx context.Context, c *Clients, id string, state Props) (Props, error) {
		out, err := c.EC2().DescribeSecurityGroupRules(ctx, &ec2.DescribeSecurityGroupRulesInput{SecurityGroupRuleIds: []string{id}})
		if ec2NotFound(err) || (err == nil && len(out.SecurityGroupRules) == 0) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		p := state.copy()
		p["securityGroupRuleId"] = id
		p["arn"] = fmt.Sprintf("arn:aws:ec2:%s:%s:security-group-rule/%s", c.Region, aws.ToString(out.SecurityGroupRules[0].GroupOwnerId), id)
		return p, nil
	},
	Update: func(context.Context, *Clients, string, Props, Props) error { return nil }, // the description: not emulated
	Delete: func(ctx context.Context, c *Clients, id string, state Props) error {
		_, err := c.EC2().RevokeSecurityGroupIngress(ctx, &ec2.RevokeSecurityGroupIngressInput{
			GroupId: aws.String(state.Str("securityGroupId")), SecurityGroupRuleIds: []string{id},
		})
		if err != nil && !ec2NotFound(err) {
			return fmt.Errorf("revoking Security Group Rule (%s): %w", id, err)
		}
		return nil
	},
}
