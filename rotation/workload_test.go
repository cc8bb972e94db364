package rotation_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"testing"
	"weak"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lambda"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi-random/sdk/v4/go/random"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/internal/pulumitest"
	"github.com/secretsmith/secretsmith/rotation"
	"github.com/secretsmith/secretsmith/secrets"
)

// The full-featured workload: n templated, generated secrets named prod/payments/service-NNNN
// and tagged app=payments under one customer managed key, all read by one role and rotated
// by one function. At scale both grants are by tag: exact ARNs pass IAM's quotas at about
// a hundred secrets (TestWorkloadWithinQuotas).

func payments() grants.Scope {
	return grants.Tagged("app", "payments").EncryptedWith(pulumi.String(keyARN))
}

func secretName(i int) string { return fmt.Sprintf("prod/payments/service-%04d", i) }

// paymentsSecret declares the i-th secret of the workload.
func paymentsSecret(i int) *secrets.SecretArgs {
	return &secrets.SecretArgs{
		SecretName:    pulumi.String(secretName(i)),
		EncryptionKey: pulumi.String(keyARN),
		Tags:          pulumi.StringMap{"app": pulumi.String("payments")},
		GenerateSecretString: &secrets.SecretStringGenerator{
			SecretStringTemplate: `{"username":"svc"}`, GenerateStringKey: "password",
		},
		DenyAccountRootDelete: true,
	}
}

// shared makes what the workload's secrets share: the role's read grant and the rotation
// function, both by tag.
func shared(ctx *pulumi.Context) (*rotation.RotationFunction, error) {
	role, fn, err := roleAndFunction(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := grants.New(ctx, "app-read", grants.Role(role), grants.Read, payments()); err != nil {
		return nil, err
	}
	return rotation.NewRotationFunction(ctx, "rotator", &rotation.RotationFunctionArgs{Function: fn, Secrets: payments()})
}

// workload is the program through secretsmith's sets: one SecretSet and one
// RotationScheduleSet for all n secrets.
func workload(n int) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		rf, err := shared(ctx)
		if err != nil {
			return err
		}
		declared := make(map[string]*secrets.SecretArgs, n)
		for i := range n {
			declared[fmt.Sprintf("s%04d", i)] = paymentsSecret(i)
		}
		set, err := secrets.NewSecretSet(ctx, "payments", &secrets.SecretSetArgs{Secrets: declared})
		if err != nil {
			return err
		}
		_, err = rotation.NewRotationScheduleSet(ctx, "payments-rotation", &rotation.RotationScheduleSetArgs{
			Secrets: set.References(), RotationFunction: rf,
		})
		return err
	}
}

// perSecret is the same program with a Secret and a RotationSchedule per secret.
func perSecret(n int) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		rf, err := shared(ctx)
		if err != nil {
			return err
		}
		for i := range n {
			name := fmt.Sprintf("s%04d", i)
			s, err := secrets.NewSecret(ctx, name, paymentsSecret(i))
			if err != nil {
				return err
			}
			if _, err := rotation.NewRotationSchedule(ctx, name+"-rotation", &rotation.RotationScheduleArgs{Secret: s, RotationFunction: rf}); err != nil {
				return err
			}
		}
		return nil
	}
}

// handWritten is the floor: the same AWS and random resources registered by hand, with the
// policies written out and a fixed value in place of the generated one.
func handWritten(n int) pulumi.RunFunc { return byHand(n, fixedValue) }

// handGenerated is what a program written by hand does to generate the same templated
// values: a random password per secret and an apply that puts it in the template, with no
// read of what AWS holds.
func handGenerated(n int) pulumi.RunFunc { return byHand(n, generatedValue) }

// handKept is what a program written by hand does to generate the same values and keep a
// rotated password as secretsmith does: a random password per secret, and one apply that,
// at deploy time, reads the secret's versions and writes the template with the password
// only when AWS holds no version labelled SECRETSMITH (the one it wrote), else keeps that
// version's value. It is simpler than secretsmith (a changed template is never merged in),
// so it is a floor for the same read.
func handKept(n int) pulumi.RunFunc { return byHand(n, keptValue) }

