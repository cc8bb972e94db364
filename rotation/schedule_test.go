package rotation_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lambda"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/pulumitest"
	"github.com/secretsmith/secretsmith/rotation"
	"github.com/secretsmith/secretsmith/secrets"
)

const (
	rotationType   = "aws:secretsmanager/secretRotation:SecretRotation"
	permissionType = "aws:lambda/permission:Permission"
	rolePolicyType = "aws:iam/rolePolicy:RolePolicy"
	stackType      = "aws:serverlessrepository/cloudFormationStack:CloudFormationStack"
	keyARN         = "arn:aws:kms:us-east-1:123456789012:key/1234abcd"
)

func run(t *testing.T, m *pulumitest.Mock, body pulumi.RunFunc) {
	t.Helper()
	if err := m.Run(body); err != nil {
		t.Fatalf("program failed: %v", err)
	}
}

// function makes the rotation function "fn" with its role "fn-role".
func function(ctx *pulumi.Context) (*lambda.Function, error) {
	role, err := iam.NewRole(ctx, "fn-role", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(`{}`)})
	if err != nil {
		return nil, err
	}
	return lambda.NewFunction(ctx, "fn", &lambda.FunctionArgs{Role: role.Arn, Runtime: pulumi.String("python3.12"), Handler: pulumi.String("index.handler")})
}

// customLambda rotates secret "s" (made from secretArgs) with "fn", using args for the rest.
func customLambda(t *testing.T, secretArgs *secrets.SecretArgs, args rotation.RotationScheduleArgs) (*pulumitest.Mock, string) {
	t.Helper()
	m := pulumitest.New()
	var arn *pulumitest.Captured
	run(t, m, func(ctx *pulumi.Context) error {
		fn, err := function(ctx)
		if err != nil {
			return err
		}
		s, err := secrets.NewSecret(ctx, "s", secretArgs)
		if err != nil {
			return err
		}
		arn = pulumitest.Capture(ctx, s.ARN)
		args.Secret, args.RotationLambda = s, fn
		_, err = rotation.NewRotationSchedule(ctx, "rot", &args)
		return err
	})
	return m, arn.String()
}

func rules(t *testing.T, r pulumitest.Resource) map[string]string {
	t.Helper()
	v, _ := r.Input("rotationRules")
	out := map[string]string{}
	for k, e := range v.ObjectValue() {
		out[string(k)] = e.StringValue()
	}
	return out
}

type stmt struct {
	Effect    string
	Action    []string
	Resource  []string
	Condition map[string]map[string][]string
}

func statements(t *testing.T, r pulumitest.Resource) []stmt {
	t.Helper()
	var d struct{ Statement []stmt }
	if err := json.Unmarshal([]byte(r.String("policy")), &d); err != nil {
		t.Fatalf("policy of %s: %v", r.Name, err)
	}
	return d.Statement
}

