package e2e

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/e2e/provider"
	"github.com/secretsmith/secretsmith/rotation"
	"github.com/secretsmith/secretsmith/secrets"
)

// The value lifecycle, scenario by scenario (S1–S10), each through the real engine against
// the emulator. "rotate" is what a rotation function does, with the same Secrets Manager
// calls: createSecret puts the new value as AWSPENDING, finishSecret moves AWSCURRENT to it
// (AWS moves AWSPREVIOUS to the old current version), and the service then drops
// AWSPENDING. What each scenario asserts is read back from the emulator.
//
// Where the outcome rests on the stand-in provider's reading of the upstream one, the test
// says which upstream function decides it.

// spec is what the scenario's program declares; a test changes it between commands.
type spec struct {
	name      string
	explicit  string // SecretStringValue, when set
	template  string // SecretStringTemplate with the "password" key, when set
	length    int    // PasswordLength
	host      string // Target host, when set
	retain    bool
	rotateARN string        // a RotationSchedule with this function, when set
	every     time.Duration // the schedule's AutomaticallyAfter (the default when zero)
	candidate string        // a LabelledVersion "v2-candidate" with this value, when set
	gone      bool          // the program declares nothing
	denyRoot  bool          // DenyAccountRootDelete (a SecretPolicy)
}

func (sp *spec) program(ctx *pulumi.Context) error {
	if sp.gone {
		return nil
	}
	args := &secrets.SecretArgs{SecretName: pulumi.String(sp.name), RecoveryWindowInDays: pulumi.IntRef(0), DenyAccountRootDelete: sp.denyRoot}
	switch {
	case sp.explicit != "":
		args.SecretStringValue = pulumi.String(sp.explicit)
	case sp.template != "":
		args.GenerateSecretString = &secrets.SecretStringGenerator{
			SecretStringTemplate: sp.template, GenerateStringKey: "password", PasswordLength: sp.length, ExcludeCharacters: `"\/@`,
		}
	default:
		args.GenerateSecretString = &secrets.SecretStringGenerator{PasswordLength: sp.length}
	}
	if sp.host != "" {
		args.Target = &secrets.TargetAttachment{Engine: pulumi.String("mysql"), Host: pulumi.String(sp.host), Port: pulumi.Int(3306)}
	}
	if sp.retain {
		args.RemovalPolicy = secrets.RemovalPolicyRetain
	}
	s, err := secrets.NewSecret(ctx, "app", args)
	if err != nil {
		return err
	}
	if sp.rotateARN != "" {
		if _, err := rotation.NewRotationSchedule(ctx, "app-rotation", &rotation.RotationScheduleArgs{
			Secret: s, RotationLambdaARN: pulumi.String(sp.rotateARN), AutomaticallyAfter: sp.every,
		}); err != nil {
			return err
		}
	}
	if sp.candidate != "" {
		if _, err := secrets.NewLabelledVersion(ctx, "app-candidate", &secrets.LabelledVersionArgs{
			Secret: s, Label: "v2-candidate", Value: pulumi.String(sp.candidate),
		}); err != nil {
			return err
		}
	}
	ctx.Export("value", s.SecretValue())
	if sp.template != "" {
		ctx.Export("currentPassword", s.CurrentValueFromJSON("password"))
	}
	return nil
}

func newScenario(t *testing.T, sp *spec) *stack {
	t.Helper()
	st := inlineStack(t, sp.program, nil)
	for _, v := range []string{sp.explicit, sp.candidate} {
		if v != "" {
			st.secrets = append(st.secrets, v)
		}
	}
	t.Cleanup(func() {
		if sp.retain {
			forceDelete(t, sp.name)
		}
	})
	return st
}

