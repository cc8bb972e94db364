package main

import (
	"testing"

	"github.com/secretsmith/secretsmith/internal/synthtest"
)

func TestProgram(t *testing.T) {
	t.Parallel()
	m := synthtest.Run(t, program, offline)
	params, _ := m.MustFind(t, "aws:serverlessrepository/cloudFormationStack:CloudFormationStack", "app-rotation-app").Input("parameters")
	p := params.ObjectValue()
	if _, ok := p["masterSecretArn"]; !ok {
		t.Error("the rotation application is not given the master secret")
	}
	if p["excludeCharacters"].StringValue() != `/@"' \` {
		t.Errorf("excludeCharacters = %q; want the generator's", p["excludeCharacters"].StringValue())
	}
	m.MustFind(t, "aws:secretsmanager/secretRotation:SecretRotation", "app-rotation-rotation")
	if len(m.Warnings()) != 0 {
		t.Errorf("warnings: %q", m.Warnings())
	}
}

// TestPlan pins the plan `go run . synth ./examples/multi-user-rotation` prints: run
// `go test -update` to accept a change.
func TestPlan(t *testing.T) { synthtest.Plan(t, program, offline) }
