package main

import (
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/internal/synthtest"
)

func TestProgram(t *testing.T) {
	t.Parallel()
	m := synthtest.Run(t, program, nil)
	read := m.MustFind(t, "aws:iam/rolePolicy:RolePolicy", "app-reads-payments-policy").String("policy")
	if !strings.Contains(read, `"secretsmanager:ResourceTag/team":["payments"]`) || !strings.Contains(read, `secret:*"`) {
		t.Errorf("the app's grant is not by tag: %s", read)
	}
	if n := len(m.ByType("aws:lambda/permission:Permission")); n != 1 {
		t.Errorf("%d permissions for the rotation function, want 1", n)
	}
	if n := len(m.ByType("aws:secretsmanager/secretRotation:SecretRotation")); n != 12 {
		t.Errorf("%d rotations, want 12", n)
	}
	m.MustFind(t, "aws:iam/rolePolicyAttachment:RolePolicyAttachment", "ops-writes-first-attachment")
	if len(m.Warnings()) != 0 {
		t.Errorf("warnings: %q", m.Warnings())
	}
}

// TestPlan pins the plan `go run . synth ./examples/tag-grants` prints: run `go test -update`
// to accept a change.
func TestPlan(t *testing.T) { synthtest.Plan(t, program, nil) }