// rotate runs the rotation protocol on the secret named name and returns the new value.
// A JSON value gets a new "password" field; any other value is replaced.
func (st *stack) rotate(name string) string {
	st.t.Helper()
	ctx := context.Background()
	c := sm(region)
	cur, err := c.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(name), VersionStage: aws.String("AWSCURRENT")})
	if err != nil {
		st.t.Fatalf("rotate: reading AWSCURRENT: %v", err)
	}
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	pw := "rotated-" + hex.EncodeToString(b)
	st.secrets = append(st.secrets, pw)
	value := pw
	var obj map[string]any
	if json.Unmarshal([]byte(aws.ToString(cur.SecretString)), &obj) == nil && obj != nil {
		obj["password"] = pw
		out, _ := json.Marshal(obj)
		value = string(out)
		st.secrets = append(st.secrets, value)
	}
	tok := provider.ClientRequestToken()
	if _, err := c.PutSecretValue(ctx, &secretsmanager.PutSecretValueInput{ // createSecret
		SecretId: aws.String(name), ClientRequestToken: aws.String(tok), SecretString: aws.String(value), VersionStages: []string{"AWSPENDING"},
	}); err != nil {
		st.t.Fatalf("rotate: createSecret: %v", err)
	}
	if _, err := c.UpdateSecretVersionStage(ctx, &secretsmanager.UpdateSecretVersionStageInput{ // finishSecret
		SecretId: aws.String(name), VersionStage: aws.String("AWSCURRENT"), MoveToVersionId: aws.String(tok), RemoveFromVersionId: cur.VersionId,
	}); err != nil {
		st.t.Fatalf("rotate: finishSecret: %v", err)
	}
	if _, err := c.UpdateSecretVersionStage(ctx, &secretsmanager.UpdateSecretVersionStageInput{
		SecretId: aws.String(name), VersionStage: aws.String("AWSPENDING"), RemoveFromVersionId: aws.String(tok),
	}); err != nil {
		st.t.Fatalf("rotate: dropping AWSPENDING: %v", err)
	}
	return value
}

// assertNothingChanged fails if an up changed anything.
func (st *stack) assertNothingChanged(step string, res auto.UpResult) {
	st.t.Helper()
	if res.Summary.ResourceChanges == nil {
		st.t.Fatalf("%s: the update reported no summary", step)
	}
	for op, n := range *res.Summary.ResourceChanges {
		if op != string(apitype.OpSame) && n > 0 {
			st.t.Errorf("%s: %d resources %s, want none changed", step, n, op)
		}
	}
}

func field(t *testing.T, value, key string) string {
	t.Helper()
	var obj map[string]any
	if err := json.Unmarshal([]byte(value), &obj); err != nil {
		t.Fatalf("the value is not a JSON object (value withheld)")
	}
	s, _ := obj[key].(string)
	return s
}

// S1: up → rotate → refresh → up plans nothing, and AWSCURRENT is the rotated value. The
// refresh reads the initial version still labelled SECRETSMITH (upstream
// resourceSecretVersionRead: found by its ID, so kept).
func TestLifecycleS1RotateRefreshUpChangesNothing(t *testing.T) {
	sp := &spec{name: "e2e/s1", template: `{"username":"app"}`}
	st := newScenario(t, sp)
	st.up()
	rotated := st.rotate(sp.name)
	st.refresh()
	st.expectNoChanges("rotate and refresh")
	st.assertNothingChanged("up after rotate and refresh", st.up())
	if valueAt(t, sp.name, "AWSCURRENT") != rotated {
		t.Error("AWSCURRENT is not the rotated value")
	}
	st.assertNoPlainSecrets()
	st.destroy()
}

// S2: up(v1) → rotate → refresh → v2 → up: AWSCURRENT and SecretValue() are v2. The
// replacement deletes first (upstream resourceSecretVersionDelete takes SECRETSMITH off the
// old version, which the refresh left holding it) and creates v2 with the program's stages.
func TestLifecycleS2NewValueAfterRotation(t *testing.T) {
	sp := &spec{name: "e2e/s2", explicit: "first-explicit-value"}
	st := newScenario(t, sp)
	st.up()
	st.rotate(sp.name)
	st.refresh()
	sp.explicit = "second-explicit-value"
	st.secrets = append(st.secrets, sp.explicit)
	res := st.up()
	if valueAt(t, sp.name, "AWSCURRENT") != sp.explicit {
		t.Error("AWSCURRENT is not the new value")
	}
	if v, _ := res.Outputs["value"].Value.(string); v != sp.explicit || !res.Outputs["value"].Secret {
		t.Error("SecretValue() is not the new value, as a secret")
	}
	st.expectNoChanges("the new value")
	st.destroy()
}

// S3: up(generated) → rotate twice → refresh → change PasswordLength → up: AWSCURRENT is the
// newly generated password.
func TestLifecycleS3NewGeneratorAfterRotations(t *testing.T) {
	sp := &spec{name: "e2e/s3", template: `{"username":"app"}`, length: 24}
	st := newScenario(t, sp)
	st.up()
	st.addSecretsFrom(sp.name)
	st.rotate(sp.name)
	second := st.rotate(sp.name)
	st.refresh()
	sp.length = 40
	st.up()
	st.addSecretsFrom(sp.name)
	got := valueAt(t, sp.name, "AWSCURRENT")
	if pw := field(t, got, "password"); len(pw) != 40 || got == second {
		t.Errorf("AWSCURRENT's password has %d characters (rotated value kept: %v), want a new one of 40", len(pw), got == second)
	}
	st.expectNoChanges("the new generator")
	st.assertNoPlainSecrets()
	st.destroy()
}

