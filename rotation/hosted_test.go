package rotation_test

import (
	"fmt"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/pulumitest"
	"github.com/secretsmith/secretsmith/rotation"
	"github.com/secretsmith/secretsmith/secrets"
)

// params returns the SAR stack's parameters as plain strings ("[unknown]" for unknowns).
func params(t *testing.T, stack pulumitest.Resource) map[string]string {
	t.Helper()
	v, _ := stack.Input("parameters")
	out := map[string]string{}
	for k, e := range v.ObjectValue() {
		for e.IsSecret() {
			e = e.SecretValue().Element
		}
		out[string(k)] = e.StringValue()
	}
	return out
}

// hostedProgram rotates secret "s" with h, in partition.
func hostedProgram(t *testing.T, partition string, secretArgs *secrets.SecretArgs, h func(ctx *pulumi.Context) (*rotation.HostedRotation, error)) *pulumitest.Mock {
	t.Helper()
	m := pulumitest.New()
	m.Partition = partition
	run(t, m, func(ctx *pulumi.Context) error {
		s, err := secrets.NewSecret(ctx, "s", secretArgs)
		if err != nil {
			return err
		}
		hr, err := h(ctx)
		if err != nil {
			return err
		}
		_, err = rotation.NewRotationSchedule(ctx, "rot", &rotation.RotationScheduleArgs{Secret: s, HostedRotation: hr})
		return err
	})
	return m
}

// rotation-schedule.test.ts 6 and 11: a single-user hosted rotation outside a VPC deploys
// the SAR application, rotates with its function, and has no security groups.
func TestHostedSingleUser(t *testing.T) {
	t.Parallel()
	var groups *pulumitest.Captured
	m := pulumitest.New()
	run(t, m, func(ctx *pulumi.Context) error {
		s, err := secrets.NewSecret(ctx, "s", nil)
		if err != nil {
			return err
		}
		sched, err := rotation.NewRotationSchedule(ctx, "rot", &rotation.RotationScheduleArgs{Secret: s, HostedRotation: rotation.MySQLSingleUser(nil)})
		if err == nil {
			groups = pulumitest.Capture(ctx, sched.SecurityGroupIDs)
		}
		return err
	})
	if v, _ := groups.Value(); !reflect.DeepEqual(v, []string{}) {
		t.Errorf("SecurityGroupIDs = %#v; want none outside a VPC", v)
	}
	if n := len(m.ByType("aws:ec2/securityGroup:SecurityGroup")); n != 0 {
		t.Errorf("%d security groups outside a VPC", n)
	}
	stack := m.MustFind(t, stackType, "rot-app")
	if got := stack.String("applicationId"); got != "arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerRDSMySQLRotationSingleUser" {
		t.Errorf("applicationId = %q", got)
	}
	if got := stack.String("semanticVersion"); got != "1.1.671" {
		t.Errorf("semanticVersion = %q; want 1.1.671", got)
	}
	caps, _ := stack.Input("capabilities")
	if len(caps.ArrayValue()) != 2 || caps.ArrayValue()[0].StringValue() != "CAPABILITY_IAM" || caps.ArrayValue()[1].StringValue() != "CAPABILITY_RESOURCE_POLICY" {
		t.Errorf("capabilities = %v", caps)
	}
	want := map[string]string{
		"endpoint":          "https://secretsmanager.us-east-1.amazonaws.com",
		"functionName":      "project-stack-rot",
		"excludeCharacters": rotation.DefaultExcludeCharacters,
	}
	if got := params(t, stack); !reflect.DeepEqual(got, want) {
		t.Errorf("parameters = %v; want %v", got, want)
	}
	if got := m.MustFind(t, rotationType, "rot-rotation").String("rotationLambdaArn"); got != "arn:aws:lambda:us-east-1:123456789012:function:project-stack-rot" {
		t.Errorf("rotationLambdaArn = %q; want the stack's RotationLambdaARN output", got)
	}
	if stack.Parent != m.MustFind(t, rotation.RotationScheduleType, "rot").URN {
		t.Error("the SAR stack is not a child of the schedule")
	}
}

