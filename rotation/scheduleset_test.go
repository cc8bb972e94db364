package rotation_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/internal/pulumitest"
	"github.com/secretsmith/secretsmith/rotation"
	"github.com/secretsmith/secretsmith/secrets"
)

// scheduleSet rotates the set "app" of secrets a, b and c (c without DenyAccountRootDelete)
// with a function prepared for secrets named app/*, by args.
func scheduleSet(t *testing.T, args rotation.RotationScheduleSetArgs) (*pulumitest.Mock, error) {
	t.Helper()
	m := pulumitest.New()
	err := m.Run(func(ctx *pulumi.Context) error {
		fn, err := function(ctx)
		if err != nil {
			return err
		}
		declared := map[string]*secrets.SecretArgs{}
		for _, k := range []string{"a", "b", "c"} {
			declared[k] = &secrets.SecretArgs{SecretName: pulumi.String("app/" + k), DenyAccountRootDelete: k != "c"}
		}
		set, err := secrets.NewSecretSet(ctx, "app", &secrets.SecretSetArgs{Secrets: declared})
		if err != nil {
			return err
		}
		rf, err := rotation.NewRotationFunction(ctx, "rotator", &rotation.RotationFunctionArgs{Function: fn, Secrets: grants.NamePrefix("app/")})
		if err != nil {
			return err
		}
		if args.Secrets == nil {
			args.Secrets = set.References()
		}
		if args.RotationLambdaARN == nil {
			args.RotationFunction = rf
		}
		_, err = rotation.NewRotationScheduleSet(ctx, "app-rotation", &args)
		return err
	})
	return m, err
}

// One SecretRotation per secret under the set's component, each by the function and after
// its secret's first version, with the function's one permission for them all.
func TestRotationScheduleSet(t *testing.T) {
	t.Parallel()
	m, err := scheduleSet(t, rotation.RotationScheduleSetArgs{ScheduleExpression: "rate(7 days)", Duration: 2 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	set := m.MustFind(t, rotation.RotationScheduleSetType, "app-rotation")
	for _, k := range []string{"a", "b", "c"} {
		r := m.MustFind(t, rotationType, k+"-rotation")
		want := "arn:aws:secretsmanager:us-east-1:123456789012:secret:app/" + k + "-" + pulumitest.Suffix("app/"+k)
		switch {
		case r.Parent != set.URN:
			t.Errorf("%s: parent %q; want the schedule set", r.Name, r.Parent)
		case r.String("secretId") != want:
			t.Errorf("%s: secretId %q; want %s", r.Name, r.String("secretId"), want)
		case r.String("rotationLambdaArn") != "arn:aws:lambda:us-east-1:123456789012:function:fn":
			t.Errorf("%s: rotationLambdaArn %q", r.Name, r.String("rotationLambdaArn"))
		}
		rules := r.Inputs["rotationRules"].ObjectValue()
		if rules["scheduleExpression"].StringValue() != "rate(7 days)" || rules["duration"].StringValue() != "2h" {
			t.Errorf("%s: rules %v", r.Name, rules)
		}
		version := m.MustFind(t, "aws:secretsmanager/secretVersion:SecretVersion", k+"-version")
		perm := m.MustFind(t, permissionType, "rotator-invoke")
		if !contains(r.DependsOn, version.URN) || !contains(r.DependsOn, perm.URN) {
			t.Errorf("%s depends on %v; want its version and the function's permission", r.Name, r.DependsOn)
		}
	}
	if n := len(m.ByType(permissionType)); n != 1 {
		t.Errorf("%d permissions; want the function's one", n)
	}
	if n := len(m.ByType(rotation.RotationScheduleType)); n != 0 {
		t.Errorf("%d RotationSchedule components; want none", n)
	}
	w := m.Warnings()
	if len(w) != 1 || !strings.Contains(w[0], "1 secrets are rotated but their resource policy does not deny") || !strings.Contains(w[0], "(c)") {
		t.Errorf("warnings %q; want one naming c", w)
	}
}

// Every problem at once, a secret's led by its key, before anything of the set is
// registered.
func TestRotationScheduleSetErrors(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		args rotation.RotationScheduleSetArgs
		want []string
	}{
		{"no schedule", rotation.RotationScheduleSetArgs{AutomaticallyAfter: rotation.NoAutomaticRotation}, []string{
			"rotation: app-rotation: NoAutomaticRotation leaves a RotationScheduleSet nothing to deploy: leave the secrets out of it",
		}},
		{"both functions", rotation.RotationScheduleSetArgs{RotationLambdaARN: pulumi.String("arn:aws:lambda:us-east-1:123456789012:function:f"),
			RotationFunction: &rotation.RotationFunction{}}, []string{
			"rotation: app-rotation: exactly one of RotationFunction and RotationLambdaARN must be given",
		}},
		{"no secrets", rotation.RotationScheduleSetArgs{Secrets: map[string]secrets.Reference{}}, []string{
			"rotation: app-rotation: Secrets must hold at least one secret",
		}},
	} {
		m, err := scheduleSet(t, c.args)
		if err == nil || !strings.Contains(err.Error(), strings.Join(c.want, "\n")) {
			t.Errorf("%s: error %v;\nwant %s", c.name, err, strings.Join(c.want, "\n"))
		}
		if len(m.ByType(rotation.RotationScheduleSetType)) != 0 || len(m.ByType(rotationType)) != 0 {
			t.Errorf("%s: the set or a rotation was registered", c.name)
		}
	}
}

// A secret the function's exact Secrets do not cover, or no secret at all, is reported under
// its key.
func TestRotationScheduleSetSecretProblems(t *testing.T) {
	t.Parallel()
	m := pulumitest.New()
	err := m.Run(func(ctx *pulumi.Context) error {
		fn, err := function(ctx)
		if err != nil {
			return err
		}
		covered, err := secrets.NewSecret(ctx, "covered", &secrets.SecretArgs{DenyAccountRootDelete: true})
		if err != nil {
			return err
		}
		outside, err := secrets.FromSecretCompleteARN(ctx, "outside", pulumi.String("arn:aws:secretsmanager:us-east-1:123456789012:secret:other/x-AbCdEf"))
		if err != nil {
			return err
		}
		rf, err := rotation.NewRotationFunction(ctx, "rotator", &rotation.RotationFunctionArgs{Function: fn, Secrets: grants.Secrets(covered)})
		if err != nil {
			return err
		}
		_, err = rotation.NewRotationScheduleSet(ctx, "app-rotation", &rotation.RotationScheduleSetArgs{
			Secrets: map[string]secrets.Reference{"": nil, "covered": covered, "x": outside}, RotationFunction: rf,
		})
		return err
	})
	want := `rotation: app-rotation: Secrets[""]: the key must not be empty: it names the secret's rotation
rotation: app-rotation: Secrets["x"]: the secret is not one of RotationFunction's Secrets: the function's role could not rotate it`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("error %v;\nwant %s", err, want)
	}
	if len(m.ByType(rotationType)) != 0 {
		t.Error("a rotation was registered")
	}
}

func contains(urns []string, urn string) bool {
	for _, u := range urns {
		if u == urn {
			return true
		}
	}
	return false
}