// S4: up(template + Target host A) → rotate → host B → up: AWSCURRENT holds host B and the
// rotated password, as CloudFormation's SecretTargetAttachment merges into the current value.
func TestLifecycleS4TargetMovesAfterRotation(t *testing.T) {
	sp := &spec{name: "e2e/s4", template: `{"username":"app"}`, host: "a.db.internal"}
	st := newScenario(t, sp)
	st.up()
	st.addSecretsFrom(sp.name)
	// Without a rotation, secretsmith's version is AWSCURRENT: the new host is merged into it.
	initial := field(t, valueAt(t, sp.name, "AWSCURRENT"), "password")
	sp.host = "a2.db.internal"
	st.up()
	if got := valueAt(t, sp.name, "AWSCURRENT"); field(t, got, "host") != "a2.db.internal" || field(t, got, "password") != initial {
		t.Error("before any rotation, a new host did not keep the password or did not land")
	}
	rotated := st.rotate(sp.name)
	sp.host = "b.db.internal"
	res := st.up()
	got := valueAt(t, sp.name, "AWSCURRENT")
	if cur := res.Outputs["currentPassword"]; cur.Value != field(t, rotated, "password") || !cur.Secret {
		t.Error("CurrentValueFromJSON(\"password\") is not the rotated password, as a secret")
	}
	if field(t, got, "host") != "b.db.internal" {
		t.Errorf("AWSCURRENT's host is %q, want b.db.internal", field(t, got, "host"))
	}
	if field(t, got, "password") != field(t, rotated, "password") {
		t.Error("AWSCURRENT's password is not the rotated one")
	}
	st.expectNoChanges("the new host")
	st.assertNothingChanged("a second up", st.up())
	st.assertNoPlainSecrets()
	st.destroy()
}

// S5: up(template) → rotate → change a template field → up: AWSCURRENT holds the new field
// and the rotated password.
func TestLifecycleS5TemplateFieldAfterRotation(t *testing.T) {
	sp := &spec{name: "e2e/s5", template: `{"username":"app"}`}
	st := newScenario(t, sp)
	st.up()
	st.addSecretsFrom(sp.name)
	rotated := st.rotate(sp.name)
	sp.template = `{"username":"app2"}`
	st.up()
	got := valueAt(t, sp.name, "AWSCURRENT")
	if field(t, got, "username") != "app2" {
		t.Errorf("AWSCURRENT's username is %q, want app2", field(t, got, "username"))
	}
	if field(t, got, "password") != field(t, rotated, "password") {
		t.Error("AWSCURRENT's password is not the rotated one")
	}
	st.expectNoChanges("the new template")
	st.destroy()
}

// S6: v1 → v2 → v3 without rotation: AWSCURRENT is v3, v2 is AWSPREVIOUS and v1, left
// without labels, is deprecated (not listed); each up after plans nothing.
func TestLifecycleS6NewValuesWithoutRotation(t *testing.T) {
	sp := &spec{name: "e2e/s6", explicit: "value-one-not-secret"}
	st := newScenario(t, sp)
	st.up()
	for _, v := range []string{"value-two-not-secret", "value-three-not-secret"} {
		sp.explicit = v
		st.secrets = append(st.secrets, v)
		st.up()
		st.expectNoChanges("a new value")
	}
	labels, n := stages(t, sp.name)
	if valueAt(t, sp.name, "AWSCURRENT") != "value-three-not-secret" || valueAt(t, sp.name, "AWSPREVIOUS") != "value-two-not-secret" {
		t.Error("AWSCURRENT is not v3, or AWSPREVIOUS not v2")
	}
	if n != 2 || labels["AWSCURRENT"] != labels["SECRETSMITH"] {
		t.Errorf("%d versions with labels %v, want 2: v3 current and ours, v2 previous", n, labels)
	}
	st.destroy()
}

// S7: up → rotate → up --refresh twice: the second plans nothing.
func TestLifecycleS7UpRefreshTwice(t *testing.T) {
	sp := &spec{name: "e2e/s7", template: `{"username":"app"}`}
	st := newScenario(t, sp)
	st.up()
	rotated := st.rotate(sp.name)
	st.upRefresh()
	st.assertNothingChanged("the second up --refresh", st.upRefresh())
	if valueAt(t, sp.name, "AWSCURRENT") != rotated {
		t.Error("AWSCURRENT is not the rotated value")
	}
	st.destroy()
}

