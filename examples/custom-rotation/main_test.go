package main

import (
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/internal/synthtest"
)

func TestProgram(t *testing.T) {
	t.Parallel()
	m := synthtest.Run(t, program, nil)
	perm := m.MustFind(t, "aws:lambda/permission:Permission", "api-rotation-invoke")
	if perm.String("principal") != "secretsmanager.amazonaws.com" || perm.String("sourceAccount") != "123456789012" {
		t.Errorf("permission for %q from account %q; want Secrets Manager of 123456789012", perm.String("principal"), perm.String("sourceAccount"))
	}
	if p := m.MustFind(t, "aws:iam/rolePolicy:RolePolicy", "api-rotation-policy").String("policy"); !strings.Contains(p, "secretsmanager:PutSecretValue") {
		t.Errorf("the function's role policy lacks PutSecretValue: %s", p)
	}
	rules, _ := m.MustFind(t, "aws:secretsmanager/secretRotation:SecretRotation", "api-rotation-rotation").Input("rotationRules")
	if got := rules.ObjectValue()["scheduleExpression"].StringValue(); got != "rate(7 days)" {
		t.Errorf("schedule %q; want rate(7 days)", got)
	}
	if len(m.Warnings()) != 0 {
		t.Errorf("warnings: %q", m.Warnings())
	}
}

// TestPlan pins the plan `go run . synth ./examples/custom-rotation` prints: run
// `go test -update` to accept a change.
func TestPlan(t *testing.T) { synthtest.Plan(t, program, nil) }
