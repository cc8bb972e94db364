package e2e

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"
)

// The launcher (moto/launcher.py) corrects moto where its Secrets Manager differs from AWS;
// these tests show each correction holding, so a scenario never passes on moto's quirks.

func labelsOf(t *testing.T, name, versionID string) []string {
	t.Helper()
	vs, err := sm(region).ListSecretVersionIds(context.Background(), &secretsmanager.ListSecretVersionIdsInput{SecretId: aws.String(name)})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs.Versions {
		if aws.ToString(v.VersionId) == versionID {
			s := slices.Clone(v.VersionStages)
			slices.Sort(s)
			return s
		}
	}
	return nil
}

// A new current version moves AWSCURRENT and AWSPREVIOUS only: a label of the program's own
// stays where it is (moto 5.2.1 alone replaces all of the old version's labels with
// AWSPREVIOUS), and a version left with no label is gone, as AWS may delete it at any time.
func TestEmulatorMovesOnlyCurrentAndPrevious(t *testing.T) {
	ctx := context.Background()
	c := sm(region)
	name := "e2e/emulator-labels"
	created, err := c.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String(name), SecretString: aws.String("one")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { forceDelete(t, name) })
	first := aws.ToString(created.VersionId)
	if _, err := c.UpdateSecretVersionStage(ctx, &secretsmanager.UpdateSecretVersionStageInput{
		SecretId: aws.String(name), VersionStage: aws.String("SECRETSMITH"), MoveToVersionId: aws.String(first),
	}); err != nil {
		t.Fatal(err)
	}
	second, err := c.PutSecretValue(ctx, &secretsmanager.PutSecretValueInput{SecretId: aws.String(name), SecretString: aws.String("two")})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := labelsOf(t, name, first), []string{"AWSPREVIOUS", "SECRETSMITH"}; !slices.Equal(got, want) {
		t.Errorf("first version after a second: %v, want %v", got, want)
	}
	if _, err := c.PutSecretValue(ctx, &secretsmanager.PutSecretValueInput{SecretId: aws.String(name), SecretString: aws.String("three")}); err != nil {
		t.Fatal(err)
	}
	if got, want := labelsOf(t, name, first), []string{"SECRETSMITH"}; !slices.Equal(got, want) {
		t.Errorf("first version after a third: %v, want %v", got, want)
	}
	if got, want := labelsOf(t, name, aws.ToString(second.VersionId)), []string{"AWSPREVIOUS"}; !slices.Equal(got, want) {
		t.Errorf("second version after a third: %v, want %v", got, want)
	}
	if _, err := c.UpdateSecretVersionStage(ctx, &secretsmanager.UpdateSecretVersionStageInput{
		SecretId: aws.String(name), VersionStage: aws.String("SECRETSMITH"), RemoveFromVersionId: aws.String(first),
	}); err != nil {
		t.Fatal(err)
	}
	_, err = c.GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{SecretId: aws.String(name), VersionId: aws.String(first)})
	if nf := (*smtypes.ResourceNotFoundException)(nil); !errors.As(err, &nf) {
		t.Errorf("reading a version left without labels: %v, want ResourceNotFoundException", err)
	}
}

// RotateSecret adds no version (the rotation function's createSecret step does), keeps the
// current version current, and keeps the rotation rules as given.
func TestEmulatorRotateSecretAsAWS(t *testing.T) {
	ctx := context.Background()
	c := sm(region)
	name := "e2e/emulator-rotate"
	if _, err := c.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String(name), SecretString: aws.String("one")}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { forceDelete(t, name) })
	fn := rotationFunction(t, "e2e-emulator-rotate")
	if _, err := c.RotateSecret(ctx, &secretsmanager.RotateSecretInput{
		SecretId: aws.String(name), RotationLambdaARN: aws.String(fn),
		RotationRules: &smtypes.RotationRulesType{ScheduleExpression: aws.String("rate(10 days)"), Duration: aws.String("2h")},
	}); err != nil {
		t.Fatal(err)
	}
	if labels, n := stages(t, name); n != 1 || labels["AWSCURRENT"] == "" {
		t.Errorf("after RotateSecret: %d versions, labels %v; want the one current version", n, labels)
	}
	if v := valueAt(t, name, "AWSCURRENT"); v != "one" {
		t.Error("after RotateSecret the current value changed")
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

// RotateSecret on a secret without a value enables rotation and adds no version: the
// function's createSecret writes the first value (moto 5.2.1 alone fails with a 500).
func TestEmulatorRotatesAnEmptySecret(t *testing.T) {
	ctx := context.Background()
	c := sm(region)
	name := "e2e/emulator-rotate-empty"
	if _, err := c.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String(name)}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { forceDelete(t, name) })
	fn := rotationFunction(t, "e2e-emulator-rotate-empty")
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
}

// rotationFunction makes a Lambda function (stored, never run) for Secrets Manager to call,
// deleted after the test.
func rotationFunction(t *testing.T, name string) string {
	t.Helper()
	c := clientsIn(region)
	fn, err := c.CreateStandInFunction(context.Background(), name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.DeleteStandInFunction(context.Background(), name) })
	return fn
}