// S8: up(Retain) → rotate → destroy: the secret and its current value stay in AWS.
func TestLifecycleS8RetainKeepsTheRotatedValue(t *testing.T) {
	sp := &spec{name: "e2e/s8", template: `{"username":"app"}`, retain: true}
	st := newScenario(t, sp)
	st.up()
	rotated := st.rotate(sp.name)
	st.destroy()
	if valueAt(t, sp.name, "AWSCURRENT") != rotated {
		t.Error("after destroy, AWSCURRENT is not the rotated value")
	}
}

// S9: up with a rotation schedule → rotate → remove the schedule → up → v2 → up: AWSCURRENT
// is v2. Removing the schedule cancels rotation (upstream resourceSecretRotationDelete).
func TestLifecycleS9NewValueAfterRotationEnds(t *testing.T) {
	sp := &spec{name: "e2e/s9", explicit: "first-explicit-value", rotateARN: rotationFunction(t, "e2e-s9-rotation")}
	st := newScenario(t, sp)
	st.up()
	st.rotate(sp.name)
	sp.rotateARN = ""
	st.up()
	sp.explicit = "second-explicit-value"
	st.secrets = append(st.secrets, sp.explicit)
	st.up()
	if valueAt(t, sp.name, "AWSCURRENT") != sp.explicit {
		t.Error("AWSCURRENT is not v2")
	}
	d, err := sm(region).DescribeSecret(context.Background(), &secretsmanager.DescribeSecretInput{SecretId: aws.String(sp.name)})
	if err != nil || aws.ToBool(d.RotationEnabled) {
		t.Errorf("rotation still enabled after the schedule was removed (err %v)", err)
	}
	st.destroy()
}

// S10: an imported secret, rotated, refreshed, up: nothing is written to it.
func TestLifecycleS10ImportsWriteNothing(t *testing.T) {
	name := "e2e/s10"
	created, err := sm(region).CreateSecret(context.Background(), &secretsmanager.CreateSecretInput{
		Name: aws.String(name), SecretString: aws.String(`{"username":"legacy","password":"legacy-password-1"}`),
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { forceDelete(t, name) })
	st := inlineStack(t, func(ctx *pulumi.Context) error {
		imp, err := secrets.FromSecretCompleteARN(ctx, "legacy", pulumi.String(aws.ToString(created.ARN)))
		if err != nil {
			return err
		}
		ctx.Export("password", imp.SecretValueFromJSON("password"))
		return nil
	}, nil)
	st.secrets = append(st.secrets, "legacy-password-1")
	st.up()
	rotated := st.rotate(name)
	st.refresh()
	st.assertNothingChanged("up after rotate and refresh", st.up())
	_, n := stages(t, name)
	if valueAt(t, name, "AWSCURRENT") != rotated || n != 2 {
		t.Errorf("after up: %d versions and AWSCURRENT rotated %v; want the 2 versions rotation left", n, valueAt(t, name, "AWSCURRENT") == rotated)
	}
	st.assertNoPlainSecrets()
	st.destroy()
}

// S11: a labelled version beside the current one: rotation leaves it alone, refresh and up
// change nothing, a new candidate value takes the label, and removing it removes the label.
func TestLifecycleS11LabelledVersionBesideRotation(t *testing.T) {
	sp := &spec{name: "e2e/s11", template: `{"username":"app"}`, candidate: "candidate-value-one"}
	st := newScenario(t, sp)
	st.up()
	rotated := st.rotate(sp.name)
	st.refresh()
	st.expectNoChanges("rotate and refresh with a labelled version")
	st.assertNothingChanged("up after rotate and refresh", st.up())
	if valueAt(t, sp.name, "v2-candidate") != sp.candidate || valueAt(t, sp.name, "AWSCURRENT") != rotated {
		t.Error("the labelled version or AWSCURRENT moved")
	}
	sp.candidate = "candidate-value-two"
	st.secrets = append(st.secrets, sp.candidate)
	st.up()
	if valueAt(t, sp.name, "v2-candidate") != sp.candidate || valueAt(t, sp.name, "AWSCURRENT") != rotated {
		t.Error("the new candidate does not hold the label, or AWSCURRENT moved")
	}
	sp.candidate = ""
	st.up()
	if held, _ := stages(t, sp.name); held["v2-candidate"] != "" {
		t.Error("the label stayed after the labelled version left the program")
	}
	st.assertNoPlainSecrets()
	st.destroy()
}
