// Package rotatortest drives the rotator's tests against the servers rotator/run starts:
// Secrets Manager played by the AWS emulator, and the databases. A test calls a function
// here for each server it needs; without the script's environment the test is skipped.
package rotatortest

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	lambdatypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"

	"github.com/secretsmith/secretsmith/rotator"
)

// Env is a variable rotator/run sets; the test is skipped when it is not set.
func Env(t *testing.T, name string) string {
	t.Helper()
	v := os.Getenv(name)
	if v == "" {
		t.Skipf("%s is not set: rotator/run starts the servers these tests need", name)
	}
	return v
}

// Service is Secrets Manager as a rotation function sees it: the emulator, plus what
// RotateSecret does in AWS before it invokes the function. AWS adds a version for the
// rotation's token, labelled AWSPENDING and without a value, which DescribeSecret lists.
// The tests run the rotator in this process, step by step, rather than have the emulator
// run a deployed function for RotateSecret, so Start plays that part: it adds the version
// to what DescribeSecret answers until the token has a value of its own. Every other call
// goes to the emulator unchanged.
type Service struct {
	*secretsmanager.Client

	function string // the ARN of a function that only lets rotation be enabled

	mu      sync.Mutex
	started map[string]string // secret ARN → the token of the rotation in progress
	lose    Faults            // operations whose next responses are lost after the call ran
}

// NewService connects to the emulator at SECRETSMITH_TEST_AWS_ENDPOINT, which must be on
// loopback.
func NewService(t *testing.T) *Service {
	t.Helper()
	endpoint := Env(t, "SECRETSMITH_TEST_AWS_ENDPOINT")
	u, err := url.Parse(endpoint)
	if err != nil || (u.Hostname() != "127.0.0.1" && u.Hostname() != "localhost") {
		t.Fatalf("SECRETSMITH_TEST_AWS_ENDPOINT must be a loopback URL, got %q", endpoint)
	}
	region, creds := "us-east-1", credentials.NewStaticCredentialsProvider("testing", "testing", "")
	client := secretsmanager.New(secretsmanager.Options{Region: region, Credentials: creds, BaseEndpoint: aws.String(endpoint)})
	return &Service{
		Client:   client,
		function: storedFunction(t, region, creds, endpoint),
		started:  map[string]string{},
	}
}

