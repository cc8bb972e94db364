package rotation_test

import (
	"archive/zip"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/pulumitest"
	"github.com/secretsmith/secretsmith/rotation"
	"github.com/secretsmith/secretsmith/secrets"
)

const (
	functionType = "aws:lambda/function:Function"
	roleType     = "aws:iam/role:Role"
)

// goProgram rotates secret "s" (made from secretArgs) with the Go rotation make returns,
// given the master secret "master".
func goProgram(t *testing.T, secretArgs *secrets.SecretArgs, make func(master secrets.Reference) *rotation.GoRotation) (*pulumitest.Mock, string) {
	t.Helper()
	m := pulumitest.New()
	var arn *pulumitest.Captured
	run(t, m, func(ctx *pulumi.Context) error {
		s, err := secrets.NewSecret(ctx, "s", secretArgs)
		if err != nil {
			return err
		}
		master, err := secrets.NewSecret(ctx, "master", nil)
		if err != nil {
			return err
		}
		arn = pulumitest.Capture(ctx, s.ARN)
		_, err = rotation.NewRotationSchedule(ctx, "rot", &rotation.RotationScheduleArgs{Secret: s, GoRotation: make(master)})
		return err
	})
	return m, arn.String()
}

func environment(t *testing.T, fn pulumitest.Resource) map[string]string {
	t.Helper()
	v, _ := fn.Input("environment")
	vars := v.ObjectValue()["variables"].ObjectValue()
	out := map[string]string{}
	for k, e := range vars {
		out[string(k)] = e.StringValue()
	}
	return out
}

func strs(t *testing.T, r pulumitest.Resource, key string) []string {
	t.Helper()
	v, _ := r.Input(key)
	var out []string
	for _, e := range v.ArrayValue() {
		out = append(out, e.StringValue())
	}
	return out
}

// A Go single-user rotation builds the function from this module, deploys it with its
// role, and wires it as a RotationLambda: permission with SourceAccount, rotation policy,
// schedule on the function's ARN. New passwords follow the secret's generator.
func TestGoSingleUser(t *testing.T) {
	m, arn := goProgram(t, &secrets.SecretArgs{GenerateSecretString: &secrets.SecretStringGenerator{
		SecretStringTemplate: `{"username":"app","host":"db","engine":"postgres"}`, GenerateStringKey: "password",
		PasswordLength: 20, ExcludeCharacters: "/@",
	}}, func(secrets.Reference) *rotation.GoRotation { return rotation.GoPostgreSQLSingleUser(nil) })

	role := m.MustFind(t, roleType, "rot-role")
	if got := attached(m); !reflect.DeepEqual(got, map[string]string{"rot-logs": "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"}) {
		t.Errorf("role's managed policies = %v", got)
	}
	if !strings.Contains(role.String("assumeRolePolicy"), `"Service":"lambda.amazonaws.com"`) {
		t.Errorf("role's trust policy = %s", role.String("assumeRolePolicy"))
	}
	fn := m.MustFind(t, functionType, "rot-function")
	for k, want := range map[string]string{"runtime": "provided.al2023", "handler": "bootstrap", "role": "arn:aws:iam::123456789012:role/rot-role"} {
		if got := fn.String(k); got != want {
			t.Errorf("function %s = %q, want %q", k, got, want)
		}
	}
	if got := strs(t, fn, "architectures"); !reflect.DeepEqual(got, []string{"arm64"}) {
		t.Errorf("architectures = %v", got)
	}
	if _, ok := fn.Inputs["vpcConfig"]; ok {
		t.Error("a function outside a VPC has a vpcConfig")
	}
	env := environment(t, fn)
	if env["SECRETSMITH_STRATEGY"] != "postgres-single-user" {
		t.Errorf("strategy = %q", env["SECRETSMITH_STRATEGY"])
	}
	var opts map[string]any
	if err := json.Unmarshal([]byte(env["SECRETSMITH_PASSWORD"]), &opts); err != nil || opts["Length"] != 20.0 || opts["ExcludeCharacters"] != "/@" {
		t.Errorf("password options = %s, want the generator's", env["SECRETSMITH_PASSWORD"])
	}
	checkArchive(t, fn)

	perm := m.MustFind(t, permissionType, "rot-invoke")
	if perm.String("sourceAccount") != "123456789012" || perm.String("principal") != "secretsmanager.amazonaws.com" || perm.String("function") != "rot-function" {
		t.Errorf("permission: source account %q, principal %q, function %q", perm.String("sourceAccount"), perm.String("principal"), perm.String("function"))
	}
	pol := m.MustFind(t, rolePolicyType, "rot-policy")
	if pol.String("role") != "rot-role" {
		t.Errorf("rotation policy on role %q, want rot-role", pol.String("role"))
	}
	if got := statements(t, pol); len(got) != 2 || !reflect.DeepEqual(got[0].Resource, []string{arn}) ||
		!slices.Contains(got[0].Action, "secretsmanager:PutSecretValue") {
		t.Errorf("rotation statements = %+v", got)
	}
	rot := m.MustFind(t, rotationType, "rot-rotation")
	if rot.String("rotationLambdaArn") != "arn:aws:lambda:us-east-1:123456789012:function:rot-function" {
		t.Errorf("rotation lambda = %q", rot.String("rotationLambdaArn"))
	}
	deps := strings.Join(rot.DependsOn, " ")
	if !strings.Contains(deps, "::rot-invoke") || !strings.Contains(deps, "::rot-policy") {
		t.Errorf("rotation depends on %v", rot.DependsOn)
	}
}

