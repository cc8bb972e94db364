package main

import (
	"strings"
	"testing"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/integration"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/property"

	"github.com/secretsmith/secretsmith/internal/pulumitest"
)

// construct constructs the component of type typ named name from inputs, in process, with
// the shared recording mock answering its children, and returns the mock with the result.
func construct(t *testing.T, typ, name string, inputs map[string]property.Value) (*pulumitest.Mock, p.ConstructResponse, error) {
	t.Helper()
	m := pulumitest.New()
	resp, err := server(t, integration.WithMocks(m)).Construct(p.ConstructRequest{
		Urn:    resource.NewURN("stack", "project", "", tokens.Type(typ), name),
		Inputs: property.NewMap(inputs),
	})
	return m, resp, err
}

func str(s string) property.Value { return property.New(s) }

func strs(ss ...string) property.Value {
	vs := make([]property.Value, len(ss))
	for i, s := range ss {
		vs[i] = str(s)
	}
	return property.New(vs)
}

func obj(m map[string]property.Value) property.Value { return property.New(property.NewMap(m)) }

const keyARN = "arn:aws:kms:us-east-1:123456789012:key/k"

// A Secret from the wire: the Go component's children with the inputs the Go API gives
// them, a resource policy from access statements, and secret values kept secret.
func TestConstructSecret(t *testing.T) {
	m, resp, err := construct(t, "secretsmith:secrets:Secret", "db", map[string]property.Value{
		"secretName":    str("prod/db"),
		"encryptionKey": str(keyARN),
		"generateSecretString": obj(map[string]property.Value{
			"secretStringTemplate": str(`{"username":"app"}`),
			"generateStringKey":    str("password"),
			"passwordLength":       property.New(20.0),
		}),
		"resourcePolicy": property.New([]property.Value{obj(map[string]property.Value{
			"access":        str("read"),
			"accounts":      strs("222222222222"),
			"versionStages": strs("AWSCURRENT"),
		})}),
		"removalPolicy": str("retain"),
	})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Urn.Type() != "secretsmith:secrets:Secret" || resp.Urn.Name() != "db" {
		t.Errorf("urn %s", resp.Urn)
	}
	s := m.MustFind(t, "aws:secretsmanager/secret:Secret", "db-secret")
	if s.String("name") != "prod/db" || s.String("kmsKeyId") != keyARN {
		t.Errorf("secret name %q, kmsKeyId %q", s.String("name"), s.String("kmsKeyId"))
	}
	if s.Parent != "urn:pulumi:stack::project::secretsmith:secrets:Secret::db" {
		t.Errorf("the secret's parent is %q", s.Parent)
	}
	v := m.MustFind(t, "aws:secretsmanager/secretVersion:SecretVersion", "db-version")
	if got, secret := v.Input("secretString"); !secret || !strings.Contains(got.StringValue(), `"username":"app"`) {
		t.Errorf("secretString secret %v, holds the template %v", secret, strings.Contains(got.StringValue(), `"username":"app"`))
	}
	if !v.RetainOnDelete || !s.RetainOnDelete {
		t.Error("removalPolicy retain did not retain the secret and its version")
	}
	policy := m.MustFind(t, "aws:secretsmanager/secretPolicy:SecretPolicy", "db-policy").String("policy")
	for _, want := range []string{`"AWS":["arn:aws:iam::222222222222:root"]`, `"secretsmanager:VersionStage":["AWSCURRENT"]`} {
		if !strings.Contains(policy, want) {
			t.Errorf("policy %s lacks %s", policy, want)
		}
	}
	if g := m.MustFind(t, "aws:kms/grant:Grant", "db-kms-0"); g.String("keyId") != keyARN {
		t.Errorf("kms grant key %q", g.String("keyId"))
	}

	state := resp.State.AsMap()
	if v := state["secretValue"]; !v.Secret() && !v.IsComputed() {
		t.Error("secretValue crosses the wire in plain text")
	}
	if got := state["kmsKeyArn"]; got.AsString() != keyARN {
		t.Errorf("kmsKeyArn = %v", got)
	}
	if got := state["name"]; got.AsString() != "prod/db" {
		t.Errorf("name = %v", got)
	}
}