// rotation-schedule.test.ts 7, 20 and 21: multi-user hosted rotation passes the master
// secret's ARN for policies (exact for a complete ARN, "-??????" for a name) and keys.
func TestHostedMultiUser(t *testing.T) {
	t.Parallel()
	const masterKey = "arn:aws:kms:us-east-1:123456789012:key/master"
	tests := map[string]struct {
		master func(ctx *pulumi.Context) (secrets.Reference, error)
		arn    string
		key    string
	}{
		"complete ARN": {func(ctx *pulumi.Context) (secrets.Reference, error) {
			return secrets.FromSecretAttributes(ctx, "master", &secrets.SecretAttributes{
				SecretCompleteARN: pulumi.String("arn:aws:secretsmanager:us-east-1:123456789012:secret:MySecret-123456"), EncryptionKey: pulumi.String(masterKey)})
		}, "arn:aws:secretsmanager:us-east-1:123456789012:secret:MySecret-123456", masterKey},
		"by name": {func(ctx *pulumi.Context) (secrets.Reference, error) {
			return secrets.FromSecretName(ctx, "master", pulumi.String("MySecret"))
		}, "arn:aws:secretsmanager:us-east-1:123456789012:secret:MySecret-??????", ""},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m := hostedProgram(t, "aws", &secrets.SecretArgs{EncryptionKey: pulumi.String(keyARN)}, func(ctx *pulumi.Context) (*rotation.HostedRotation, error) {
				master, err := tt.master(ctx)
				return rotation.PostgreSQLMultiUser(master, nil), err
			})
			p := params(t, m.MustFind(t, stackType, "rot-app"))
			if p["masterSecretArn"] != tt.arn || p["masterSecretKmsKeyArn"] != tt.key || p["kmsKeyArn"] != keyARN {
				t.Errorf("parameters = %v; want master %s key %q and kmsKeyArn %s", p, tt.arn, tt.key, keyARN)
			}
		})
	}
}

// rotation-schedule.test.ts 8, 9 and 11: in a VPC, a security group is created unless given.
func TestHostedInVPC(t *testing.T) {
	t.Parallel()
	var created, given *pulumitest.Captured
	m := pulumitest.New()
	run(t, m, func(ctx *pulumi.Context) error {
		s, err := secrets.NewSecret(ctx, "s", nil)
		if err != nil {
			return err
		}
		vpc := &rotation.VPC{ID: pulumi.String("vpc-1"), SubnetIDs: pulumi.ToStringArray([]string{"subnet-1", "subnet-2"})}
		a, err := rotation.NewRotationSchedule(ctx, "a", &rotation.RotationScheduleArgs{Secret: s, HostedRotation: rotation.MySQLSingleUser(&rotation.HostedRotationOptions{VPC: vpc})})
		if err != nil {
			return err
		}
		b, err := rotation.NewRotationSchedule(ctx, "b", &rotation.RotationScheduleArgs{Secret: s, HostedRotation: rotation.MySQLSingleUser(&rotation.HostedRotationOptions{
			VPC: vpc, SecurityGroupIDs: pulumi.ToStringArray([]string{"sg-1", "sg-2"}),
		})})
		created, given = pulumitest.Capture(ctx, a.SecurityGroupIDs), pulumitest.Capture(ctx, b.SecurityGroupIDs)
		return err
	})
	sg := m.MustFind(t, "aws:ec2/securityGroup:SecurityGroup", "a-sg")
	if sg.String("vpcId") != "vpc-1" {
		t.Errorf("security group in %q; want vpc-1", sg.String("vpcId"))
	}
	if got := params(t, m.MustFind(t, stackType, "a-app")); got["vpcSubnetIds"] != "subnet-1,subnet-2" || got["vpcSecurityGroupIds"] != "a-sg-id" {
		t.Errorf("a parameters = %v", got)
	}
	if got := params(t, m.MustFind(t, stackType, "b-app")); got["vpcSecurityGroupIds"] != "sg-1,sg-2" {
		t.Errorf("b parameters = %v", got)
	}
	if _, ok := m.Find("aws:ec2/securityGroup:SecurityGroup", "b-sg"); ok {
		t.Error("a security group was created although groups were given")
	}
	if v, _ := created.Value(); !reflect.DeepEqual(v, []string{"a-sg-id"}) {
		t.Errorf("a.SecurityGroupIDs = %v", v)
	}
	if v, _ := given.Value(); !reflect.DeepEqual(v, []string{"sg-1", "sg-2"}) {
		t.Errorf("b.SecurityGroupIDs = %v", v)
	}
}

// rotation-schedule.test.ts 12 and 13: exclude characters given, or from the generator.
func TestHostedExcludeCharacters(t *testing.T) {
	t.Parallel()
	custom := "()"
	m := hostedProgram(t, "aws", nil, func(*pulumi.Context) (*rotation.HostedRotation, error) {
		return rotation.MySQLSingleUser(&rotation.HostedRotationOptions{ExcludeCharacters: &custom}), nil
	})
	if got := params(t, m.MustFind(t, stackType, "rot-app"))["excludeCharacters"]; got != "()" {
		t.Errorf("excludeCharacters = %q; want ()", got)
	}
	m = hostedProgram(t, "aws", &secrets.SecretArgs{GenerateSecretString: &secrets.SecretStringGenerator{ExcludeCharacters: "[]"}},
		func(*pulumi.Context) (*rotation.HostedRotation, error) { return rotation.MySQLSingleUser(nil), nil })
	if got := params(t, m.MustFind(t, stackType, "rot-app"))["excludeCharacters"]; got != "[]" {
		t.Errorf("excludeCharacters = %q; want the generator's []", got)
	}
}