// rotation-schedule.test.ts 1, 3 and 15: the schedule, the permission with SourceAccount
// (aws-cdk #28406), the role policy, and the dependency on both.
func TestCustomLambda(t *testing.T) {
	t.Parallel()
	m, arn := customLambda(t, nil, rotation.RotationScheduleArgs{})
	rot := m.MustFind(t, rotationType, "rot-rotation")
	if rot.String("secretId") != arn || rot.String("rotationLambdaArn") != "arn:aws:lambda:us-east-1:123456789012:function:fn" {
		t.Errorf("rotation secretId %q lambda %q", rot.String("secretId"), rot.String("rotationLambdaArn"))
	}
	if got := rules(t, rot); !reflect.DeepEqual(got, map[string]string{"scheduleExpression": "rate(30 days)"}) {
		t.Errorf("rules = %v; want rate(30 days)", got)
	}
	if _, ok := rot.Inputs["rotateImmediately"]; ok {
		t.Error("rotateImmediately set without RotateImmediatelyOnUpdate")
	}
	perm := m.MustFind(t, permissionType, "rot-invoke")
	for k, want := range map[string]string{
		"action": "lambda:InvokeFunction", "function": "fn", "principal": "secretsmanager.amazonaws.com", "sourceAccount": "123456789012",
	} {
		if got := perm.String(k); got != want {
			t.Errorf("permission %s = %q; want %q", k, got, want)
		}
	}
	pol := m.MustFind(t, rolePolicyType, "rot-policy")
	if pol.String("role") != "fn-role" {
		t.Errorf("policy on role %q; want fn-role", pol.String("role"))
	}
	want := []stmt{
		{Effect: "Allow", Action: []string{"secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"}, Resource: []string{arn}},
		{Effect: "Allow", Action: []string{"secretsmanager:GetRandomPassword"}, Resource: []string{"*"}},
	}
	if got := statements(t, pol); !reflect.DeepEqual(got, want) {
		t.Errorf("statements = %+v; want %+v", got, want)
	}
	deps := strings.Join(rot.DependsOn, " ")
	if !strings.Contains(deps, "::rot-invoke") || !strings.Contains(deps, "::rot-policy") {
		t.Errorf("rotation depends on %v; want the permission and the policy", rot.DependsOn)
	}
}

// rotation-schedule.test.ts 5: with a key, the role may use it through Secrets Manager.
func TestCustomLambdaKMS(t *testing.T) {
	t.Parallel()
	m, _ := customLambda(t, &secrets.SecretArgs{EncryptionKey: pulumi.String(keyARN)}, rotation.RotationScheduleArgs{})
	got := statements(t, m.MustFind(t, rolePolicyType, "rot-policy"))
	want := stmt{Effect: "Allow", Action: []string{"kms:Decrypt", "kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"}, Resource: []string{keyARN},
		Condition: map[string]map[string][]string{"StringEquals": {"kms:ViaService": {"secretsmanager.us-east-1.amazonaws.com"}}}}
	if len(got) != 3 || !reflect.DeepEqual(got[1], want) {
		t.Errorf("statements = %+v; want the KMS statement %+v second", got, want)
	}
}

// rotation-schedule.test.ts 2, 16, 17 and the beyond-CDK schedule options.
func TestScheduleRules(t *testing.T) {
	t.Parallel()
	no := false
	tests := map[string]struct {
		args rotation.RotationScheduleArgs
		want map[string]string
	}{
		"90 days":   {rotation.RotationScheduleArgs{AutomaticallyAfter: 90 * 24 * time.Hour}, map[string]string{"scheduleExpression": "rate(90 days)"}},
		"6 hours":   {rotation.RotationScheduleArgs{AutomaticallyAfter: 6 * time.Hour}, map[string]string{"scheduleExpression": "rate(6 hours)"}},
		"4 hours":   {rotation.RotationScheduleArgs{AutomaticallyAfter: 4 * time.Hour}, map[string]string{"scheduleExpression": "rate(4 hours)"}},
		"1000 days": {rotation.RotationScheduleArgs{AutomaticallyAfter: 1000 * 24 * time.Hour}, map[string]string{"scheduleExpression": "rate(1000 days)"}},
		"36 hours":  {rotation.RotationScheduleArgs{AutomaticallyAfter: 36 * time.Hour}, map[string]string{"scheduleExpression": "rate(36 hours)"}},
		"cron":      {rotation.RotationScheduleArgs{ScheduleExpression: "cron(0 9 * * ? *)"}, map[string]string{"scheduleExpression": "cron(0 9 * * ? *)"}},
		"window":    {rotation.RotationScheduleArgs{AutomaticallyAfter: 7 * 24 * time.Hour, Duration: 3 * time.Hour}, map[string]string{"scheduleExpression": "rate(7 days)", "duration": "3h"}},
		"cron with a window": {rotation.RotationScheduleArgs{ScheduleExpression: "cron(0 16 1,15 * ? *)", Duration: 8 * time.Hour},
			map[string]string{"scheduleExpression": "cron(0 16 1,15 * ? *)", "duration": "8h"}},
		"every 4 hours":      {rotation.RotationScheduleArgs{ScheduleExpression: "cron(0 */4 * * ? *)", Duration: 4 * time.Hour}, map[string]string{"scheduleExpression": "cron(0 */4 * * ? *)", "duration": "4h"}},
		"last day, weekdays": {rotation.RotationScheduleArgs{ScheduleExpression: "cron(0 2 L * ? *)"}, map[string]string{"scheduleExpression": "cron(0 2 L * ? *)"}},
		"hours rate, window": {rotation.RotationScheduleArgs{ScheduleExpression: "rate(12 hours)", Duration: 12 * time.Hour}, map[string]string{"scheduleExpression": "rate(12 hours)", "duration": "12h"}},
		"no rotate":          {rotation.RotationScheduleArgs{RotateImmediatelyOnUpdate: &no}, map[string]string{"scheduleExpression": "rate(30 days)"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m, _ := customLambda(t, nil, tt.args)
			rot := m.MustFind(t, rotationType, "rot-rotation")
			if got := rules(t, rot); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("rules = %v; want %v", got, tt.want)
			}
			if tt.args.RotateImmediatelyOnUpdate != nil {
				if v, _ := rot.Input("rotateImmediately"); !v.IsBool() || v.BoolValue() {
					t.Errorf("rotateImmediately = %v; want false", v)
				}
			}
		})
	}
}

