package e2e

import (
	"context"
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	ec2types "github.com/aws/aws-sdk-go-v2/service/ec2/types"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	awsec2 "github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/rotation"
	"github.com/secretsmith/secretsmith/secrets"
)

// A secret whose value only AWS holds (GenerateInAWS): the program deploys the secret and
// secretsmith's Go function with a GoGenerate schedule; Secrets Manager's first rotation,
// which the SecretRotation starts during the up, runs the deployed function (its arm64
// bootstrap, with the environment the program gave it) and writes the value. Then the
// exported state holds neither the value nor a seed, a second `up` and a refresh change
// nothing, and destroy leaves nothing behind.
func TestGenerateInAWS(t *testing.T) {
	before := inventory(t)
	const name = "e2e/generated-in-aws"
	st := inlineStack(t, func(ctx *pulumi.Context) error {
		s, err := secrets.NewSecret(ctx, "api", &secrets.SecretArgs{
			SecretName: pulumi.String(name), RecoveryWindowInDays: pulumi.IntRef(0), DenyAccountRootDelete: true,
			GenerateInAWS: true,
			GenerateSecretString: &secrets.SecretStringGenerator{
				SecretStringTemplate: `{"client":"app"}`, GenerateStringKey: "token", PasswordLength: 40, ExcludePunctuation: true,
			},
		})
		if err != nil {
			return err
		}
		sch, err := rotation.NewRotationSchedule(ctx, "api-rotation", &rotation.RotationScheduleArgs{Secret: s, GoRotation: rotation.GoGenerate(nil)})
		if err != nil {
			return err
		}
		ctx.Export("function", sch.Function.Name)
		return nil
	}, nil)
	outs := st.up().Outputs
	fnName, _ := outs["function"].Value.(string)
	ctx := context.Background()

	d, err := sm(region).DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: aws.String(name)})
	if err != nil {
		t.Fatal(err)
	}
	fnARN := "arn:aws:lambda:us-east-1:123456789012:function:" + fnName
	if !aws.ToBool(d.RotationEnabled) || aws.ToString(d.RotationLambdaARN) != fnARN {
		t.Fatalf("after up: rotation enabled %v with %s; want rotation by %s", aws.ToBool(d.RotationEnabled), aws.ToString(d.RotationLambdaARN), fnARN)
	}
	if rot := st.rotationsOf(name); len(rot) != 1 || rot[0].Status != "succeeded" || rot[0].Function != fnARN {
		t.Fatalf("rotations of %s: %+v; want one by %s that succeeded", name, rot, fnARN)
	}
	value := valueAt(t, name, "AWSCURRENT")
	var v struct{ Client, Token string }
	if err := json.Unmarshal([]byte(value), &v); err != nil || v.Client != "app" || len(v.Token) != 40 || strings.ContainsAny(v.Token, "!#$%&*+-./:;<=>?@^_~") {
		t.Fatalf("the first value is not the template with a 40-character token without punctuation")
	}
	st.secrets = append(st.secrets, value, v.Token)

	for _, res := range st.resources() {
		if _, ok := valueProperties[res.Type]; ok {
			t.Errorf("the state holds %s, which carries a value or a seed", res.URN)
		}
	}
	st.assertStable()
	st.destroy()
	assertLeftBehind(t, before)
}

