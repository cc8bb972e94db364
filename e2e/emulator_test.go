package e2e

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"
	"github.com/aws/smithy-go"
)

// The launcher (moto/) corrects moto where its Secrets Manager differs from AWS's API
// reference; these tests pin each correction (the modules quote the sentences), so that a
// scenario never passes on a kindness of moto's.

// versionsOf maps each version of the secret named name to its sorted labels, deprecated
// versions included when deprecated is set.
func versionsOf(t *testing.T, name string, deprecated bool) map[string][]string {
	t.Helper()
	vs, err := sm(region).ListSecretVersionIds(context.Background(), &secretsmanager.ListSecretVersionIdsInput{
		SecretId: aws.String(name), IncludeDeprecated: aws.Bool(deprecated),
	})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, v := range vs.Versions {
		s := slices.Clone(v.VersionStages)
		slices.Sort(s)
		out[aws.ToString(v.VersionId)] = s
	}
	return out
}

// newSecret creates the secret name with value, deleted after the test, and returns its
// first version's ID.
func newSecret(t *testing.T, name, value string) string {
	t.Helper()
	created, err := sm(region).CreateSecret(context.Background(), &secretsmanager.CreateSecretInput{Name: aws.String(name), SecretString: aws.String(value)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { forceDelete(t, name) })
	return aws.ToString(created.VersionId)
}

func put(t *testing.T, name, value string, stages ...string) string {
	t.Helper()
	out, err := sm(region).PutSecretValue(context.Background(), &secretsmanager.PutSecretValueInput{
		SecretId: aws.String(name), SecretString: aws.String(value), VersionStages: stages,
	})
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToString(out.VersionId)
}

func moveLabel(name, label, from, to string) error {
	in := &secretsmanager.UpdateSecretVersionStageInput{SecretId: aws.String(name), VersionStage: aws.String(label)}
	if from != "" {
		in.RemoveFromVersionId = aws.String(from)
	}
	if to != "" {
		in.MoveToVersionId = aws.String(to)
	}
	_, err := sm(region).UpdateSecretVersionStage(context.Background(), in)
	return err
}

func errorCode(err error) string {
	var api smithy.APIError
	if errors.As(err, &api) {
		return api.ErrorCode()
	}
	return ""
}

// PutSecretValue moves every label it is given off the version that had it, AWSCURRENT
// with AWSPREVIOUS following it; other labels stay where they are.
func TestEmulatorPutMovesTheLabelsGiven(t *testing.T) {
	name := "e2e/emulator-put-labels"
	first := newSecret(t, name, "one")
	if err := moveLabel(name, "SECRETSMITH", "", first); err != nil {
		t.Fatal(err)
	}
	second := put(t, name, "two")
	want := map[string][]string{first: {"AWSPREVIOUS", "SECRETSMITH"}, second: {"AWSCURRENT"}}
	if got := versionsOf(t, name, false); !equalVersions(got, want) {
		t.Fatalf("after a second value: %v, want %v", got, want)
	}
	third := put(t, name, "three", "AWSCURRENT", "SECRETSMITH")
	want = map[string][]string{first: {}, second: {"AWSPREVIOUS"}, third: {"AWSCURRENT", "SECRETSMITH"}}
	if got := versionsOf(t, name, true); !equalVersions(got, want) {
		t.Errorf("after a third value labelled SECRETSMITH: %v, want %v", got, want)
	}
}

// UpdateSecretVersionStage fails to attach a label that is on another version unless
// RemoveFromVersionId names that version, never attaches a label twice, and never removes
// AWSCURRENT without moving it.
func TestEmulatorMoveNeedsRemoveFrom(t *testing.T) {
	name := "e2e/emulator-move"
	first := newSecret(t, name, "one")
	second := put(t, name, "two", "SECRETSMITH")
	if err := moveLabel(name, "SECRETSMITH", "", first); errorCode(err) != "InvalidParameterException" ||
		!strings.Contains(err.Error(), "is currently attached to version "+second) {
		t.Errorf("moving SECRETSMITH without RemoveFromVersionId: %v, want InvalidParameterException naming %s", err, second)
	}
	if err := moveLabel(name, "SECRETSMITH", first, first); errorCode(err) != "InvalidParameterException" {
		t.Errorf("moving SECRETSMITH from a version without it: %v, want InvalidParameterException", err)
	}
	if err := moveLabel(name, "SECRETSMITH", "", second); err != nil {
		t.Errorf("attaching SECRETSMITH where it is: %v", err)
	}
	if err := moveLabel(name, "AWSCURRENT", first, ""); errorCode(err) != "InvalidParameterException" {
		t.Errorf("removing AWSCURRENT: %v, want InvalidParameterException", err)
	}
	if err := moveLabel(name, "SECRETSMITH", second, first); err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{first: {"AWSCURRENT", "SECRETSMITH"}, second: {}}
	if got := versionsOf(t, name, true); !equalVersions(got, want) {
		t.Errorf("after the moves: %v, want %v", got, want)
	}
}

// A version left without labels is deprecated: readable by its ID, listed only with
// IncludeDeprecated, and removed only once the secret has more than 100 versions and it is
// at least 24 hours old, after which reading it fails as AWS fails.
func TestEmulatorKeepsDeprecatedVersions(t *testing.T) {
	name := "e2e/emulator-deprecated"
	first := newSecret(t, name, "one")
	put(t, name, "two")
	put(t, name, "three")
	if _, listed := versionsOf(t, name, false)[first]; listed {
		t.Error("a deprecated version is listed without IncludeDeprecated")
	}
	if got, ok := versionsOf(t, name, true)[first]; !ok || len(got) != 0 {
		t.Errorf("with IncludeDeprecated the first version is %v (listed %v); want it listed without labels", got, ok)
	}
	read := func() error {
		_, err := sm(region).GetSecretValue(context.Background(), &secretsmanager.GetSecretValueInput{SecretId: aws.String(name), VersionId: aws.String(first)})
		return err
	}
	if err := read(); err != nil {
		t.Errorf("reading a deprecated version by its ID: %v", err)
	}
	for i := range 98 {
		put(t, name, fmt.Sprintf("value %d", i))
	}
	if err := read(); err != nil {
		t.Errorf("with 101 versions, all younger than 24 hours, the first is gone: %v", err)
	}
	advanceClock(t, 25*time.Hour)
	var nf *smtypes.ResourceNotFoundException
	if err := read(); !errors.As(err, &nf) {
		t.Errorf("a deprecated version past 100 versions and 24 hours: %v, want ResourceNotFoundException", err)
	}
	if n := len(versionsOf(t, name, true)); n != 100 {
		t.Errorf("%d versions kept, want 100", n)
	}
}

// RotateSecret starts a rotation that runs the function: it returns at once, the function's
// four steps run with an AWSPENDING version the call made, and the function's value becomes
// AWSCURRENT. The rotation rules are kept as given.
func TestEmulatorRotateSecretRunsTheFunction(t *testing.T) {
	ctx := context.Background()
	c := sm(region)
	name := "e2e/emulator-rotate"
	first := newSecret(t, name, `{"username":"app","password":"first-not-a-secret"}`)
	fn := rotationFunction(t, "e2e-emulator-rotate")
	before := len(rotations(t))
	out, err := c.RotateSecret(ctx, &secretsmanager.RotateSecretInput{
		SecretId: aws.String(name), RotationLambdaARN: aws.String(fn),
		RotationRules: &smtypes.RotationRulesType{ScheduleExpression: aws.String("rate(10 days)"), Duration: aws.String("2h")},
	})
	if err != nil {
		t.Fatal(err)
	}
	all := rotations(t)[before:]
	if len(all) != 1 || all[0].Status != "succeeded" || !slices.Equal(all[0].Steps, []string{"createSecret", "setSecret", "testSecret", "finishSecret"}) ||
		all[0].Token != aws.ToString(out.VersionId) {
		t.Fatalf("rotations: %+v; want one that ran the four steps with token %s", all, aws.ToString(out.VersionId))
	}
	want := map[string][]string{first: {"AWSPREVIOUS"}, aws.ToString(out.VersionId): {"AWSCURRENT", "AWSPENDING"}}
	if got := versionsOf(t, name, false); !equalVersions(got, want) {
		t.Errorf("after the rotation: %v, want %v", got, want)
	}
	if v := field(t, valueAt(t, name, "AWSCURRENT"), "password"); v == "first-not-a-secret" || len(v) != 32 {
		t.Error("the rotated value has not a new 32-character password")
	}
	d, err := c.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: aws.String(name)})
	if err != nil {
		t.Fatal(err)
	}
	if !aws.ToBool(d.RotationEnabled) || d.RotationRules == nil ||
		aws.ToString(d.RotationRules.ScheduleExpression) != "rate(10 days)" || aws.ToString(d.RotationRules.Duration) != "2h" {
		t.Errorf("rotation after RotateSecret: enabled %v, rules %+v; want enabled with rate(10 days) and 2h", aws.ToBool(d.RotationEnabled), d.RotationRules)
	}
}