// rotation-schedule.test.ts 14: no automatic schedule deploys the function's permissions but
// no SecretRotation.
func TestNoAutomaticRotation(t *testing.T) {
	t.Parallel()
	m, _ := customLambda(t, nil, rotation.RotationScheduleArgs{AutomaticallyAfter: rotation.NoAutomaticRotation})
	if n := len(m.ByType(rotationType)); n != 0 {
		t.Errorf("%d SecretRotation resources; want none", n)
	}
	m.MustFind(t, permissionType, "rot-invoke")
	m.MustFind(t, rolePolicyType, "rot-policy")
}

// A function given by ARN gets no permission or policy, as CDK's imported functions.
func TestRotationLambdaARN(t *testing.T) {
	t.Parallel()
	m := pulumitest.New()
	run(t, m, func(ctx *pulumi.Context) error {
		s, err := secrets.NewSecret(ctx, "s", &secrets.SecretArgs{DenyAccountRootDelete: true})
		if err != nil {
			return err
		}
		_, err = rotation.NewRotationSchedule(ctx, "rot", &rotation.RotationScheduleArgs{
			Secret: s, RotationLambdaARN: pulumi.String("arn:aws:lambda:us-east-1:123456789012:function:elsewhere"),
		})
		return err
	})
	if got := m.MustFind(t, rotationType, "rot-rotation").String("rotationLambdaArn"); got != "arn:aws:lambda:us-east-1:123456789012:function:elsewhere" {
		t.Errorf("rotationLambdaArn = %q", got)
	}
	if len(m.ByType(permissionType))+len(m.ByType(rolePolicyType)) != 0 {
		t.Error("a function given by ARN got a permission or a policy")
	}
	if len(m.Warnings()) != 0 {
		t.Errorf("warnings %q for a secret that denies root delete", m.Warnings())
	}
}

