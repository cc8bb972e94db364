package rotation_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/pulumitest"
	"github.com/secretsmith/secretsmith/rotation"
	"github.com/secretsmith/secretsmith/secrets"
)

func vpc() *rotation.VPC {
	return &rotation.VPC{ID: pulumi.String("vpc-1"), SubnetIDs: pulumi.ToStringArray([]string{"subnet-1", "subnet-2"})}
}

func db() *rotation.Database {
	return &rotation.Database{SecurityGroupID: pulumi.String("sg-db"), Port: 3306}
}

// secretRotation runs NewSecretRotation named name for secret "s", with the master "master"
// for multi-user applications, and returns the master's ARN.
func secretRotation(t *testing.T, m *pulumitest.Mock, name string, fill func(args *rotation.SecretRotationArgs)) *pulumitest.Captured {
	t.Helper()
	var masterARN *pulumitest.Captured
	run(t, m, func(ctx *pulumi.Context) error {
		s, err := secrets.NewSecret(ctx, "s", &secrets.SecretArgs{DenyAccountRootDelete: true})
		if err != nil {
			return err
		}
		master, err := secrets.NewSecret(ctx, "master", nil)
		if err != nil {
			return err
		}
		masterARN = pulumitest.Capture(ctx, master.ARN)
		args := &rotation.SecretRotationArgs{Application: rotation.MySQLRotationSingleUser, Secret: s, VPC: vpc(), Database: db()}
		fill(args)
		if args.Application.MultiUser() {
			args.MasterSecret = master
		}
		_, err = rotation.NewSecretRotation(ctx, name, args)
		return err
	})
	return masterARN
}

// secret-rotation.test.ts 1: the security group, the ingress on the database's port, the
// application and the schedule with the application's function.
func TestSecretRotationSingleUser(t *testing.T) {
	t.Parallel()
	m := pulumitest.New()
	secretRotation(t, m, "rot", func(*rotation.SecretRotationArgs) {})
	sg := m.MustFind(t, "aws:ec2/securityGroup:SecurityGroup", "rot-sg")
	if sg.String("vpcId") != "vpc-1" {
		t.Errorf("security group in %q", sg.String("vpcId"))
	}
	in := m.MustFind(t, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "rot-ingress")
	from, _ := in.Input("fromPort")
	to, _ := in.Input("toPort")
	if in.String("securityGroupId") != "sg-db" || in.String("referencedSecurityGroupId") != "rot-sg-id" || in.String("ipProtocol") != "tcp" ||
		from.NumberValue() != 3306 || to.NumberValue() != 3306 || in.String("description") != "from rot:3306" {
		t.Errorf("ingress = %v", in.Inputs)
	}
	stack := m.MustFind(t, stackType, "rot-app")
	p := params(t, stack)
	if p["endpoint"] != "https://secretsmanager.us-east-1.amazonaws.com" || p["functionName"] != "project-stack-rot" || p["vpcSubnetIds"] != "subnet-1,subnet-2" ||
		p["vpcSecurityGroupIds"] != "rot-sg-id" || p["excludeCharacters"] != rotation.DefaultExcludeCharacters {
		t.Errorf("parameters = %v", p)
	}
	rot := m.MustFind(t, rotationType, "rot-schedule-rotation")
	if rot.String("rotationLambdaArn") != "arn:aws:lambda:us-east-1:123456789012:function:project-stack-rot" {
		t.Errorf("rotationLambdaArn = %q", rot.String("rotationLambdaArn"))
	}
	if got := rules(t, rot)["scheduleExpression"]; got != "rate(30 days)" {
		t.Errorf("schedule = %q", got)
	}
	schedule := m.MustFind(t, rotation.RotationScheduleType, "rot-schedule")
	if schedule.Parent != m.MustFind(t, rotation.SecretRotationType, "rot").URN {
		t.Error("the schedule is not a child of the SecretRotation")
	}
	if stack.RetainOnDelete {
		t.Error("the application is retained on delete; want it deleted (CDK DeletionPolicy Delete)")
	}
}