// While AWSPENDING is on a version that is not AWSCURRENT, RotateSecret fails: a previous
// rotation is still in progress, and it is tried again.
func TestEmulatorRotationInProgress(t *testing.T) {
	ctx := context.Background()
	name := "e2e/emulator-in-progress"
	newSecret(t, name, `{"password":"first-not-a-secret"}`)
	fn := rotationFunction(t, "e2e-emulator-in-progress")
	stale := put(t, name, `{"password":"pending-not-a-secret"}`, "AWSPENDING")
	before := len(rotations(t))
	_, err := sm(region).RotateSecret(ctx, &secretsmanager.RotateSecretInput{SecretId: aws.String(name), RotationLambdaARN: aws.String(fn),
		RotationRules: &smtypes.RotationRulesType{AutomaticallyAfterDays: aws.Int64(30)}})
	if errorCode(err) != "InvalidRequestException" || !strings.Contains(err.Error(), "A previous rotation isn't complete") {
		t.Fatalf("RotateSecret with AWSPENDING on another version: %v, want InvalidRequestException", err)
	}
	all := rotations(t)[before:]
	if len(all) != 1 || all[0].Token != stale {
		t.Fatalf("rotations: %+v; want the previous one (%s) tried again", all, stale)
	}
}

// A secret without a value gets rotation enabled and no version: the function's
// createSecret writes the first value, and AWS's template, which needs AWSCURRENT, fails.
func TestEmulatorRotatesAnEmptySecret(t *testing.T) {
	ctx := context.Background()
	c := sm(region)
	name := "e2e/emulator-rotate-empty"
	if _, err := c.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String(name)}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { forceDelete(t, name) })
	fn := rotationFunction(t, "e2e-emulator-rotate-empty")
	before := len(rotations(t))
	if _, err := c.RotateSecret(ctx, &secretsmanager.RotateSecretInput{
		SecretId: aws.String(name), RotationLambdaARN: aws.String(fn),
		RotationRules: &smtypes.RotationRulesType{ScheduleExpression: aws.String("rate(30 days)")},
	}); err != nil {
		t.Fatal(err)
	}
	d, err := c.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: aws.String(name)})
	if err != nil {
		t.Fatal(err)
	}
	if !aws.ToBool(d.RotationEnabled) || aws.ToString(d.RotationLambdaARN) != fn || len(d.VersionIdsToStages) != 0 {
		t.Errorf("after RotateSecret: enabled %v with %s, versions %v; want enabled with %s and no version",
			aws.ToBool(d.RotationEnabled), aws.ToString(d.RotationLambdaARN), d.VersionIdsToStages, fn)
	}
	if all := rotations(t)[before:]; len(all) != 1 || all[0].Status != "failed" || all[0].FailedStep != "createSecret" {
		t.Errorf("rotations: %+v; want one failed at createSecret", all)
	}
}

