package provider

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// getCallerIdentity is aws:index/getCallerIdentity:getCallerIdentity (STS).
var getCallerIdentity = &Invoke{Call: func(ctx context.Context, c *Clients, _ Props) (Props, error) {
	out, err := c.STS().GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return nil, err
	}
	return Props{"id": aws.ToString(out.Account), "accountId": aws.ToString(out.Account),
		"arn": aws.ToString(out.Arn), "userId": aws.ToString(out.UserId)}, nil
}}

// getRegion is aws:index/getRegion:getRegion: the provider's region.
var getRegion = &Invoke{Call: func(_ context.Context, c *Clients, args Props) (Props, error) {
	if c.Region == "" {
		return nil, fmt.Errorf("missing region: set aws:region")
	}
	return Props{"id": c.Region, "name": c.Region, "region": c.Region,
		"description": c.Region, "endpoint": "secretsmanager." + c.Region + ".amazonaws.com"}, nil
}}

// getPartition is aws:index/getPartition:getPartition: the emulator is the aws partition.
var getPartition = &Invoke{Call: func(context.Context, *Clients, Props) (Props, error) {
	return Props{"id": "aws", "partition": "aws", "dnsSuffix": "amazonaws.com", "reverseDnsPrefix": "com.amazonaws"}, nil
}}

// getRegions is aws:index/getRegions:getRegions (EC2 DescribeRegions): the regions of the
// partition, opt-in ones too with allRegions.
var getRegions = &Invoke{Call: func(ctx context.Context, c *Clients, args Props) (Props, error) {
	out, err := c.EC2().DescribeRegions(ctx, &ec2.DescribeRegionsInput{AllRegions: aws.Bool(args.Bool("allRegions", false))})
	if err != nil {
		return nil, err
	}
	names := []string{}
	for _, r := range out.Regions {
		names = append(names, aws.ToString(r.RegionName))
	}
	return Props{"id": "aws", "names": names}, nil
}}