// secret-rotation.test.ts 2: the master secret of a multi-user application, with a warning
// for a master that does not deny root deletion.
func TestSecretRotationMultiUser(t *testing.T) {
	t.Parallel()
	m := pulumitest.New()
	masterARN := secretRotation(t, m, "rot", func(a *rotation.SecretRotationArgs) { a.Application = rotation.PostgresRotationMultiUser })
	if got := params(t, m.MustFind(t, stackType, "rot-app"))["masterSecretArn"]; got != masterARN.String() {
		t.Errorf("masterSecretArn = %q; want %q", got, masterARN.String())
	}
	if w := m.Warnings(); len(w) != 1 || !strings.Contains(w[0], "the MasterSecret is rotated") {
		t.Errorf("warnings = %q; want one about the master", w)
	}
}

// secret-rotation.test.ts 3, 4, 7 and 8: an empty exclude string, no immediate rotation, a
// 64-character function name, and a VPC endpoint.
func TestSecretRotationOptions(t *testing.T) {
	t.Parallel()
	m := pulumitest.New()
	empty, no := "", false
	long := strings.Repeat("SecretRotation", 5)
	secretRotation(t, m, long, func(a *rotation.SecretRotationArgs) {
		a.ExcludeCharacters, a.RotateImmediatelyOnUpdate = &empty, &no
		a.VPCEndpointID = pulumi.String("vpce-1")
		a.SecurityGroupID = pulumi.String("sg-rot")
		a.AutomaticallyAfter = 7 * 24 * time.Hour
	})
	p := params(t, m.MustFind(t, stackType, long+"-app"))
	if p["excludeCharacters"] != "" {
		t.Errorf("excludeCharacters = %q; want empty", p["excludeCharacters"])
	}
	if want := "RotationSecretRotationSecretRotationSecretRotationSecretRotation"; p["functionName"] != want || len(want) != 64 {
		t.Errorf("functionName = %q; want %q", p["functionName"], want)
	}
	if p["endpoint"] != "https://vpce-1.secretsmanager.us-east-1.amazonaws.com" || p["vpcSecurityGroupIds"] != "sg-rot" {
		t.Errorf("parameters = %v", p)
	}
	if _, ok := m.Find("aws:ec2/securityGroup:SecurityGroup", long+"-sg"); ok {
		t.Error("a security group was created although one was given")
	}
	rot := m.MustFind(t, rotationType, long+"-schedule-rotation")
	if v, _ := rot.Input("rotateImmediately"); !v.IsBool() || v.BoolValue() {
		t.Errorf("rotateImmediately = %v; want false", v)
	}
	if got := rules(t, rot)["scheduleExpression"]; got != "rate(7 days)" {
		t.Errorf("schedule = %q", got)
	}
}

// versions are app's versions in the three partitions.
func versions(app rotation.Application) map[string]string {
	out := map[string]string{}
	for _, p := range []string{"aws", "aws-cn", "aws-us-gov"} {
		if v, ok := app.Version(p); ok {
			out[p] = v
		}
	}
	return out
}

// An Application is a value: changing the map it was made from, or the one a variable was
// made from, changes no application.
func TestApplicationIsImmutable(t *testing.T) {
	t.Parallel()
	given := map[string]string{"aws": "1.0.0"}
	app := rotation.NewApplication("MyRotationMultiUser", given)
	given["aws"] = "9.9.9"
	if v, _ := app.Version("aws"); v != "1.0.0" || !app.MultiUser() || app.Name() != "MyRotationMultiUser" {
		t.Errorf("version %q, multi-user %v, name %q", v, app.MultiUser(), app.Name())
	}
	if _, ok := app.Version("aws-cn"); ok {
		t.Error("a partition without a version has one")
	}
}