// attached are the managed policies attached to the function's role, by attachment name.
func attached(m *pulumitest.Mock) map[string]string {
	out := map[string]string{}
	for _, a := range m.ByType("aws:iam/rolePolicyAttachment:RolePolicyAttachment") {
		if a.String("role") == "rot-role" {
			out[a.Name] = a.String("policyArn")
		}
	}
	return out
}

// checkArchive checks that the function's code is a zip holding an executable bootstrap
// built for Lambda's arm64 Linux.
func checkArchive(t *testing.T, fn pulumitest.Resource) {
	t.Helper()
	v, _ := fn.Input("code")
	if !v.IsArchive() || v.ArchiveValue().Path == "" {
		t.Fatalf("code is not a file archive: %v", v)
	}
	z, err := zip.OpenReader(v.ArchiveValue().Path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	if len(z.File) != 1 || z.File[0].Name != "bootstrap" || z.File[0].Mode().Perm() != 0o755 {
		t.Fatalf("the archive holds %v, want one executable bootstrap", z.File)
	}
	f, err := z.File[0].Open()
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	head := make([]byte, 20)
	if _, err := f.Read(head); err != nil {
		t.Fatal(err)
	}
	// An ELF executable (ELFCLASS64) for EM_AARCH64 (183).
	if string(head[:4]) != "\x7fELF" || head[4] != 2 || head[18] != 183 {
		t.Errorf("bootstrap is not a 64-bit arm64 ELF executable: % x", head)
	}
}

// prebuilt stands for an archive built elsewhere.
var prebuilt = pulumi.NewFileArchive("testdata/prebuilt.zip")

// Alternating users in a VPC: the role may also read the master secret and use the VPC,
// the function runs in the subnets with a new security group that AllowInto lets in, and
// new passwords leave out DefaultExcludeCharacters when the secret has no generator.
func TestGoAlternatingUsersInVPC(t *testing.T) {
	m := pulumitest.New()
	var masterARN *pulumitest.Captured
	run(t, m, func(ctx *pulumi.Context) error {
		s, err := secrets.NewSecret(ctx, "s", &secrets.SecretArgs{SecretStringValue: pulumi.ToSecret(pulumi.String(`{"username":"app"}`)).(pulumi.StringOutput)})
		if err != nil {
			return err
		}
		master, err := secrets.NewSecret(ctx, "master", nil)
		if err != nil {
			return err
		}
		masterARN = pulumitest.Capture(ctx, master.ARN)
		sch, err := rotation.NewRotationSchedule(ctx, "rot", &rotation.RotationScheduleArgs{Secret: s,
			GoRotation: rotation.GoMySQLAlternatingUsers(master, &rotation.GoRotationOptions{
				VPC:                    &rotation.VPC{ID: pulumi.String("vpc-1"), SubnetIDs: pulumi.ToStringArray([]string{"subnet-a", "subnet-b"})},
				SecretsManagerEndpoint: pulumi.String("https://vpce-1.secretsmanager.us-east-1.vpce.amazonaws.com"),
				Archive:                prebuilt,
			})})
		if err != nil {
			return err
		}
		_, err = sch.AllowInto(ctx, "db-in", &rotation.Database{SecurityGroupID: pulumi.String("sg-db"), Port: 3306})
		return err
	})
	if got := attached(m); got["rot-vpc"] != "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole" || len(got) != 2 {
		t.Errorf("role's managed policies = %v, want the VPC access policy too", got)
	}
	read := m.MustFind(t, rolePolicyType, "rot-master-policy")
	if got := statements(t, read); len(got) != 1 || !reflect.DeepEqual(got[0].Resource, []string{masterARN.String()}) ||
		!reflect.DeepEqual(got[0].Action, []string{"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"}) {
		t.Errorf("master read statements = %+v", got)
	}
	if read.String("role") != "rot-role" {
		t.Errorf("master read on role %q", read.String("role"))
	}
	fn := m.MustFind(t, functionType, "rot-function")
	env := environment(t, fn)
	var opts map[string]any
	if err := json.Unmarshal([]byte(env["SECRETSMITH_PASSWORD"]), &opts); err != nil || opts["ExcludeCharacters"] != rotation.DefaultExcludeCharacters {
		t.Errorf("password options = %s, want DefaultExcludeCharacters", env["SECRETSMITH_PASSWORD"])
	}
	if env["SECRETSMITH_STRATEGY"] != "mysql-alternating-users" || env["SECRETS_MANAGER_ENDPOINT"] != "https://vpce-1.secretsmanager.us-east-1.vpce.amazonaws.com" {
		t.Errorf("environment = %v", env)
	}
	v, _ := fn.Input("code")
	if v.ArchiveValue().Path != "testdata/prebuilt.zip" {
		t.Errorf("code = %v, want the prebuilt archive", v)
	}
	vpc, _ := fn.Input("vpcConfig")
	cfg := vpc.ObjectValue()
	var subnets, groups []string
	for _, e := range cfg["subnetIds"].ArrayValue() {
		subnets = append(subnets, e.StringValue())
	}
	for _, e := range cfg["securityGroupIds"].ArrayValue() {
		groups = append(groups, e.StringValue())
	}
	sg := m.MustFind(t, "aws:ec2/securityGroup:SecurityGroup", "rot-sg")
	if !reflect.DeepEqual(subnets, []string{"subnet-a", "subnet-b"}) || len(groups) != 1 || sg.String("vpcId") != "vpc-1" {
		t.Errorf("vpcConfig subnets %v groups %v", subnets, groups)
	}
	rule := m.MustFind(t, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "db-in-0")
	if rule.String("securityGroupId") != "sg-db" || rule.String("referencedSecurityGroupId") != groups[0] {
		t.Errorf("ingress from %q into %q, want from the function's group %q", rule.String("referencedSecurityGroupId"), rule.String("securityGroupId"), groups[0])
	}
}

// GoGenerate gives the function the generator's template and key.
func TestGoGenerate(t *testing.T) {
	m, _ := goProgram(t, &secrets.SecretArgs{GenerateSecretString: &secrets.SecretStringGenerator{
		SecretStringTemplate: `{"client":"app"}`, GenerateStringKey: "token", ExcludePunctuation: true,
	}}, func(secrets.Reference) *rotation.GoRotation {
		return rotation.GoGenerate(&rotation.GoRotationOptions{Archive: prebuilt})
	})
	env := environment(t, m.MustFind(t, functionType, "rot-function"))
	if env["SECRETSMITH_STRATEGY"] != "generate" || env["SECRETSMITH_TEMPLATE"] != `{"client":"app"}` || env["SECRETSMITH_KEY"] != "token" ||
		!strings.Contains(env["SECRETSMITH_PASSWORD"], `"ExcludePunctuation":true`) {
		t.Errorf("environment = %v", env)
	}
	if _, ok := m.Find(rolePolicyType, "rot-master-policy"); ok {
		t.Error("a rotation without a master secret reads one")
	}
}

func TestGoRotationErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		g    *rotation.GoRotation
		want string
	}{
		{"no factory", &rotation.GoRotation{}, "rotation: rot: GoRotation must be made with one of its factories, such as rotation.GoPostgreSQLSingleUser"},
		{"no master", rotation.GoPostgreSQLAlternatingUsers(nil, nil), "rotation: rot: GoRotation postgres-alternating-users: the master secret is required"},
		{"groups without VPC", rotation.GoMySQLSingleUser(&rotation.GoRotationOptions{SecurityGroupIDs: pulumi.ToStringArray([]string{"sg-1"})}),
			"rotation: rot: GoRotation mysql-single-user: VPC must be specified when specifying SecurityGroupIDs"},
		{"bundle with archive", rotation.GoGenerate(&rotation.GoRotationOptions{Archive: prebuilt, CABundle: "rds.pem", VPC: &rotation.VPC{ID: pulumi.String("vpc-1")}}),
			"rotation: rot: GoRotation generate: VPC needs both ID and SubnetIDs\nrotation: rot: GoRotation generate: CABundle is packed into the archive the program builds: it cannot go with Archive"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := pulumitest.New().Run(func(ctx *pulumi.Context) error {
				s, err := secrets.NewSecret(ctx, "s", nil)
				if err != nil {
					return err
				}
				_, err = rotation.NewRotationSchedule(ctx, "rot", &rotation.RotationScheduleArgs{Secret: s, GoRotation: tc.g})
				return err
			})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v\nwant %s", err, tc.want)
			}
		})
	}
}