// Secrets Manager may rotate only with a function whose policy lets it invoke it.
func TestEmulatorRefusesAFunctionItCannotInvoke(t *testing.T) {
	ctx := context.Background()
	name := "e2e/emulator-uninvocable"
	newSecret(t, name, "one")
	fn := rotationFunction(t, "e2e-emulator-uninvocable")
	if _, err := clientsIn(region).Lambda().RemovePermission(ctx, &lambda.RemovePermissionInput{
		FunctionName: aws.String(fn), StatementId: aws.String("SecretsManagerAccess"),
	}); err != nil {
		t.Fatal(err)
	}
	_, err := sm(region).RotateSecret(ctx, &secretsmanager.RotateSecretInput{SecretId: aws.String(name), RotationLambdaARN: aws.String(fn),
		RotationRules: &smtypes.RotationRulesType{AutomaticallyAfterDays: aws.Int64(30)}})
	if errorCode(err) != "AccessDeniedException" {
		t.Errorf("RotateSecret with a function Secrets Manager may not invoke: %v, want AccessDeniedException", err)
	}
}

// A secret deleted without recovery keeps its name for a while: CreateSecret fails as AWS
// fails it, then succeeds.
func TestEmulatorDeletedNameIsTakenAWhile(t *testing.T) {
	ctx := context.Background()
	c := sm(region)
	name := "e2e/emulator-deleted"
	newSecret(t, name, "one")
	forceDelete(t, name)
	d, err := c.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: aws.String(name)})
	if err != nil || d.DeletedDate == nil {
		t.Errorf("describing a secret just deleted: %v (deleted date %v); want its DeletedDate", err, d)
	}
	_, err = c.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String(name), SecretString: aws.String("two")})
	if errorCode(err) != "InvalidRequestException" || !strings.Contains(err.Error(), "already scheduled for deletion") {
		t.Fatalf("creating a secret with a name just deleted: %v, want InvalidRequestException", err)
	}
	for start := time.Now(); ; time.Sleep(200 * time.Millisecond) {
		if _, err = c.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String(name), SecretString: aws.String("two")}); err == nil {
			break
		}
		if time.Since(start) > 30*time.Second {
			t.Fatalf("the name is still taken 30 s after the delete: %v", err)
		}
	}
	t.Cleanup(func() { forceDelete(t, name) })
}