// rotation-schedule.test.ts 4: a secret imported by name is granted with "-??????".
func TestImportedByName(t *testing.T) {
	t.Parallel()
	m := pulumitest.New()
	run(t, m, func(ctx *pulumi.Context) error {
		fn, err := function(ctx)
		if err != nil {
			return err
		}
		s, err := secrets.FromSecretName(ctx, "imp", pulumi.String("mySecretName"))
		if err != nil {
			return err
		}
		_, err = rotation.NewRotationSchedule(ctx, "rot", &rotation.RotationScheduleArgs{Secret: s, RotationLambda: fn})
		return err
	})
	got := statements(t, m.MustFind(t, rolePolicyType, "rot-policy"))
	if want := "arn:aws:secretsmanager:us-east-1:123456789012:secret:mySecretName-??????"; got[0].Resource[0] != want {
		t.Errorf("resource = %v; want %s", got[0].Resource, want)
	}
	// The rotation names the complete ARN, looked up: the provider reads the complete ARN back
	// into secretId, so a partial one would plan a replacement on every update.
	const partial = "arn:aws:secretsmanager:us-east-1:123456789012:secret:mySecretName"
	if got := m.MustFind(t, rotationType, "rot-rotation").String("secretId"); got != partial+"-"+pulumitest.Suffix(partial) {
		t.Errorf("secretId = %q; want the complete ARN", got)
	}
	lookups := m.Invokes("aws:secretsmanager/getSecret:getSecret")
	if len(lookups) != 1 || lookups[0].Args["arn"].StringValue() != partial {
		t.Errorf("getSecret invokes = %v; want one by the partial ARN", lookups)
	}
}

// CDK denies DeleteSecret to the account root on rotated secrets; ours is declared on the
// secret, so a rotated secret without it gets a warning that says how.
func TestWarnsWithoutDenyRootDelete(t *testing.T) {
	t.Parallel()
	m, _ := customLambda(t, nil, rotation.RotationScheduleArgs{})
	w := m.Warnings()
	if len(w) != 1 || !strings.Contains(w[0], "rotation: rot: the Secret is rotated but its resource policy does not deny secretsmanager:DeleteSecret to the account root") ||
		!strings.Contains(w[0], "set DenyAccountRootDelete: true") {
		t.Errorf("warnings = %q", w)
	}
}

// The rotated secret's value is registered so that rotation cannot bring it back
// (terraform-provider-aws #25168): the version keeps a label of ours, ignores stage changes
// and is replaced delete-first.
func TestRotatedSecretVersionIsRotationSafe(t *testing.T) {
	t.Parallel()
	m, _ := customLambda(t, nil, rotation.RotationScheduleArgs{})
	v := m.MustFind(t, "aws:secretsmanager/secretVersion:SecretVersion", "s-version")
	stages, _ := v.Input("versionStages")
	var got []string
	for _, s := range stages.ArrayValue() {
		got = append(got, s.StringValue())
	}
	if !reflect.DeepEqual(got, []string{"AWSCURRENT", secrets.ManagedVersionStage}) || !reflect.DeepEqual(v.IgnoreChanges, []string{"versionStages"}) || !v.DeleteBeforeReplace {
		t.Errorf("version stages %v ignoreChanges %v deleteBeforeReplace %v", got, v.IgnoreChanges, v.DeleteBeforeReplace)
	}
}