// A GenerateInAWS secret gets its first value from a GoGenerate schedule, which rotates as
// it is created; the schedule waits for no version (there is none).
func TestGoGenerateWritesTheFirstValue(t *testing.T) {
	m, _ := goProgram(t, &secrets.SecretArgs{GenerateInAWS: true, GenerateSecretString: &secrets.SecretStringGenerator{
		SecretStringTemplate: `{"client":"app"}`, GenerateStringKey: "token",
	}}, func(secrets.Reference) *rotation.GoRotation {
		return rotation.GoGenerate(&rotation.GoRotationOptions{Archive: prebuilt})
	})
	env := environment(t, m.MustFind(t, functionType, "rot-function"))
	if env["SECRETSMITH_TEMPLATE"] != `{"client":"app"}` || env["SECRETSMITH_KEY"] != "token" {
		t.Errorf("environment = %v", env)
	}
	rot := m.MustFind(t, rotationType, "rot-rotation")
	if _, ok := rot.Inputs["rotateImmediately"]; ok {
		t.Error("rotateImmediately is set: Secrets Manager's default, immediately, writes the first value")
	}
	if strings.Contains(strings.Join(rot.DependsOn, " "), "-version") {
		t.Errorf("the rotation waits for a version: %v", rot.DependsOn)
	}
}