// secretsmith's Go function for a PostgreSQL user alternating with its clone, in a VPC:
// the engine deploys the function with its subnets and new security group, its role with
// AWS's execution policies, the rotation policy and read access to the master secret, and
// the ingress into the database's group; then it plans nothing, refreshes to nothing, and
// leaves nothing behind.
func TestGoRotationInVPC(t *testing.T) {
	before := inventory(t)
	vpcID, subnet := network(t)
	st := inlineStack(t, func(ctx *pulumi.Context) error {
		dbGroup, err := awsec2.NewSecurityGroup(ctx, "db", &awsec2.SecurityGroupArgs{VpcId: pulumi.String(vpcID), Description: pulumi.String("database")})
		if err != nil {
			return err
		}
		master, err := secrets.NewSecret(ctx, "master", &secrets.SecretArgs{
			SecretName: pulumi.String("e2e/go-rotation/master"), RecoveryWindowInDays: pulumi.IntRef(0), DenyAccountRootDelete: true,
			GenerateSecretString: &secrets.SecretStringGenerator{SecretStringTemplate: `{"engine":"postgres","host":"db.internal","username":"admin"}`, GenerateStringKey: "password"},
		})
		if err != nil {
			return err
		}
		app, err := secrets.NewSecret(ctx, "app", &secrets.SecretArgs{
			SecretName: pulumi.String("e2e/go-rotation/app"), RecoveryWindowInDays: pulumi.IntRef(0), DenyAccountRootDelete: true,
			GenerateSecretString: &secrets.SecretStringGenerator{SecretStringTemplate: `{"username":"app"}`, GenerateStringKey: "password"},
			Target: &secrets.TargetAttachment{Engine: pulumi.String("postgres"), Host: pulumi.String("db.internal"), Port: pulumi.Int(5432),
				MasterSecretARN: master.ARN},
		})
		if err != nil {
			return err
		}
		sch, err := rotation.NewRotationSchedule(ctx, "app-rotation", &rotation.RotationScheduleArgs{
			Secret: app,
			GoRotation: rotation.GoPostgreSQLAlternatingUsers(master, &rotation.GoRotationOptions{
				VPC: &rotation.VPC{ID: pulumi.String(vpcID), SubnetIDs: pulumi.ToStringArray([]string{subnet})},
			}),
		})
		if err != nil {
			return err
		}
		if _, err := sch.AllowInto(ctx, "db-in", &rotation.Database{SecurityGroupID: dbGroup.ID(), Port: 5432}); err != nil {
			return err
		}
		ctx.Export("function", sch.Function.Name)
		ctx.Export("role", sch.Role.Name)
		ctx.Export("functionGroup", sch.SecurityGroupIDs.Index(pulumi.Int(0)))
		ctx.Export("dbGroup", dbGroup.ID())
		ctx.Export("masterArn", master.ARN)
		return nil
	}, nil)
	st.failingRotations = true // there is no database at db.internal
	outs := st.up().Outputs
	str := func(k string) string { s, _ := outs[k].Value.(string); return s }
	st.addSecretsFrom("e2e/go-rotation/master", "e2e/go-rotation/app")
	ctx := context.Background()

	// The first rotation finds the master secret by masterarn and makes the clone's
	// credentials, then fails where the database should answer: rotator/run proves the rest
	// against real servers.
	rot := st.rotationsOf("e2e/go-rotation/app")
	if len(rot) != 1 || rot[0].Status != "failed" || rot[0].FailedStep != "setSecret" || !strings.Contains(rot[0].Error, "db.internal") {
		t.Fatalf("rotations of the app secret: %+v; want one that failed at setSecret, reaching for db.internal", rot)
	}
	if field(t, valueAt(t, "e2e/go-rotation/app", "AWSPENDING"), "username") != "app_clone" {
		t.Error("the pending value is not the clone's")
	}
	cfg, err := clientsIn(region).Lambda().GetFunctionConfiguration(ctx, &lambda.GetFunctionConfigurationInput{FunctionName: aws.String(str("function"))})
	if err != nil {
		t.Fatal(err)
	}
	if v := cfg.VpcConfig; v == nil || strings.Join(v.SubnetIds, ",") != subnet || strings.Join(v.SecurityGroupIds, ",") != str("functionGroup") {
		t.Errorf("the function's VPC config is %+v, want subnet %s and group %s", cfg.VpcConfig, subnet, str("functionGroup"))
	}
	if cfg.Environment == nil || cfg.Environment.Variables["SECRETSMITH_STRATEGY"] != "postgres-alternating-users" || len(cfg.Architectures) != 1 || cfg.Architectures[0] != "arm64" {
		t.Errorf("the function is not the alternating-users rotation on arm64: %+v %v", cfg.Environment, cfg.Architectures)
	}

	i := clientsIn(region).IAM()
	attached, err := i.ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String(str("role"))})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range attached.AttachedPolicies {
		names = append(names, aws.ToString(p.PolicyName))
	}
	slices.Sort(names)
	if strings.Join(names, ",") != "AWSLambdaBasicExecutionRole,AWSLambdaVPCAccessExecutionRole" {
		t.Errorf("the role's managed policies are %v", names)
	}
	inline, err := i.ListRolePolicies(ctx, &iam.ListRolePoliciesInput{RoleName: aws.String(str("role"))})
	if err != nil || len(inline.PolicyNames) != 2 {
		t.Fatalf("the role has inline policies %v (%v), want the rotation policy and the master read", inline, err)
	}
	var readsMaster bool
	for _, n := range inline.PolicyNames {
		rp, err := i.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String(str("role")), PolicyName: aws.String(n)})
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := url.QueryUnescape(aws.ToString(rp.PolicyDocument))
		readsMaster = readsMaster || (strings.Contains(doc, str("masterArn")) && strings.Contains(doc, "secretsmanager:GetSecretValue"))
	}
	if !readsMaster {
		t.Error("the role may not read the master secret")
	}

	rules, err := clientsIn(region).EC2().DescribeSecurityGroupRules(ctx, &ec2.DescribeSecurityGroupRulesInput{
		Filters: []ec2types.Filter{{Name: aws.String("group-id"), Values: []string{str("dbGroup")}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	var in bool
	for _, r := range rules.SecurityGroupRules {
		if !aws.ToBool(r.IsEgress) && r.ReferencedGroupInfo != nil && aws.ToString(r.ReferencedGroupInfo.GroupId) == str("functionGroup") && aws.ToInt32(r.FromPort) == 5432 {
			in = true
		}
	}
	if !in {
		t.Error("the function's group is not let into the database's on 5432")
	}

	st.assertStable()
	st.destroy()
	assertLeftBehind(t, before)
}