// All 14 hosted types in all three partitions deploy their application at its pinned
// version.
func TestHostedTypesAndPartitions(t *testing.T) {
	t.Parallel()
	// The single-user factories, and the multi-user ones given their master secret.
	type factory = func(master secrets.Reference) *rotation.HostedRotation
	single := func(f func(*rotation.HostedRotationOptions) *rotation.HostedRotation) factory {
		return func(secrets.Reference) *rotation.HostedRotation { return f(nil) }
	}
	multi := func(f func(secrets.Reference, *rotation.HostedRotationOptions) *rotation.HostedRotation) factory {
		return func(master secrets.Reference) *rotation.HostedRotation { return f(master, nil) }
	}
	factories := map[string]factory{
		"MySQLSingleUser": single(rotation.MySQLSingleUser), "MySQLMultiUser": multi(rotation.MySQLMultiUser),
		"PostgreSQLSingleUser": single(rotation.PostgreSQLSingleUser), "PostgreSQLMultiUser": multi(rotation.PostgreSQLMultiUser),
		"OracleSingleUser": single(rotation.OracleSingleUser), "OracleMultiUser": multi(rotation.OracleMultiUser),
		"MariaDBSingleUser": single(rotation.MariaDBSingleUser), "MariaDBMultiUser": multi(rotation.MariaDBMultiUser),
		"SQLServerSingleUser": single(rotation.SQLServerSingleUser), "SQLServerMultiUser": multi(rotation.SQLServerMultiUser),
		"RedshiftSingleUser": single(rotation.RedshiftSingleUser), "RedshiftMultiUser": multi(rotation.RedshiftMultiUser),
		"MongoDBSingleUser": single(rotation.MongoDBSingleUser), "MongoDBMultiUser": multi(rotation.MongoDBMultiUser),
	}
	publishers := map[string]string{
		"aws":        "arn:aws:serverlessrepo:us-east-1:297356227824:applications/",
		"aws-cn":     "arn:aws-cn:serverlessrepo:cn-north-1:193023089310:applications/",
		"aws-us-gov": "arn:aws-us-gov:serverlessrepo:us-gov-west-1:023102451235:applications/",
	}
	// The application names CloudFormation's hosted rotation types map to.
	engines := map[string]string{"MySQL": "RDSMySQL", "PostgreSQL": "RDSPostgreSQL", "Oracle": "RDSOracle", "MariaDB": "RDSMariaDB", "SQLServer": "RDSSQLServer", "Redshift": "Redshift", "MongoDB": "MongoDB"}
	for typ, factory := range factories {
		for partition, prefix := range publishers {
			t.Run(typ+"/"+partition, func(t *testing.T) {
				t.Parallel()
				m := hostedProgram(t, partition, nil, func(ctx *pulumi.Context) (*rotation.HostedRotation, error) {
					if !strings.HasSuffix(typ, "MultiUser") {
						return factory(nil), nil
					}
					master, err := secrets.FromSecretName(ctx, "master", pulumi.String("master"))
					return factory(master), err
				})
				engine := strings.TrimSuffix(strings.TrimSuffix(typ, "SingleUser"), "MultiUser")
				scheme := strings.TrimPrefix(typ, engine)
				app := "SecretsManager" + engines[engine] + "Rotation" + scheme
				stack := m.MustFind(t, stackType, "rot-app")
				if got := stack.String("applicationId"); got != prefix+app {
					t.Errorf("applicationId = %q; want %q", got, prefix+app)
				}
				if factory(nil).RotationType() != typ {
					t.Errorf("RotationType() = %q; want %q", factory(nil).RotationType(), typ)
				}
				if stack.String("semanticVersion") == "" {
					t.Error("no semantic version")
				}
				_, hasMaster := params(t, stack)["masterSecretArn"]
				if isMulti := strings.HasSuffix(typ, "MultiUser"); hasMaster != isMulti {
					t.Errorf("masterSecretArn present = %v; want %v", hasMaster, isMulti)
				}
			})
		}
	}
}