// Only a function that can start from nothing can give a GenerateInAWS secret its value.
func TestGenerateInAWSScheduleErrors(t *testing.T) {
	const why = "rotation: rot: the Secret's value is generated in AWS (GenerateInAWS) by the rotation that starts as the schedule is created: "
	off := false
	for _, tc := range []struct {
		name string
		args rotation.RotationScheduleArgs
		want string
	}{
		{"hosted", rotation.RotationScheduleArgs{HostedRotation: rotation.PostgreSQLSingleUser(nil)},
			why + "HostedRotation PostgreSQLSingleUser needs a value to start from; use GoRotation: rotation.GoGenerate(...)"},
		{"database", rotation.RotationScheduleArgs{GoRotation: rotation.GoMySQLSingleUser(nil)},
			why + "GoRotation mysql-single-user needs a value to start from; use rotation.GoGenerate(...)"},
		{"no schedule", rotation.RotationScheduleArgs{GoRotation: rotation.GoGenerate(nil), AutomaticallyAfter: rotation.NoAutomaticRotation},
			why + "NoAutomaticRotation would leave it without a value"},
		{"not immediately", rotation.RotationScheduleArgs{GoRotation: rotation.GoGenerate(nil), RotateImmediatelyOnUpdate: &off},
			why + "RotateImmediatelyOnUpdate false would leave it without a value until the first scheduled rotation"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := pulumitest.New().Run(func(ctx *pulumi.Context) error {
				s, err := secrets.NewSecret(ctx, "s", &secrets.SecretArgs{GenerateInAWS: true})
				if err != nil {
					return err
				}
				args := tc.args
				args.Secret = s
				_, err = rotation.NewRotationSchedule(ctx, "rot", &args)
				return err
			})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v\nwant %s", err, tc.want)
			}
		})
	}
}