// fixedValue registers a secret's random bytes, unused, and gives it a fixed value.
func fixedValue(ctx *pulumi.Context, name string, _ *secretsmanager.Secret) (pulumi.StringInput, error) {
	if _, err := random.NewRandomBytes(ctx, name+"-seed", &random.RandomBytesArgs{Length: pulumi.Int(32)}); err != nil {
		return nil, err
	}
	return pulumi.ToSecret(pulumi.String(`{"password":"x","username":"svc"}`)).(pulumi.StringOutput), nil
}

// generatedValue registers a secret's random password and puts it in the template.
func generatedValue(ctx *pulumi.Context, name string, _ *secretsmanager.Secret) (pulumi.StringInput, error) {
	pw, err := password(ctx, name)
	if err != nil {
		return nil, err
	}
	return pw.Result.ApplyT(templated).(pulumi.StringOutput), nil
}

// keptValue registers a secret's random password and, once the secret's ARN is known, puts
// it in the template unless AWS holds the version the program wrote, whose value it keeps.
func keptValue(ctx *pulumi.Context, name string, sec *secretsmanager.Secret) (pulumi.StringInput, error) {
	pw, err := password(ctx, name)
	if err != nil {
		return nil, err
	}
	return pulumi.All(sec.Arn, pw.Result).ApplyT(func(v []any) (pulumi.StringOutput, error) {
		arn := v[0].(string)
		versions, err := secretsmanager.GetSecretVersions(ctx, &secretsmanager.GetSecretVersionsArgs{SecretId: arn})
		if err != nil {
			return pulumi.StringOutput{}, err
		}
		for _, ver := range versions.Versions {
			if slices.Contains(ver.VersionStages, secrets.ManagedVersionStage) {
				return secretsmanager.LookupSecretVersionOutput(ctx, secretsmanager.LookupSecretVersionOutputArgs{
					SecretId: pulumi.String(arn), VersionId: pulumi.String(ver.VersionId),
				}).SecretString(), nil
			}
		}
		value, err := templated(v[1].(string))
		return pulumi.String(value).ToStringOutput(), err
	}).(pulumi.StringOutput), nil
}

// password registers a secret's random password, as a program by hand does.
func password(ctx *pulumi.Context, name string) (*random.RandomPassword, error) {
	return random.NewRandomPassword(ctx, name+"-password", &random.RandomPasswordArgs{Length: pulumi.Int(32)})
}

// templated is the workload's template with password.
func templated(password string) (string, error) {
	b, err := json.Marshal(map[string]string{"password": password, "username": "svc"})
	return string(b), err
}