// CDK V21: a partition without a published application.
func TestUnsupportedPartition(t *testing.T) {
	t.Parallel()
	m := pulumitest.New()
	m.Partition = "aws-iso"
	err := m.Run(func(ctx *pulumi.Context) error {
		s, err := secrets.NewSecret(ctx, "s", nil)
		if err != nil {
			return err
		}
		_, err = rotation.NewRotationSchedule(ctx, "rot", &rotation.RotationScheduleArgs{Secret: s, HostedRotation: rotation.MySQLSingleUser(nil)})
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "rotation: rot: unsupported partition: aws-iso") {
		t.Errorf("got %v; want the unsupported partition error", err)
	}
}

// The application's CloudFormation stack gets a valid, stable name when the component's
// name would not make one; a valid name is left to Pulumi's autonaming, as before.
func TestHostedStackNames(t *testing.T) {
	t.Parallel()
	valid := regexp.MustCompile(`^[A-Za-z][-A-Za-z0-9]*$`)
	stackName := func(component string) (string, bool) {
		m := pulumitest.New()
		run(t, m, func(ctx *pulumi.Context) error {
			s, err := secrets.NewSecret(ctx, "s", nil)
			if err != nil {
				return err
			}
			_, err = rotation.NewRotationSchedule(ctx, component, &rotation.RotationScheduleArgs{Secret: s, HostedRotation: rotation.MySQLSingleUser(nil)})
			return err
		})
		stack := m.MustFind(t, "aws:serverlessrepository/cloudFormationStack:CloudFormationStack", component+"-app")
		_, named := stack.Inputs["name"]
		return stack.String("name"), named
	}
	if _, named := stackName("db-rotation"); named {
		t.Error("a valid component name got an explicit stack name; want Pulumi's autoname")
	}
	for _, component := range []string{"db_rotation", "a.b.rotation", "9lives", strings.Repeat("long", 30)} {
		got, named := stackName(component)
		if !named || !valid.MatchString(got) || len("serverlessrepo-")+len(got) > 128 {
			t.Errorf("component %q: stack name %q; want a valid CloudFormation stack name", component, got)
		}
		if again, _ := stackName(component); again != got {
			t.Errorf("component %q: stack name %q, then %q; want it stable", component, got, again)
		}
	}
}

// AllowInto lets each of a hosted function's security groups into the database on its
// port, and says when the groups cannot be counted or there is no VPC.
func TestAllowInto(t *testing.T) {
	t.Parallel()
	vpcOpts := func(groups pulumi.StringArrayInput) *rotation.HostedRotationOptions {
		return &rotation.HostedRotationOptions{VPC: &rotation.VPC{ID: pulumi.String("vpc-1"), SubnetIDs: pulumi.ToStringArray([]string{"subnet-1"})}, SecurityGroupIDs: groups}
	}
	db := &rotation.Database{SecurityGroupID: pulumi.String("sg-db"), Port: 5432}
	tests := map[string]struct {
		opts *rotation.HostedRotationOptions
		from []string // the groups let in, or nil when AllowInto fails with want
		want string
	}{
		"created group": {vpcOpts(nil), []string{"rot-sg-id"}, ""},
		"given groups":  {vpcOpts(pulumi.ToStringArray([]string{"sg-1", "sg-2"})), []string{"sg-1", "sg-2"}, ""},
		"groups from an output": {vpcOpts(pulumi.ToStringArray([]string{"sg-1"}).ToStringArrayOutput()), nil,
			"rotation: db-in: AllowInto: the function's security groups are not known until deployment"},
		"no VPC": {nil, nil, "rotation: db-in: AllowInto: the rotation function is not in a VPC: give its options' VPC"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m := pulumitest.New()
			err := m.Run(func(ctx *pulumi.Context) error {
				s, err := secrets.NewSecret(ctx, "db", &secrets.SecretArgs{DenyAccountRootDelete: true})
				if err != nil {
					return err
				}
				r, err := rotation.NewRotationSchedule(ctx, "rot", &rotation.RotationScheduleArgs{Secret: s, HostedRotation: rotation.PostgreSQLSingleUser(tt.opts)})
				if err != nil {
					return err
				}
				_, err = r.AllowInto(ctx, "db-in", db)
				return err
			})
			if tt.from == nil {
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("got %v, want %q", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			for i, from := range tt.from {
				rule := m.MustFind(t, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", fmt.Sprintf("db-in-%d", i))
				if rule.String("securityGroupId") != "sg-db" || rule.String("referencedSecurityGroupId") != from || rule.String("ipProtocol") != "tcp" {
					t.Errorf("rule %d: %v", i, rule.Inputs)
				}
				if p, _ := rule.Input("fromPort"); p.NumberValue() != 5432 {
					t.Errorf("rule %d fromPort %v", i, p)
				}
			}
		})
	}
}
