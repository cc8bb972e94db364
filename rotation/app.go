package rotation

import (
	"crypto/sha256"
	"fmt"
	"regexp"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/serverlessrepository"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/secrets"
)

// appParams are what a rotation application is deployed with.
type appParams struct {
	functionName      string
	excludeCharacters string
	subnetIDs         pulumi.StringArrayInput // nil outside a VPC
	securityGroupIDs  pulumi.StringArrayOutput
	vpcEndpointID     pulumi.StringInput // nil for the public endpoint
	secret            secrets.Reference
	master            secrets.Reference // nil for single-user applications
}

// deployApp deploys app as the CloudFormation stack "<name>-app" under parent and returns
// the ARN of the rotation function it creates. The application id and version are those of
// the provider's partition (aws.GetPartition through parent's provider); a partition without
// a published application fails the program with CDK's "unsupported partition" error.
func deployApp(ctx *pulumi.Context, name string, app Application, p appParams, parent pulumi.Resource) (pulumi.StringOutput, error) {
	part := aws.GetPartitionOutput(ctx, aws.GetPartitionOutputArgs{}, pulumi.Parent(parent))
	region := aws.GetRegionOutput(ctx, aws.GetRegionOutputArgs{}, pulumi.Parent(parent)).Name()
	endpoint := pulumi.Sprintf("https://secretsmanager.%s.%s", region, part.DnsSuffix())
	if p.vpcEndpointID != nil {
		endpoint = pulumi.Sprintf("https://%s.secretsmanager.%s.%s", p.vpcEndpointID, region, part.DnsSuffix())
	}
	params := pulumi.StringMap{
		"endpoint":          endpoint,
		"functionName":      pulumi.String(p.functionName),
		"excludeCharacters": pulumi.String(p.excludeCharacters),
	}
	if p.subnetIDs != nil {
		params["vpcSubnetIds"] = joined(p.subnetIDs)
		params["vpcSecurityGroupIds"] = joined(p.securityGroupIDs)
	}
	if k := p.secret.EncryptionKeyARN(); k != nil {
		params["kmsKeyArn"] = k
	}
	if p.master != nil {
		params["masterSecretArn"] = p.master.ARNForPolicies()
		if k := p.master.EncryptionKeyARN(); k != nil {
			params["masterSecretKmsKeyArn"] = k
		}
	}
	stack, err := serverlessrepository.NewCloudFormationStack(ctx, name+"-app", &serverlessrepository.CloudFormationStackArgs{
		ApplicationId: part.Partition().ApplyT(func(partition string) (string, error) {
			arn, err := app.ApplicationARN(partition)
			if err != nil {
				return "", fmt.Errorf("rotation: %s: %w", name, err)
			}
			return arn, nil
		}).(pulumi.StringOutput),
		SemanticVersion: part.Partition().ApplyT(func(partition string) string {
			v, _ := app.Version(partition)
			return v
		}).(pulumi.StringOutput).ToStringPtrOutput(),
		Capabilities: pulumi.ToStringArray([]string{"CAPABILITY_IAM", "CAPABILITY_RESOURCE_POLICY"}),
		Parameters:   params,
		Name:         appStackName(name),
	}, pulumi.Parent(parent))
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	return stack.Outputs.MapIndex(pulumi.String("RotationLambdaARN")), nil
}

// A CloudFormation stack's name: a letter, then letters, digits and hyphens, 128 at most;
// the Serverless Application Repository puts "serverlessrepo-" before it.
var stackNameRE = regexp.MustCompile(`^[A-Za-z][-A-Za-z0-9]*$`)

// appStackName names the application's stack when Pulumi's autoname of "<name>-app" would
// not be a valid stack name (db_rotation, a.b.rotation, a long name): the name's letters,
// digits and hyphens and a hash of the name, stable across runs. Otherwise it is nil and
// Pulumi names the stack, as it always has.
func appStackName(name string) pulumi.StringPtrInput {
	const autonamed = len("serverlessrepo-") + len("-app") + len("-1234567")
	if stackNameRE.MatchString(name) && len(name)+autonamed <= 128 {
		return nil
	}
	clean := strings.Trim(regexp.MustCompile(`[^A-Za-z0-9-]+`).ReplaceAllString(name, "-"), "-")
	if clean == "" || !stackNameRE.MatchString(clean[:1]) {
		clean = "rotation-" + clean
	}
	if len(clean) > 90 {
		clean = clean[:90]
	}
	sum := sha256.Sum256([]byte(name))
	return pulumi.String(fmt.Sprintf("%s-app-%x", strings.TrimRight(clean, "-"), sum[:4]))
}

func joined(ids pulumi.StringArrayInput) pulumi.StringOutput {
	return ids.ToStringArrayOutput().ApplyT(func(v []string) string { return strings.Join(v, ",") }).(pulumi.StringOutput)
}

// securityGroups returns the function's security groups: the given ones, or a new group
// "<name>-sg" in the VPC that may reach anything (as CDK's default group).
func securityGroups(ctx *pulumi.Context, name string, vpcID pulumi.StringInput, given pulumi.StringArrayInput,
	parent pulumi.Resource,
) (pulumi.StringArrayOutput, error) {
	if given != nil {
		return given.ToStringArrayOutput(), nil
	}
	sg, err := ec2.NewSecurityGroup(ctx, name+"-sg", &ec2.SecurityGroupArgs{
		VpcId:       vpcID.ToStringOutput().ToStringPtrOutput(),
		Description: pulumi.String("rotation function of " + name),
		Egress: ec2.SecurityGroupEgressArray{ec2.SecurityGroupEgressArgs{
			Protocol: pulumi.String("-1"), FromPort: pulumi.Int(0), ToPort: pulumi.Int(0),
			CidrBlocks: pulumi.ToStringArray([]string{"0.0.0.0/0"}), Description: pulumi.String("Allow all outbound traffic by default"),
		}},
	}, pulumi.Parent(parent))
	if err != nil {
		return pulumi.StringArrayOutput{}, err
	}
	return pulumi.StringArray{sg.ID().ToStringOutput()}.ToStringArrayOutput(), nil
}

// functionName derives a Lambda function name from the component name, prefixed with the
// project and stack so that stacks sharing an account and region do not collide: its
// letters, digits, hyphens and underscores, the last 64 of them (CDK keeps the end of its
// unique id too).
func functionName(ctx *pulumi.Context, name string) string {
	return lambdaName(ctx.Project() + "-" + ctx.Stack() + "-" + name)
}

// lambdaName keeps the letters, digits, hyphens and underscores of s, the last 64 of them.
func lambdaName(s string) string {
	kept := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return -1
	}, s)
	if len(kept) > 64 {
		kept = kept[len(kept)-64:]
	}
	return kept
}