// CDK V12–V14 and the other schedule errors, by their text.
func TestScheduleErrors(t *testing.T) {
	t.Parallel()
	arnIn := pulumi.String("arn:aws:lambda:us-east-1:123456789012:function:f")
	tests := map[string]struct {
		args func(s secrets.Reference) *rotation.RotationScheduleArgs
		want string
	}{
		"neither (V12)": {func(s secrets.Reference) *rotation.RotationScheduleArgs {
			return &rotation.RotationScheduleArgs{Secret: s}
		}, "rotation: rot: exactly one of RotationLambda, RotationLambdaARN, HostedRotation, GoRotation and RotationFunction must be given, got none"},
		"both (V12)": {func(s secrets.Reference) *rotation.RotationScheduleArgs {
			return &rotation.RotationScheduleArgs{Secret: s, RotationLambdaARN: arnIn, HostedRotation: rotation.MySQLSingleUser(nil)}
		}, "got RotationLambdaARN and HostedRotation"},
		"too short (V13)": {func(s secrets.Reference) *rotation.RotationScheduleArgs {
			return &rotation.RotationScheduleArgs{Secret: s, RotationLambdaARN: arnIn, AutomaticallyAfter: 3 * time.Hour}
		}, "rotation: rot: AutomaticallyAfter must not be smaller than 4 hours, got 3 hours"},
		"too long (V14)": {func(s secrets.Reference) *rotation.RotationScheduleArgs {
			return &rotation.RotationScheduleArgs{Secret: s, RotationLambdaARN: arnIn, AutomaticallyAfter: 1001 * 24 * time.Hour}
		}, "rotation: rot: AutomaticallyAfter must not be greater than 1000 days, got 1001 days"},
		"minutes": {func(s secrets.Reference) *rotation.RotationScheduleArgs {
			return &rotation.RotationScheduleArgs{Secret: s, RotationLambdaARN: arnIn, AutomaticallyAfter: 4*time.Hour + 30*time.Minute}
		}, "rotation: rot: AutomaticallyAfter must be a whole number of hours, got 4h30m0s"},
		"negative": {func(s secrets.Reference) *rotation.RotationScheduleArgs {
			return &rotation.RotationScheduleArgs{Secret: s, RotationLambdaARN: arnIn, AutomaticallyAfter: -time.Hour}
		}, "AutomaticallyAfter must be positive (or rotation.NoAutomaticRotation), got -1h0m0s"},
		"both schedules": {func(s secrets.Reference) *rotation.RotationScheduleArgs {
			return &rotation.RotationScheduleArgs{Secret: s, RotationLambdaARN: arnIn, AutomaticallyAfter: 24 * time.Hour, ScheduleExpression: "rate(1 days)"}
		}, "rotation: rot: AutomaticallyAfter and ScheduleExpression cannot both be given"},
		"bad expression": {func(s secrets.Reference) *rotation.RotationScheduleArgs {
			return &rotation.RotationScheduleArgs{Secret: s, RotationLambdaARN: arnIn, ScheduleExpression: "every day"}
		}, `rotation: rot: ScheduleExpression must be a cron(...) or rate(...) expression, got "every day"`},
		"bad window": {func(s secrets.Reference) *rotation.RotationScheduleArgs {
			return &rotation.RotationScheduleArgs{Secret: s, RotationLambdaARN: arnIn, Duration: 25 * time.Hour}
		}, `rotation: rot: Duration must be a rotation window of whole hours from 1 to 24, such as 3 * time.Hour, got 25h0m0s`},
		"window in minutes": {func(s secrets.Reference) *rotation.RotationScheduleArgs {
			return &rotation.RotationScheduleArgs{Secret: s, RotationLambdaARN: arnIn, Duration: 90 * time.Minute}
		}, `Duration must be a rotation window of whole hours from 1 to 24, such as 3 * time.Hour, got 1h30m0s`},
		"negative window": {func(s secrets.Reference) *rotation.RotationScheduleArgs {
			return &rotation.RotationScheduleArgs{Secret: s, RotationLambdaARN: arnIn, Duration: -3 * time.Hour}
		}, `Duration must be a rotation window of whole hours from 1 to 24, such as 3 * time.Hour, got -3h0m0s`},
		"window without schedule": {func(s secrets.Reference) *rotation.RotationScheduleArgs {
			return &rotation.RotationScheduleArgs{Secret: s, RotationLambdaARN: arnIn, AutomaticallyAfter: rotation.NoAutomaticRotation, Duration: 3 * time.Hour}
		}, "rotation: rot: Duration needs a schedule: it cannot go with NoAutomaticRotation"},
		"rate too often": {func(s secrets.Reference) *rotation.RotationScheduleArgs {
			return &rotation.RotationScheduleArgs{Secret: s, RotationLambdaARN: arnIn, ScheduleExpression: "rate(2 hours)"}
		}, `rotation: rot: ScheduleExpression "rate(2 hours)" must rotate from every 4 hours to every 1000 days`},
		"rate too rare": {func(s secrets.Reference) *rotation.RotationScheduleArgs {
			return &rotation.RotationScheduleArgs{Secret: s, RotationLambdaARN: arnIn, ScheduleExpression: "rate(1001 days)"}
		}, `rotation: rot: ScheduleExpression "rate(1001 days)" must rotate from every 4 hours to every 1000 days`},
		"rate unit": {func(s secrets.Reference) *rotation.RotationScheduleArgs {
			return &rotation.RotationScheduleArgs{Secret: s, RotationLambdaARN: arnIn, ScheduleExpression: "rate(5 minutes)"}
		}, `rotation: rot: ScheduleExpression must be a cron(...) or rate(...) expression, got "rate(5 minutes)"`},
		"cron of five fields": {func(s secrets.Reference) *rotation.RotationScheduleArgs {
			return &rotation.RotationScheduleArgs{Secret: s, RotationLambdaARN: arnIn, ScheduleExpression: "cron(0 9 * * *)"}
		}, `rotation: rot: ScheduleExpression "cron(0 9 * * *)" is not a cron expression of Secrets Manager's six fields (minutes hours day-of-month month day-of-week year)`},
		"cron too often": {func(s secrets.Reference) *rotation.RotationScheduleArgs {
			return &rotation.RotationScheduleArgs{Secret: s, RotationLambdaARN: arnIn, ScheduleExpression: "cron(0 */2 * * ? *)"}
		}, `rotation: rot: ScheduleExpression "cron(0 */2 * * ? *)" rotates more often than every 4 hours, which Secrets Manager does not allow`},
		"window past midnight": {func(s secrets.Reference) *rotation.RotationScheduleArgs {
			return &rotation.RotationScheduleArgs{Secret: s, RotationLambdaARN: arnIn, ScheduleExpression: "cron(0 22 ? * MON *)", Duration: 4 * time.Hour}
		}, `rotation: rot: Duration 4h0m0s from 22:00 ("cron(0 22 ? * MON *)") would run into the next UTC day`},
		"window into the next": {func(s secrets.Reference) *rotation.RotationScheduleArgs {
			return &rotation.RotationScheduleArgs{Secret: s, RotationLambdaARN: arnIn, ScheduleExpression: "cron(0 0,6,12,18 * * ? *)", Duration: 8 * time.Hour}
		}, `rotation: rot: Duration 8h0m0s is longer than the time between rotations of "cron(0 0,6,12,18 * * ? *)"`},
		"window longer than the rate": {func(s secrets.Reference) *rotation.RotationScheduleArgs {
			return &rotation.RotationScheduleArgs{Secret: s, RotationLambdaARN: arnIn, AutomaticallyAfter: 6 * time.Hour, Duration: 8 * time.Hour}
		}, `rotation: rot: Duration 8h0m0s is longer than the 6h0m0s between rotations of "rate(6 hours)"`},
		"no secret": {func(secrets.Reference) *rotation.RotationScheduleArgs {
			return &rotation.RotationScheduleArgs{RotationLambdaARN: arnIn}
		}, "rotation: rot: Secret is required"},
		"a layer, not a function": {func(s secrets.Reference) *rotation.RotationScheduleArgs {
			return &rotation.RotationScheduleArgs{Secret: s, RotationLambdaARN: pulumi.String("arn:aws:lambda:us-east-1:123456789012:layer:l:1")}
		}, `rotation: rot: RotationLambdaARN must be a Lambda function's ARN (arn:<partition>:lambda:<region>:<account>:function:<name>), got "arn:aws:lambda:us-east-1:123456789012:layer:l:1"`},
		"an empty function ARN": {func(s secrets.Reference) *rotation.RotationScheduleArgs {
			return &rotation.RotationScheduleArgs{Secret: s, RotationLambdaARN: pulumi.String("")}
		}, `rotation: rot: RotationLambdaARN must be a Lambda function's ARN`},
		"immediately without a schedule": {func(s secrets.Reference) *rotation.RotationScheduleArgs {
			now := true
			return &rotation.RotationScheduleArgs{Secret: s, RotationLambdaARN: arnIn, AutomaticallyAfter: rotation.NoAutomaticRotation, RotateImmediatelyOnUpdate: &now}
		}, "rotation: rot: RotateImmediatelyOnUpdate needs a schedule: it cannot go with NoAutomaticRotation"},
		"a zero HostedRotation": {func(s secrets.Reference) *rotation.RotationScheduleArgs {
			return &rotation.RotationScheduleArgs{Secret: s, HostedRotation: &rotation.HostedRotation{}}
		}, "rotation: rot: HostedRotation must be made with one of its factories, such as rotation.MySQLSingleUser"},
		"a nil *Secret": {func(secrets.Reference) *rotation.RotationScheduleArgs {
			return &rotation.RotationScheduleArgs{Secret: (*secrets.Secret)(nil), RotationLambdaARN: arnIn}
		}, "rotation: rot: Secret is required"},
		"a nil *ImportedSecret": {func(secrets.Reference) *rotation.RotationScheduleArgs {
			return &rotation.RotationScheduleArgs{Secret: (*secrets.ImportedSecret)(nil), RotationLambdaARN: arnIn}
		}, "rotation: rot: Secret is required"},
		"a nil master secret": {func(s secrets.Reference) *rotation.RotationScheduleArgs {
			return &rotation.RotationScheduleArgs{Secret: s, HostedRotation: rotation.PostgreSQLMultiUser((*secrets.Secret)(nil), nil)}
		}, "rotation: rot: HostedRotation PostgreSQLMultiUser: the master secret must be specified when using the multi user scheme"},
		"multi user without master (V15)": {func(s secrets.Reference) *rotation.RotationScheduleArgs {
			return &rotation.RotationScheduleArgs{Secret: s, HostedRotation: rotation.PostgreSQLMultiUser(nil, nil)}
		}, "rotation: rot: HostedRotation PostgreSQLMultiUser: the master secret must be specified when using the multi user scheme"},
		"groups without VPC (V16)": {func(s secrets.Reference) *rotation.RotationScheduleArgs {
			return &rotation.RotationScheduleArgs{Secret: s, HostedRotation: rotation.MySQLSingleUser(&rotation.HostedRotationOptions{SecurityGroupIDs: pulumi.StringArray{pulumi.String("sg-1")}})}
		}, "rotation: rot: HostedRotation MySQLSingleUser: VPC must be specified when specifying SecurityGroupIDs"},
		"VPC without subnets": {func(s secrets.Reference) *rotation.RotationScheduleArgs {
			return &rotation.RotationScheduleArgs{Secret: s, HostedRotation: rotation.MySQLSingleUser(&rotation.HostedRotationOptions{VPC: &rotation.VPC{ID: pulumi.String("vpc-1")}})}
		}, "rotation: rot: HostedRotation MySQLSingleUser: VPC needs both ID and SubnetIDs"},
		"long function name": {func(s secrets.Reference) *rotation.RotationScheduleArgs {
			return &rotation.RotationScheduleArgs{Secret: s, HostedRotation: rotation.MySQLSingleUser(&rotation.HostedRotationOptions{FunctionName: strings.Repeat("f", 65)})}
		}, "rotation: rot: HostedRotation MySQLSingleUser: FunctionName must be 1 to 64 letters, digits, - and _"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m := pulumitest.New()
			err := m.Run(func(ctx *pulumi.Context) error {
				s, err := secrets.FromSecretCompleteARN(ctx, "imp", pulumi.String("arn:aws:secretsmanager:us-east-1:123456789012:secret:s-AbC123"))
				if err != nil {
					return err
				}
				_, err = rotation.NewRotationSchedule(ctx, "rot", tt.args(s))
				return err
			})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v; want %q", err, tt.want)
			}
			if len(m.Resources()) != 0 {
				t.Error("resources were registered before the error")
			}
		})
	}
}
