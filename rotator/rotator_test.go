package rotator_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/secretsmith/secretsmith/rotator"
	"github.com/secretsmith/secretsmith/rotator/internal/rotatortest"
)

func newRotator(t *testing.T, svc rotator.Client, s rotator.Strategy) *rotator.Rotator {
	t.Helper()
	p, err := rotator.NewPasswords(rotator.PasswordOptions{Length: 20, ExcludeCharacters: `"\/@`})
	if err != nil {
		t.Fatal(err)
	}
	return &rotator.Rotator{Client: svc, Strategy: s, Passwords: p}
}

// holder is the version that holds label, or "".
func holder(stages map[string][]string, label string) string {
	for id, s := range stages {
		if slices.Contains(s, label) {
			return id
		}
	}
	return ""
}

func password(t *testing.T, value string) string {
	t.Helper()
	var v struct{ Token string }
	if err := json.Unmarshal([]byte(value), &v); err != nil || v.Token == "" {
		t.Fatalf("the value is not a JSON object with a Token")
	}
	return v.Token
}

func TestThreeRotationsMoveTheLabels(t *testing.T) {
	svc := rotatortest.NewService(t)
	arn := svc.NewSecret(t, `{"client":"app","Token":"initial"}`)
	r := newRotator(t, svc, rotator.Generate{Key: "Token"})
	seen := map[string]bool{"initial": true}
	for i := range 3 {
		before := holder(svc.Stages(t, arn), rotator.Current)
		if err := svc.Rotate(r, arn); err != nil {
			t.Fatalf("rotation %d: %v", i+1, err)
		}
		stages := svc.Stages(t, arn)
		if got := holder(stages, rotator.Previous); got != before {
			t.Errorf("rotation %d: AWSPREVIOUS is on %s, want the version that was current, %s", i+1, got, before)
		}
		current := svc.Value(t, arn, rotator.Current)
		pw := password(t, current)
		if seen[pw] {
			t.Errorf("rotation %d: the password did not change", i+1)
		}
		seen[pw] = true
		if len(pw) != 20 || strings.ContainsAny(pw, `"\/@`) {
			t.Errorf("rotation %d: the password does not follow the options (length %d)", i+1, len(pw))
		}
		if !strings.Contains(current, `"client":"app"`) {
			t.Errorf("rotation %d: the other fields were not kept", i+1)
		}
	}
}

func TestRetriedStepsKeepOnePendingValue(t *testing.T) {
	svc := rotatortest.NewService(t)
	arn := svc.NewSecret(t, `{"Token":"initial"}`)
	r := newRotator(t, svc, rotator.Generate{Key: "Token"})
	ctx := context.Background()
	token := svc.Start(arn)
	step := func(s rotator.Step) error {
		return r.Handle(ctx, rotator.Event{Step: s, SecretID: arn, ClientRequestToken: token})
	}

	// createSecret's write lands but its response is lost: the retry keeps that value.
	svc.LoseResponse("PutSecretValue")
	if err := step(rotator.CreateSecret); !errors.Is(err, rotatortest.ErrLost) {
		t.Fatalf("createSecret with a lost response: got %v, want the lost response", err)
	}
	pending := svc.Value(t, arn, rotator.Pending)
	for _, s := range []rotator.Step{rotator.CreateSecret, rotator.CreateSecret, rotator.SetSecret, rotator.SetSecret, rotator.TestSecret, rotator.TestSecret} {
		if err := step(s); err != nil {
			t.Fatalf("retried %s: %v", s, err)
		}
	}
	if got := svc.Value(t, arn, rotator.Pending); got != pending {
		t.Fatal("a retried createSecret replaced the pending value")
	}

	// finishSecret's move lands but its response is lost: the retry finds it done.
	svc.LoseResponse("UpdateSecretVersionStage")
	if err := step(rotator.FinishSecret); !errors.Is(err, rotatortest.ErrLost) {
		t.Fatalf("finishSecret with a lost response: got %v", err)
	}
	for range 2 {
		if err := step(rotator.FinishSecret); err != nil {
			t.Fatalf("retried finishSecret: %v", err)
		}
	}
	stages := svc.Stages(t, arn)
	if holder(stages, rotator.Current) != token || svc.Value(t, arn, rotator.Current) != pending {
		t.Errorf("after the retries AWSCURRENT is on %s, want the token %s with the pending value", holder(stages, rotator.Current), token)
	}
	// A late step of the finished rotation does nothing.
	if err := step(rotator.CreateSecret); err != nil || svc.Value(t, arn, rotator.Current) != pending {
		t.Errorf("a late createSecret: %v, or it changed the value", err)
	}
}