// All 16 applications in all three partitions, with their pinned versions.
func TestApplicationsAndPartitions(t *testing.T) {
	t.Parallel()
	apps := []rotation.Application{
		rotation.MariaDBRotationSingleUser, rotation.MariaDBRotationMultiUser, rotation.MySQLRotationSingleUser, rotation.MySQLRotationMultiUser,
		rotation.OracleRotationSingleUser, rotation.OracleRotationMultiUser, rotation.PostgresRotationSingleUser, rotation.PostgresRotationMultiUser,
		rotation.SQLServerRotationSingleUser, rotation.SQLServerRotationMultiUser, rotation.RedshiftRotationSingleUser, rotation.RedshiftRotationMultiUser,
		rotation.MongoDBRotationSingleUser, rotation.MongoDBRotationMultiUser, rotation.DB2RotationSingleUser, rotation.DB2RotationMultiUser,
	}
	if len(apps) != 16 {
		t.Fatalf("%d applications; want 16", len(apps))
	}
	// Spot checks against aws-cdk-lib 2.276.0's table (sar-apps.md).
	if v := versions(rotation.MySQLRotationSingleUser); v["aws"] != "1.1.671" || v["aws-cn"] != "1.1.440" || v["aws-us-gov"] != "1.1.384" {
		t.Errorf("MySQL single-user versions = %v", v)
	}
	if v := versions(rotation.DB2RotationMultiUser); v["aws"] != "1.1.272" || v["aws-cn"] != "1.1.240" || v["aws-us-gov"] != "1.1.223" {
		t.Errorf("DB2 multi-user versions = %v", v)
	}
	for _, app := range apps {
		for _, partition := range []string{"aws", "aws-cn", "aws-us-gov"} {
			t.Run(app.Name()+"/"+partition, func(t *testing.T) {
				t.Parallel()
				if app.MultiUser() != strings.HasSuffix(app.Name(), "MultiUser") {
					t.Errorf("MultiUser = %v", app.MultiUser())
				}
				m := pulumitest.New()
				m.Partition = partition
				secretRotation(t, m, "rot", func(a *rotation.SecretRotationArgs) { a.Application = app })
				stack := m.MustFind(t, stackType, "rot-app")
				want, _ := app.ApplicationARN(partition)
				if stack.String("applicationId") != want || !strings.HasSuffix(want, "/"+app.Name()) {
					t.Errorf("applicationId = %q; want %q", stack.String("applicationId"), want)
				}
				if want, _ := app.Version(partition); stack.String("semanticVersion") != want {
					t.Errorf("semanticVersion = %q; want %q", stack.String("semanticVersion"), want)
				}
				if strings.HasSuffix(partition, "cn") && !strings.HasSuffix(params(t, stack)["endpoint"], ".amazonaws.com.cn") {
					t.Errorf("endpoint = %q; want the China DNS suffix", params(t, stack)["endpoint"])
				}
			})
		}
	}
	if _, err := rotation.MySQLRotationSingleUser.ApplicationARN("aws-iso"); err == nil || err.Error() != "unsupported partition: aws-iso" {
		t.Errorf("ApplicationARN(aws-iso) error = %v", err)
	}
}

// secret-rotation.test.ts 5 and 6 (CDK V19, V20) and the other required fields.
func TestSecretRotationErrors(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		fill func(a *rotation.SecretRotationArgs)
		want string
	}{
		"no port (V19)": {func(a *rotation.SecretRotationArgs) {
			a.Database = &rotation.Database{SecurityGroupID: pulumi.String("sg")}
		}, "rotation: rot: Database.Port must be from 1 to 65535, got 0"},
		"no target":              {func(a *rotation.SecretRotationArgs) { a.Database = nil }, "rotation: rot: Database is required: its SecurityGroupID and Port"},
		"no master (V20)":        {func(a *rotation.SecretRotationArgs) { a.Application = rotation.MySQLRotationMultiUser }, "rotation: rot: MasterSecret must be specified for an application using the multi user scheme"},
		"no VPC":                 {func(a *rotation.SecretRotationArgs) { a.VPC = nil }, "rotation: rot: VPC with ID and SubnetIDs is required"},
		"no application":         {func(a *rotation.SecretRotationArgs) { a.Application = rotation.Application{} }, "rotation: rot: Application is required"},
		"no secret":              {func(a *rotation.SecretRotationArgs) { a.Secret = nil }, "rotation: rot: Secret is required"},
		"a nil *Secret":          {func(a *rotation.SecretRotationArgs) { a.Secret = (*secrets.Secret)(nil) }, "rotation: rot: Secret is required"},
		"bad AutomaticallyAfter": {func(a *rotation.SecretRotationArgs) { a.AutomaticallyAfter = time.Hour }, "rotation: rot: AutomaticallyAfter must not be smaller than 4 hours, got 1 hours"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			err := pulumitest.New().Run(func(ctx *pulumi.Context) error {
				s, err := secrets.FromSecretCompleteARN(ctx, "imp", pulumi.String("arn:aws:secretsmanager:us-east-1:123456789012:secret:s-AbC123"))
				if err != nil {
					return err
				}
				args := &rotation.SecretRotationArgs{Application: rotation.MySQLRotationSingleUser, Secret: s, VPC: vpc(), Database: db()}
				tt.fill(args)
				_, err = rotation.NewSecretRotation(ctx, "rot", args)
				return err
			})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v; want %q", err, tt.want)
			}
		})
	}
}