// Switched on, reads right after a write fail with ResourceNotFoundException, and every
// n-th call of the shared write quota is throttled (which the SDK retries).
func TestEmulatorFaults(t *testing.T) {
	ctx := context.Background()
	c := sm(region)
	prefix := "e2e/emulator-faults"
	stats := withFaults(t, faultSettings{Prefix: &prefix, NotFoundAfterWrite: 2, Throttle: 2})
	name := prefix + "/one"
	newSecret(t, name, "one")
	for i := range 3 {
		_, err := c.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: aws.String(name)})
		var nf *smtypes.ResourceNotFoundException
		if i < 2 && !errors.As(err, &nf) {
			t.Errorf("read %d after the write: %v, want ResourceNotFoundException", i+1, err)
		}
		if i == 2 && err != nil {
			t.Errorf("read 3 after the write: %v", err)
		}
	}
	for i := range 4 {
		put(t, name, fmt.Sprintf("value %d", i))
	}
	if s := stats(); s.NotFound != 2 || s.Throttled < 2 {
		t.Errorf("faults: %+v; want 2 reads not found and at least 2 calls throttled", s)
	}
}

// The stand-in for AWS's alternating-users application fails as the application does on a
// value without masterarn, and with it makes the clone's credentials current.
func TestEmulatorHostedMultiUserNeedsMasterARN(t *testing.T) {
	ctx := context.Background()
	c := clientsIn(region)
	const app = "SecretsManagerRDSPostgreSQLRotationMultiUser"
	master := "e2e/emulator-hosted-master"
	newSecret(t, master, `{"engine":"postgres","host":"db.internal","username":"admin","password":"master-not-a-secret"}`)
	masterARN := aws.ToString(mustDescribe(t, master).ARN)
	fn, err := c.CreateStandInFunction(ctx, "e2e-emulator-hosted", app, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.DeleteStandInFunction(ctx, "e2e-emulator-hosted") })
	for _, tc := range []struct {
		name, value, failed, error string
	}{
		{"e2e/emulator-hosted-no-master", `{"engine":"postgres","host":"db.internal","username":"app","password":"app-not-a-secret"}`, "setSecret", "KeyError: 'masterarn'"},
		{"e2e/emulator-hosted-master-arn", `{"engine":"postgres","host":"db.internal","username":"app","password":"app-not-a-secret","masterarn":"` + masterARN + `"}`, "", ""},
	} {
		newSecret(t, tc.name, tc.value)
		before := len(rotations(t))
		if _, err := sm(region).RotateSecret(ctx, &secretsmanager.RotateSecretInput{SecretId: aws.String(tc.name), RotationLambdaARN: aws.String(fn),
			RotationRules: &smtypes.RotationRulesType{AutomaticallyAfterDays: aws.Int64(30)}}); err != nil {
			t.Fatal(err)
		}
		all := rotations(t)[before:]
		switch {
		case len(all) != 1:
			t.Errorf("%s: rotations %+v, want one", tc.name, all)
		case tc.failed != "" && (all[0].FailedStep != tc.failed || !strings.HasPrefix(all[0].Error, tc.error)):
			t.Errorf("%s: %s failed at %q: %s; want %s at %s", tc.name, all[0].Status, all[0].FailedStep, all[0].Error, tc.error, tc.failed)
		case tc.failed == "" && (all[0].Status != "succeeded" || field(t, valueAt(t, tc.name, "AWSCURRENT"), "username") != "app_clone"):
			t.Errorf("%s: %s (%s); want the clone's credentials current", tc.name, all[0].Status, all[0].Error)
		}
	}
}

func mustDescribe(t *testing.T, name string) *secretsmanager.DescribeSecretOutput {
	t.Helper()
	d, err := sm(region).DescribeSecret(context.Background(), &secretsmanager.DescribeSecretInput{SecretId: aws.String(name)})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func equalVersions(a, b map[string][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		w, ok := b[k]
		if !ok || !slices.Equal(v, w) {
			return false
		}
	}
	return true
}

// rotationFunction makes a rotation function from AWS's template (the emulator runs it:
// a new password each rotation), which Secrets Manager may invoke, deleted after the test.
func rotationFunction(t *testing.T, name string) string {
	t.Helper()
	c := clientsIn(region)
	fn, err := c.CreateStandInFunction(context.Background(), name, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.DeleteStandInFunction(context.Background(), name) })
	return fn
}
