package e2e

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/rotation"
	"github.com/secretsmith/secretsmith/rotator"
	"github.com/secretsmith/secretsmith/secrets"
)

// A secret whose value only AWS holds (GenerateInAWS): the program deploys the secret and
// secretsmith's Go function with a GoGenerate schedule; Secrets Manager's first rotation
// writes the value. The emulator runs no Lambda code, so the test plays the deployed
// function (configured from the environment the program gave it) for that rotation. Then
// the exported state holds neither the value nor a seed, a second `up` and a refresh change
// nothing, and destroy leaves nothing behind.
func TestGenerateInAWS(t *testing.T) {
	before := inventory(t)
	const name = "e2e/generated-in-aws"
	st := inlineStack(t, func(ctx *pulumi.Context) error {
		s, err := secrets.NewSecret(ctx, "api", &secrets.SecretArgs{
			SecretName: pulumi.String(name), RecoveryWindowInDays: pulumi.IntRef(0), DenyAccountRootDelete: true,
			GenerateInAWS: true,
			GenerateSecretString: &secrets.SecretStringGenerator{
				SecretStringTemplate: `{"client":"app"}`, GenerateStringKey: "token", PasswordLength: 40, ExcludePunctuation: true,
			},
		})
		if err != nil {
			return err
		}
		sch, err := rotation.NewRotationSchedule(ctx, "api-rotation", &rotation.RotationScheduleArgs{Secret: s, GoRotation: rotation.GoGenerate(nil)})
		if err != nil {
			return err
		}
		ctx.Export("function", sch.Function.Name)
		return nil
	}, nil)
	outs := st.up().Outputs
	fnName, _ := outs["function"].Value.(string)
	ctx := context.Background()

	d, err := sm(region).DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: aws.String(name)})
	if err != nil {
		t.Fatal(err)
	}
	fnARN := "arn:aws:lambda:us-east-1:123456789012:function:" + fnName
	if !aws.ToBool(d.RotationEnabled) || aws.ToString(d.RotationLambdaARN) != fnARN || len(d.VersionIdsToStages) != 0 {
		t.Fatalf("after up: rotation enabled %v with %s, versions %v; want rotation by %s and no value yet",
			aws.ToBool(d.RotationEnabled), aws.ToString(d.RotationLambdaARN), d.VersionIdsToStages, fnARN)
	}

	r := deployedRotator(t, fnName)
	token := newToken(t)
	for _, step := range rotator.Steps() {
		if err := r.Handle(ctx, rotator.Event{Step: step, SecretID: aws.ToString(d.ARN), ClientRequestToken: token}); err != nil {
			t.Fatalf("%s: %v", step, err)
		}
	}
	value := valueAt(t, name, "AWSCURRENT")
	var v struct{ Client, Token string }
	if err := json.Unmarshal([]byte(value), &v); err != nil || v.Client != "app" || len(v.Token) != 40 || strings.ContainsAny(v.Token, "!#$%&*+-./:;<=>?@^_~") {
		t.Fatalf("the first value is not the template with a 40-character token without punctuation")
	}
	st.secrets = append(st.secrets, value, v.Token)

	for _, res := range st.resources() {
		if _, ok := valueProperties[res.Type]; ok {
			t.Errorf("the state holds %s, which carries a value or a seed", res.URN)
		}
	}
	st.assertStable()
	st.destroy()
	assertLeftBehind(t, before)
}

// deployedRotator is the rotation function as deployed: secretsmith's Go function with the
// strategy, template, key and password options the program put in its environment.
func deployedRotator(t *testing.T, fnName string) *rotator.Rotator {
	t.Helper()
	cfg, err := clientsIn(region).Lambda().GetFunctionConfiguration(context.Background(), &lambda.GetFunctionConfigurationInput{FunctionName: aws.String(fnName)})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Runtime != "provided.al2023" || aws.ToString(cfg.Handler) != "bootstrap" || cfg.Environment == nil {
		t.Fatalf("the function is not secretsmith's rotation function: runtime %s, handler %s", cfg.Runtime, aws.ToString(cfg.Handler))
	}
	env := cfg.Environment.Variables
	if env["SECRETSMITH_STRATEGY"] != "generate" {
		t.Fatalf("the function's strategy is %q, want generate", env["SECRETSMITH_STRATEGY"])
	}
	var opts rotator.PasswordOptions
	if err := json.Unmarshal([]byte(env["SECRETSMITH_PASSWORD"]), &opts); err != nil {
		t.Fatal(err)
	}
	p, err := rotator.NewPasswords(opts)
	if err != nil {
		t.Fatal(err)
	}
	return &rotator.Rotator{Client: sm(region), Strategy: rotator.Generate{Template: env["SECRETSMITH_TEMPLATE"], Key: env["SECRETSMITH_KEY"]}, Passwords: p}
}

// newToken is a rotation token, a UUID as Secrets Manager makes them.
func newToken(t *testing.T) string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[:4], b[4:6], b[6:8], b[8:10], b[10:])
}