// Bad input reaches the caller with the Go component's message, and no value in it.
func TestConstructSecretRefuses(t *testing.T) {
	tests := map[string]struct {
		inputs map[string]property.Value
		want   string
	}{
		"length": {map[string]property.Value{"generateSecretString": obj(map[string]property.Value{"passwordLength": property.New(5000.0)})},
			"secrets: GenerateSecretString.PasswordLength must be between 1 and 4096, got 5000"},
		"two values": {map[string]property.Value{"secretStringValue": str("hunter22").WithSecret(true), "secretBinaryValue": str("aGk=").WithSecret(true)},
			"only one of GenerateSecretString, SecretStringValue, SecretObjectValue and SecretBinaryValue may be given, got SecretStringValue and SecretBinaryValue"},
		"removal": {map[string]property.Value{"removalPolicy": str("keep")},
			`secrets: removalPolicy must be "destroy" or "retain", got "keep"`},
		"access with actions": {map[string]property.Value{"resourcePolicy": property.New([]property.Value{obj(map[string]property.Value{
			"access": str("read"), "accounts": strs("222222222222"), "actions": strs("secretsmanager:*")})})},
			"secrets: resourcePolicy[0]: access sets the statement's actions, effect, resources and conditions"},
		"cross account": {map[string]property.Value{"resourcePolicy": property.New([]property.Value{obj(map[string]property.Value{
			"access": str("read"), "accounts": strs("222222222222")})})},
			"kms key must be provided for cross-account access to a secret"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			m, _, err := construct(t, "secretsmith:secrets:Secret", "db", tt.inputs)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v; want %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "hunter22") {
				t.Error("the error quotes the value")
			}
			if name != "cross account" && len(m.ByType("aws:secretsmanager/secret:Secret")) != 0 {
				t.Error("a secret was registered despite the bad input")
			}
		})
	}
}

// A SecretSet from the wire: each secret's resources under the set, one seed, the ARNs by
// key; bad input is reported under its key before anything is registered.
func TestConstructSecretSet(t *testing.T) {
	m, resp, err := construct(t, "secretsmith:secrets:SecretSet", "payments", map[string]property.Value{
		"secrets": obj(map[string]property.Value{
			"ledger":  obj(map[string]property.Value{"secretName": str("payments/ledger"), "denyAccountRootDelete": property.New(true)}),
			"billing": obj(map[string]property.Value{"secretStringValue": str("given-value").WithSecret(true)}),
		}),
	})
	if err != nil {
		t.Fatal(err)
	}
	set := "urn:pulumi:stack::project::secretsmith:secrets:SecretSet::payments"
	for _, r := range []struct{ typ, name string }{
		{"aws:secretsmanager/secret:Secret", "ledger-secret"}, {"aws:secretsmanager/secretPolicy:SecretPolicy", "ledger-policy"},
		{"aws:secretsmanager/secret:Secret", "billing-secret"}, {"random:index/randomBytes:RandomBytes", "payments-seed"},
	} {
		if got := m.MustFind(t, r.typ, r.name); got.Parent != set {
			t.Errorf("%s's parent is %q", r.name, got.Parent)
		}
	}
	if v, secret := m.MustFind(t, "aws:secretsmanager/secretVersion:SecretVersion", "billing-version").Input("secretString"); !secret || v.StringValue() != "given-value" {
		t.Errorf("billing's version: secret %v, holds the given value %v", secret, v.StringValue() == "given-value")
	}
	arns := resp.State.AsMap()["arns"].AsMap()
	if got := arns.Get("ledger"); !strings.HasPrefix(got.AsString(), "arn:aws:secretsmanager:us-east-1:123456789012:secret:payments/ledger-") {
		t.Errorf("arns.ledger = %v", got)
	}

	m, _, err = construct(t, "secretsmith:secrets:SecretSet", "payments", map[string]property.Value{
		"secrets": obj(map[string]property.Value{"x": obj(map[string]property.Value{"removalPolicy": str("keep")})}),
	})
	if want := `secrets: Secrets["x"]: removalPolicy must be "destroy" or "retain", got "keep"`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v; want %q", err, want)
	}
	if len(m.Resources()) != 0 {
		t.Error("resources were registered despite the bad input")
	}
}

