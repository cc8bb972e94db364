package main

import (
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/internal/synthtest"
)

func TestProgram(t *testing.T) {
	t.Parallel()
	m := synthtest.Run(t, program, nil)
	fn := m.MustFind(t, "aws:lambda/function:Function", "consumer")
	env, _ := fn.Input("environment")
	arn := env.ObjectValue()["variables"].ObjectValue()["SECRET_ARN"]
	if !arn.IsString() || !strings.HasPrefix(arn.StringValue(), "arn:aws:secretsmanager:") || arn.ContainsSecrets() {
		t.Errorf("SECRET_ARN = %v; want the secret's ARN, in plain", arn)
	}
	policy := m.MustFind(t, "aws:iam/rolePolicy:RolePolicy", "consumer-reads-api-policy").String("policy")
	if !strings.Contains(policy, arn.StringValue()) || !strings.Contains(policy, `"secretsmanager:VersionStage":["AWSCURRENT"]`) {
		t.Errorf("the function's policy does not read exactly the current version of the secret: %s", policy)
	}
	if len(m.Warnings()) != 0 {
		t.Errorf("warnings: %q", m.Warnings())
	}
}

// TestPlan pins the plan `go run . synth ./examples/app-consumer` prints: run `go test -update`
// to accept a change.
func TestPlan(t *testing.T) { synthtest.Plan(t, program, nil) }