// storedFunction creates a Lambda function in the emulator that Secrets Manager may invoke:
// RotateSecret needs one to enable rotation. Rotation is enabled without rotating (the
// emulator then runs only a testSecret of the function, which fails harmlessly: its code is
// no program).
func storedFunction(t *testing.T, region string, creds aws.CredentialsProvider, endpoint string) string {
	t.Helper()
	ctx := context.Background()
	roles := iam.New(iam.Options{Region: region, Credentials: creds, BaseEndpoint: aws.String(endpoint)})
	name := UniqueName(t)
	role, err := roles.CreateRole(ctx, &iam.CreateRoleInput{
		RoleName:                 aws.String(name),
		AssumeRolePolicyDocument: aws.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`),
	})
	if err != nil {
		t.Fatalf("creating the function's role: %v", err)
	}
	var archive bytes.Buffer
	w := zip.NewWriter(&archive)
	if f, err := w.Create("bootstrap"); err != nil {
		t.Fatal(err)
	} else if _, err := f.Write([]byte("never run")); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	fns := lambda.New(lambda.Options{Region: region, Credentials: creds, BaseEndpoint: aws.String(endpoint)})
	fn, err := fns.CreateFunction(ctx, &lambda.CreateFunctionInput{
		FunctionName: aws.String(name),
		Role:         role.Role.Arn,
		Runtime:      lambdatypes.RuntimeProvidedal2023,
		Handler:      aws.String("bootstrap"),
		Code:         &lambdatypes.FunctionCode{ZipFile: archive.Bytes()},
	})
	if err != nil {
		t.Fatalf("creating the stored function: %v", err)
	}
	if _, err := fns.AddPermission(ctx, &lambda.AddPermissionInput{
		FunctionName: fn.FunctionArn, StatementId: aws.String("SecretsManagerAccess"), Action: aws.String("lambda:InvokeFunction"),
		Principal: aws.String("secretsmanager.amazonaws.com"),
	}); err != nil {
		t.Fatalf("letting Secrets Manager invoke the stored function: %v", err)
	}
	return aws.ToString(fn.FunctionArn)
}

// NewSecret creates a secret named after the test, with value unless it is empty, and
// enables its rotation; it returns the secret's ARN.
func (s *Service) NewSecret(t *testing.T, value string) string {
	t.Helper()
	ctx := context.Background()
	in := &secretsmanager.CreateSecretInput{Name: aws.String(UniqueName(t))}
	if value != "" {
		in.SecretString = aws.String(value)
	}
	out, err := s.Client.CreateSecret(ctx, in)
	if err != nil {
		t.Fatalf("creating a secret: %v", err)
	}
	// Rotation is enabled by RotateSecret with a function and rules, not immediately.
	if _, err := s.Client.RotateSecret(ctx, &secretsmanager.RotateSecretInput{
		SecretId:          out.ARN,
		RotationLambdaARN: aws.String(s.function),
		RotationRules:     &smtypes.RotationRulesType{ScheduleExpression: aws.String("rate(4 hours)")},
		RotateImmediately: aws.Bool(false),
	}); err != nil {
		t.Fatalf("enabling rotation: %v", err)
	}
	// Not rotating at once, Secrets Manager tests the configuration: it "creates an
	// AWSPENDING version of the secret and then removes it", which the emulator does
	// asynchronously. The test starts once it has.
	for start := time.Now(); ; time.Sleep(50 * time.Millisecond) {
		d, err := s.Client.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: out.ARN})
		if err != nil {
			t.Fatalf("describing the secret: %v", err)
		}
		pending := false
		for _, stages := range d.VersionIdsToStages {
			pending = pending || slices.Contains(stages, rotator.Pending)
		}
		if !pending {
			break
		}
		if time.Since(start) > time.Minute {
			t.Fatal("the test of the rotation configuration left AWSPENDING for a minute")
		}
	}
	return *out.ARN
}

// UniqueName is a name for the test's objects, unique in the run.
func UniqueName(t *testing.T) string {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	name := strings.NewReplacer("/", "-", " ", "-").Replace(t.Name())
	return strings.ToLower(name) + "-" + hex.EncodeToString(b)
}

// Start starts a rotation of secretID as RotateSecret does, and returns its token.
func (s *Service) Start(secretID string) string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	token := hex.EncodeToString(b[:4]) + "-" + hex.EncodeToString(b[4:6]) + "-" + hex.EncodeToString(b[6:8]) +
		"-" + hex.EncodeToString(b[8:10]) + "-" + hex.EncodeToString(b[10:])
	s.mu.Lock()
	s.started[secretID] = token
	s.mu.Unlock()
	return token
}

// Rotate runs a whole rotation of secretID with r, each step once, as Secrets Manager
// does, and returns the first step's error.
func (s *Service) Rotate(r *rotator.Rotator, secretID string) error {
	token := s.Start(secretID)
	for _, step := range rotator.Steps() {
		if err := r.Handle(context.Background(), rotator.Event{Step: step, SecretID: secretID, ClientRequestToken: token}); err != nil {
			return err
		}
	}
	return nil
}

// LoseResponse makes the next call of op (PutSecretValue or UpdateSecretVersionStage) run
// and then fail, as when the function times out after its request was served.
func (s *Service) LoseResponse(op string) { s.lose.Add(op) }

// ErrLost is the error of a call whose response LoseResponse lost.
var ErrLost = errors.New("rotatortest: the response was lost")

// Faults counts the failures still to inject, by what fails.
type Faults struct {
	mu sync.Mutex
	n  map[string]int
}

// Add makes the next what fail.
func (f *Faults) Add(what string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.n == nil {
		f.n = map[string]int{}
	}
	f.n[what]++
}

// Take reports whether this what fails, and counts it.
func (f *Faults) Take(what string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.n[what] == 0 {
		return false
	}
	f.n[what]--
	return true
}

// DescribeSecret answers with the version of a started rotation's token, as AWS does.
func (s *Service) DescribeSecret(ctx context.Context, in *secretsmanager.DescribeSecretInput, opts ...func(*secretsmanager.Options)) (*secretsmanager.DescribeSecretOutput, error) {
	out, err := s.Client.DescribeSecret(ctx, in, opts...)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	token, ok := s.started[aws.ToString(in.SecretId)]
	s.mu.Unlock()
	if _, has := out.VersionIdsToStages[token]; ok && !has && len(out.VersionIdsToStages) > 0 {
		out.VersionIdsToStages[token] = []string{rotator.Pending}
	}
	return out, nil
}

// PutSecretValue writes the value; LoseResponse makes it fail after writing.
func (s *Service) PutSecretValue(ctx context.Context, in *secretsmanager.PutSecretValueInput, opts ...func(*secretsmanager.Options)) (*secretsmanager.PutSecretValueOutput, error) {
	out, err := s.Client.PutSecretValue(ctx, in, opts...)
	if err == nil && s.lose.Take("PutSecretValue") {
		return nil, ErrLost
	}
	return out, err
}

// UpdateSecretVersionStage moves the label; LoseResponse makes it fail after moving it.
func (s *Service) UpdateSecretVersionStage(ctx context.Context, in *secretsmanager.UpdateSecretVersionStageInput, opts ...func(*secretsmanager.Options)) (*secretsmanager.UpdateSecretVersionStageOutput, error) {
	out, err := s.Client.UpdateSecretVersionStage(ctx, in, opts...)
	if err == nil && s.lose.Take("UpdateSecretVersionStage") {
		return nil, ErrLost
	}
	return out, err
}

// Stages are secretID's versions and their labels, as the emulator holds them.
func (s *Service) Stages(t *testing.T, secretID string) map[string][]string {
	t.Helper()
	out, err := s.Client.DescribeSecret(context.Background(), &secretsmanager.DescribeSecretInput{SecretId: aws.String(secretID)})
	if err != nil {
		t.Fatalf("describing the secret: %v", err)
	}
	return out.VersionIdsToStages
}

// Value is secretID's value under stage, or "" when it has none.
func (s *Service) Value(t *testing.T, secretID, stage string) string {
	t.Helper()
	out, err := s.Client.GetSecretValue(context.Background(), &secretsmanager.GetSecretValueInput{SecretId: aws.String(secretID), VersionStage: aws.String(stage)})
	var nf *smtypes.ResourceNotFoundException
	if errors.As(err, &nf) {
		return ""
	}
	if err != nil {
		t.Fatalf("reading the %s value: %v", stage, err)
	}
	return aws.ToString(out.SecretString)
}