// A Grant from the wire: a role by name reads two secrets by ARN, one policy, the KMS
// statement for the key.
func TestConstructGrant(t *testing.T) {
	const a = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/a-AbCdEf"
	const b = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/b"
	m, resp, err := construct(t, "secretsmith:grants:Grant", "app-read", map[string]property.Value{
		"roleName": str("app"),
		"access":   str("read"),
		"secrets": property.New([]property.Value{
			obj(map[string]property.Value{"arn": str(a), "encryptionKey": str(keyARN)}),
			obj(map[string]property.Value{"arn": str(b), "partial": property.New(true)}),
		}),
	})
	if err != nil {
		t.Fatal(err)
	}
	p := m.MustFind(t, "aws:iam/rolePolicy:RolePolicy", "app-read-policy")
	want := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["secretsmanager:GetSecretValue","secretsmanager:DescribeSecret"],"Resource":["` + a + `","` + b + `-??????"]},` +
		`{"Effect":"Allow","Action":["kms:Decrypt"],"Resource":["` + keyARN + `"],"Condition":{"StringEquals":{"kms:ViaService":["secretsmanager.us-east-1.amazonaws.com"]}}}]}`
	if p.String("role") != "app" || p.String("policy") != want {
		t.Errorf("role %q, policy %s; want %s", p.String("role"), p.String("policy"), want)
	}
	if got := resp.State.AsMap()["document"]; got.AsString() != want {
		t.Errorf("document output %v", got)
	}
}

// A grant names exactly one identity and one scope.
func TestConstructGrantRefuses(t *testing.T) {
	_, _, err := construct(t, "secretsmith:grants:Grant", "g", map[string]property.Value{
		"roleName": str("app"), "userName": str("ci"), "access": str("admin"), "namePrefix": str("prod/"), "tagged": obj(map[string]property.Value{"key": str("app"), "value": str("x")}),
	})
	for _, want := range []string{
		"grants: g: exactly one of roleName, userName and groupName is required, got 2",
		`access must be "read" or "write", got "admin"`,
		"exactly one of secrets, tagged and namePrefix is required, got 2",
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v; want %q", err, want)
		}
	}
}

// A RotationSchedule from the wire: AWS's multi-user PostgreSQL function with the master
// secret by ARN, every 7 days in a 2-hour window.
func TestConstructRotationSchedule(t *testing.T) {
	const secret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:app-AbCdEf"
	const master = "arn:aws:secretsmanager:us-east-1:123456789012:secret:master-GhIjKl"
	m, resp, err := construct(t, "secretsmith:rotation:RotationSchedule", "rot", map[string]property.Value{
		"secret": obj(map[string]property.Value{"arn": str(secret), "encryptionKey": str(keyARN)}),
		"hostedRotation": obj(map[string]property.Value{
			"application":  str("postgresqlMultiUser"),
			"masterSecret": obj(map[string]property.Value{"arn": str(master)}),
		}),
		"automaticallyAfterHours": property.New(168.0),
		"durationHours":           property.New(2.0),
	})
	if err != nil {
		t.Fatal(err)
	}
	stack := m.MustFind(t, "aws:serverlessrepository/cloudFormationStack:CloudFormationStack", "rot-app")
	params, _ := stack.Input("parameters")
	got := map[string]string{}
	for k, v := range params.ObjectValue() {
		got[string(k)] = v.StringValue()
	}
	if got["masterSecretArn"] != master || got["kmsKeyArn"] != keyARN || got["functionName"] != "project-stack-rot" {
		t.Errorf("parameters %v", got)
	}
	rot := m.MustFind(t, "aws:secretsmanager/secretRotation:SecretRotation", "rot-rotation")
	rules, _ := rot.Input("rotationRules")
	r := rules.ObjectValue()
	if r["scheduleExpression"].StringValue() != "rate(7 days)" || r["duration"].StringValue() != "2h" || rot.String("secretId") != secret {
		t.Errorf("rotation secretId %q, rules %v", rot.String("secretId"), r)
	}
	if got := resp.State.AsMap()["rotationLambdaArn"]; got.AsString() != "arn:aws:lambda:us-east-1:123456789012:function:project-stack-rot" {
		t.Errorf("rotationLambdaArn output %v", got)
	}
}

// The scheme decides whether a master secret is needed.
func TestConstructRotationScheduleRefuses(t *testing.T) {
	secret := obj(map[string]property.Value{"arn": str("arn:aws:secretsmanager:us-east-1:123456789012:secret:app-AbCdEf")})
	master := obj(map[string]property.Value{"arn": str("arn:aws:secretsmanager:us-east-1:123456789012:secret:master-GhIjKl")})
	for app, want := range map[string]string{
		"mysqlSingleUser": "rotation: rot: hostedRotation: mysqlSingleUser takes no masterSecret",
		"mysqlMultiUser":  "rotation: rot: hostedRotation: mysqlMultiUser needs masterSecret",
		"db2SingleUser":   `rotation: rot: hostedRotation: application "db2SingleUser" is not one of`,
	} {
		h := map[string]property.Value{"application": str(app)}
		if app == "mysqlSingleUser" {
			h["masterSecret"] = master
		}
		_, _, err := construct(t, "secretsmith:rotation:RotationSchedule", "rot", map[string]property.Value{"secret": secret, "hostedRotation": obj(h)})
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: got %v; want %q", app, err, want)
		}
	}
}

// A SecretRotation from the wire: AWS's MySQL multi-user application in a VPC, let into
// the database's security group; without a master secret, rotation's own message.
func TestConstructSecretRotation(t *testing.T) {
	inputs := map[string]property.Value{
		"application":             str("mysqlMultiUser"),
		"secret":                  obj(map[string]property.Value{"arn": str("arn:aws:secretsmanager:us-east-1:123456789012:secret:app-AbCdEf")}),
		"vpcId":                   str("vpc-1"),
		"subnetIds":               strs("subnet-1", "subnet-2"),
		"databaseSecurityGroupId": str("sg-db"),
		"databasePort":            property.New(3306.0),
	}
	_, _, err := construct(t, "secretsmith:rotation:SecretRotation", "rot", inputs)
	if want := "rotation: rot: MasterSecret must be specified for an application using the multi user scheme"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("without a master: got %v; want %q", err, want)
	}
	inputs["masterSecret"] = obj(map[string]property.Value{"arn": str("arn:aws:secretsmanager:us-east-1:123456789012:secret:master-GhIjKl")})
	m, resp, err := construct(t, "secretsmith:rotation:SecretRotation", "rot", inputs)
	if err != nil {
		t.Fatal(err)
	}
	stack := m.MustFind(t, "aws:serverlessrepository/cloudFormationStack:CloudFormationStack", "rot-app")
	if id := stack.String("applicationId"); !strings.HasSuffix(id, "SecretsManagerRDSMySQLRotationMultiUser") {
		t.Errorf("applicationId %q", id)
	}
	ingress := m.ByType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
	if len(ingress) != 1 || ingress[0].String("securityGroupId") != "sg-db" {
		t.Errorf("ingress rules %v; want one into sg-db", ingress)
	}
	if _, ok := resp.State.AsMap()["securityGroupId"]; !ok {
		t.Error("no securityGroupId output")
	}
}

// awsProviderOf is a reference to an explicit AWS provider for region, as a caller passes it.
func awsProviderOf(region string) property.Value {
	u := resource.NewURN("stack", "project", "", "pulumi:providers:aws", region)
	return property.New(property.ResourceReference{URN: u, ID: property.New(region), PackageVersion: "6.83.4"})
}

// Keys from the wire: each replica key is made with the caller's provider for its region.
func TestConstructKeys(t *testing.T) {
	m, resp, err := construct(t, "secretsmith:replica:Keys", "keys", map[string]property.Value{
		"regions":   strs("eu-west-1", "eu-central-1"),
		"providers": obj(map[string]property.Value{"eu-west-1": awsProviderOf("eu-west-1"), "eu-central-1": awsProviderOf("eu-central-1")}),
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, region := range []string{"eu-west-1", "eu-central-1"} {
		rk := m.MustFind(t, "aws:kms/replicaKey:ReplicaKey", "keys-"+region)
		if want := "urn:pulumi:stack::project::pulumi:providers:aws::" + region + "::" + region; rk.Provider != want {
			t.Errorf("replica key %s provider %q; want %q", region, rk.Provider, want)
		}
	}
	state := resp.State.AsMap()
	if !strings.HasPrefix(state["primaryArn"].AsString(), "arn:aws:kms:us-east-1:") || len(state["replicaArns"].AsMap().AsMap()) != 2 {
		t.Errorf("outputs primaryArn %v, replicaArns %v", state["primaryArn"], state["replicaArns"])
	}
	_, _, err = construct(t, "secretsmith:replica:Keys", "keys", map[string]property.Value{"regions": strs("eu-west-1")})
	if want := `replica: keys: Providers has no provider for region "eu-west-1"`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("without providers: got %v; want %q", err, want)
	}
}