// byHand registers the workload's resources by hand, each secret's value from value.
func byHand(n int, value func(ctx *pulumi.Context, name string, sec *secretsmanager.Secret) (pulumi.StringInput, error)) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		role, fn, err := roleAndFunction(ctx)
		if err != nil {
			return err
		}
		const kms = `{"Effect":"Allow","Action":[%s],"Resource":["` + keyARN + `"],"Condition":{"StringEquals":{"kms:ViaService":["secretsmanager.us-east-1.amazonaws.com"]}}}`
		const tagged = `"Resource":["arn:aws:secretsmanager:us-east-1:123456789012:secret:*"],"Condition":{"StringEquals":{"secretsmanager:ResourceTag/app":["payments"]}}`
		if _, err := iam.NewRolePolicy(ctx, "app-read-policy", &iam.RolePolicyArgs{Role: role.Name, Policy: pulumi.String(
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["secretsmanager:GetSecretValue","secretsmanager:DescribeSecret"],` + tagged + `},` +
				fmt.Sprintf(kms, `"kms:Decrypt"`) + `]}`)}); err != nil {
			return err
		}
		perm, err := lambda.NewPermission(ctx, "rotator-invoke", &lambda.PermissionArgs{
			Action: pulumi.String("lambda:InvokeFunction"), Function: fn.Name,
			Principal: pulumi.String("secretsmanager.amazonaws.com"), SourceAccount: pulumi.String("123456789012"),
		})
		if err != nil {
			return err
		}
		policy, err := iam.NewRolePolicy(ctx, "rotator-policy", &iam.RolePolicyArgs{Role: pulumi.String("fn-role"), Policy: pulumi.String(
			`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["secretsmanager:DescribeSecret","secretsmanager:GetSecretValue","secretsmanager:PutSecretValue","secretsmanager:UpdateSecretVersionStage"],` +
				tagged + `},` + fmt.Sprintf(kms, `"kms:Decrypt","kms:Encrypt","kms:ReEncrypt*","kms:GenerateDataKey*"`) +
				`,{"Effect":"Allow","Action":["secretsmanager:GetRandomPassword"],"Resource":["*"]}]}`)})
		if err != nil {
			return err
		}
		for i := range n {
			name := fmt.Sprintf("s%04d", i)
			sec, err := secretsmanager.NewSecret(ctx, name+"-secret", &secretsmanager.SecretArgs{
				Name: pulumi.String(secretName(i)), KmsKeyId: pulumi.String(keyARN),
				Tags: pulumi.StringMap{"app": pulumi.String("payments")},
			})
			if err != nil {
				return err
			}
			v, err := value(ctx, name, sec)
			if err != nil {
				return err
			}
			if _, err := secretsmanager.NewSecretVersion(ctx, name+"-version", &secretsmanager.SecretVersionArgs{
				SecretId:      sec.ID(),
				SecretString:  v,
				VersionStages: pulumi.ToStringArray([]string{"AWSCURRENT", "SECRETSMITH"}),
			}, pulumi.IgnoreChanges([]string{"versionStages"}), pulumi.DeleteBeforeReplace(true)); err != nil {
				return err
			}
			if _, err := secretsmanager.NewSecretPolicy(ctx, name+"-policy", &secretsmanager.SecretPolicyArgs{
				SecretArn: sec.Arn, BlockPublicPolicy: pulumi.Bool(true),
				Policy: pulumi.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":{"AWS":["arn:aws:iam::123456789012:root"]},"Action":["secretsmanager:DeleteSecret"],"Resource":["*"]}]}`),
			}); err != nil {
				return err
			}
			if _, err := secretsmanager.NewSecretRotation(ctx, name+"-rotation", &secretsmanager.SecretRotationArgs{
				SecretId: sec.Arn, RotationLambdaArn: fn.Arn,
				RotationRules: secretsmanager.SecretRotationRotationRulesArgs{ScheduleExpression: pulumi.String("rate(30 days)")},
			}, pulumi.DependsOn([]pulumi.Resource{perm, policy})); err != nil {
				return err
			}
		}
		return nil
	}
}

func roleAndFunction(ctx *pulumi.Context) (*iam.Role, *lambda.Function, error) {
	role, err := iam.NewRole(ctx, "app", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(`{}`)})
	if err != nil {
		return nil, nil, err
	}
	fn, err := function(ctx)
	return role, fn, err
}