func TestTokenChecks(t *testing.T) {
	svc := rotatortest.NewService(t)
	arn := svc.NewSecret(t, `{"Token":"initial"}`)
	r := newRotator(t, svc, rotator.Generate{Key: "Token"})
	ctx := context.Background()

	err := r.Handle(ctx, rotator.Event{Step: rotator.CreateSecret, SecretID: arn, ClientRequestToken: "0c7c6c1e-0000-4000-8000-000000000000"})
	want := "rotator: createSecret: secret version 0c7c6c1e-0000-4000-8000-000000000000 has no stage for rotation of secret " + arn
	if err == nil || err.Error() != want {
		t.Errorf("a token Secrets Manager did not start:\n got %v\nwant %s", err, want)
	}

	// The version that held AWSCURRENT before a rotation has AWSPREVIOUS, not AWSPENDING.
	old := holder(svc.Stages(t, arn), rotator.Current)
	if err := svc.Rotate(r, arn); err != nil {
		t.Fatal(err)
	}
	err = r.Handle(ctx, rotator.Event{Step: rotator.SetSecret, SecretID: arn, ClientRequestToken: old})
	want = "rotator: setSecret: secret version " + old + " not set as AWSPENDING for rotation of secret " + arn
	if err == nil || err.Error() != want {
		t.Errorf("a version without AWSPENDING:\n got %v\nwant %s", err, want)
	}

	err = r.Handle(ctx, rotator.Event{Step: "rotateSecret", SecretID: arn, ClientRequestToken: old})
	if err == nil || !strings.Contains(err.Error(), `unknown step "rotateSecret"`) {
		t.Errorf("an unknown step: got %v", err)
	}
}

func TestRotationMustBeEnabled(t *testing.T) {
	svc := rotatortest.NewService(t)
	ctx := context.Background()
	out, err := svc.Client.CreateSecret(ctx, &secretsmanager.CreateSecretInput{Name: aws.String(rotatortest.UniqueName(t)), SecretString: aws.String("x")})
	if err != nil {
		t.Fatal(err)
	}
	r := newRotator(t, svc, rotator.Generate{})
	err = r.Handle(ctx, rotator.Event{Step: rotator.CreateSecret, SecretID: *out.ARN, ClientRequestToken: svc.Start(*out.ARN)})
	if want := "rotator: createSecret: secret " + *out.ARN + " is not enabled for rotation"; err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
}

func TestBarePassword(t *testing.T) {
	svc := rotatortest.NewService(t)
	arn := svc.NewSecret(t, "initial-token")
	r := newRotator(t, svc, rotator.Generate{})
	if err := svc.Rotate(r, arn); err != nil {
		t.Fatal(err)
	}
	if v := svc.Value(t, arn, rotator.Current); len(v) != 20 || v == "initial-token" {
		t.Errorf("the value is not a new bare password of 20 characters (length %d)", len(v))
	}
}

// A secret with no value yet (secrets.GenerateInAWS) gets its first value from the
// template, then rotates as any other.
func TestFirstValueOfAnEmptySecret(t *testing.T) {
	svc := rotatortest.NewService(t)
	arn := svc.NewSecret(t, "")
	r := newRotator(t, svc, rotator.Generate{Template: `{"user":"svc"}`, Key: "Token"})
	if err := svc.Rotate(r, arn); err != nil {
		t.Fatal(err)
	}
	first := svc.Value(t, arn, rotator.Current)
	if !strings.Contains(first, `"user":"svc"`) || password(t, first) == "" {
		t.Fatal("the first value is not the template with a password")
	}
	if err := svc.Rotate(r, arn); err != nil {
		t.Fatal(err)
	}
	if svc.Value(t, arn, rotator.Previous) != first || password(t, svc.Value(t, arn, rotator.Current)) == password(t, first) {
		t.Error("the second rotation did not make a new current value with the first as previous")
	}
}