// BenchmarkWorkload runs the workload through secretsmith's sets, through a Secret and a
// RotationSchedule per secret, and by hand at each size, one program per iteration;
// ns/secret and registrations/secret compare them.
//
//	go test -run '^$' -bench Workload -benchtime 3x ./rotation
func BenchmarkWorkload(b *testing.B) {
	for _, n := range []int{10, 100, 1000, 10000} {
		for _, w := range []struct {
			name    string
			program func(int) pulumi.RunFunc
		}{{"sets", workload}, {"per-secret", perSecret}, {"hand-written", handWritten}, {"hand-generated", handGenerated}, {"hand-kept", handKept}} {
			b.Run(fmt.Sprintf("%s/N=%d", w.name, n), func(b *testing.B) {
				b.ReportAllocs()
				// Each program starts from the same heap: the garbage of the one measured
				// before would otherwise raise or lower the collector's goal.
				runtime.GC()
				b.ResetTimer()
				var registered int
				for b.Loop() {
					m := pulumitest.New()
					if err := m.Run(w.program(n)); err != nil {
						b.Fatal(err)
					}
					registered = len(m.Resources())
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/secret")
				b.ReportMetric(float64(registered)/float64(n), "registrations/secret")
			})
		}
	}
}

// At N = 1,000 every IAM policy of the workload is within IAM's quotas: the inline policies
// of each role together, and each managed policy; and the function has one permission.
func TestWorkloadWithinQuotas(t *testing.T) {
	t.Parallel()
	m := pulumitest.New()
	run(t, m, workload(1000))
	inline := map[string]int{}
	for _, p := range m.ByType(rolePolicyType) {
		inline[p.String("role")] += nonSpace(p.String("policy"))
	}
	if len(inline) != 2 {
		t.Errorf("inline policies on %d roles, want 2 (app, fn-role)", len(inline))
	}
	for role, n := range inline {
		if n > grants.RoleInlineQuota {
			t.Errorf("role %s: inline policies total %d characters, over %d", role, n, grants.RoleInlineQuota)
		}
	}
	for _, p := range m.ByType("aws:iam/policy:Policy") {
		if n := nonSpace(p.String("policy")); n > grants.ManagedQuota {
			t.Errorf("managed policy %s: %d characters, over %d", p.Name, n, grants.ManagedQuota)
		}
	}
	if n := len(m.ByType(permissionType)); n != 1 {
		t.Errorf("%d lambda permissions, want 1", n)
	}
	if n := len(m.ByType(rotationType)); n != 1000 {
		t.Errorf("%d rotations, want 1000", n)
	}
}

// A finished program leaves nothing behind in the process: its context, and with it every
// resource it registered, is collected. The grants' quota chains kept every program of a
// process (the Automation API's inline programs, tests, this benchmark) until they held
// their keys weakly.
func TestWorkloadLeavesNothing(t *testing.T) {
	t.Parallel()
	var program weak.Pointer[pulumi.Context]
	run(t, pulumitest.New(), func(ctx *pulumi.Context) error {
		program = weak.Make(ctx)
		return workload(20)(ctx)
	})
	if !pulumitest.Released(program, nil) {
		t.Error("the program's context is still reachable after it finished")
	}
}

func nonSpace(s string) int {
	n := 0
	for _, r := range s {
		if r != ' ' && r != '\t' && r != '\n' && r != '\r' {
			n++
		}
	}
	return n
}

// The programs by hand are the workload's floors: they register the same AWS resources, with
// the same IAM documents and secret policies, and the one that keeps rotated values reads
// what AWS holds once a secret, as the sets do.
func TestFloorsAreTheWorkload(t *testing.T) {
	t.Parallel()
	const n = 3
	type shape struct {
		counts    map[string]int
		documents []string // the role and secret policies, canonical JSON, sorted
		reads     int      // getSecretVersions invokes
	}
	shapeOf := func(program pulumi.RunFunc) shape {
		m := pulumitest.New()
		run(t, m, program)
		s := shape{counts: map[string]int{}}
		for _, r := range m.Resources() {
			if !r.Custom || !strings.HasPrefix(r.Type, "aws:") {
				continue
			}
			s.counts[r.Type]++
			if r.Type == rolePolicyType || r.Type == "aws:secretsmanager/secretPolicy:SecretPolicy" {
				var doc any
				if err := json.Unmarshal([]byte(r.String("policy")), &doc); err != nil {
					t.Fatalf("%s %s: policy is no JSON: %v", r.Type, r.Name, err)
				}
				b, _ := json.Marshal(doc)
				s.documents = append(s.documents, string(b))
			}
		}
		slices.Sort(s.documents)
		s.reads = len(m.Invokes("aws:secretsmanager/getSecretVersions:getSecretVersions"))
		return s
	}
	sets := shapeOf(workload(n))
	if sets.reads != n {
		t.Fatalf("the sets read %d secrets' versions, want %d", sets.reads, n)
	}
	for _, floor := range []struct {
		name    string
		program pulumi.RunFunc
		reads   int
	}{{"hand-written", handWritten(n), 0}, {"hand-generated", handGenerated(n), 0}, {"hand-kept", handKept(n), n}} {
		got := shapeOf(floor.program)
		if !maps.Equal(got.counts, sets.counts) {
			t.Errorf("%s registers %v, the sets %v", floor.name, got.counts, sets.counts)
		}
		if !slices.Equal(got.documents, sets.documents) {
			t.Errorf("%s's policies differ from the sets':\n%s\nwant\n%s", floor.name, strings.Join(got.documents, "\n"), strings.Join(sets.documents, "\n"))
		}
		if got.reads != floor.reads {
			t.Errorf("%s reads %d secrets' versions, want %d", floor.name, got.reads, floor.reads)
		}
	}
}
