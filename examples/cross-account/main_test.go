package main

import (
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/internal/synthtest"
)

func TestProgram(t *testing.T) {
	t.Parallel()
	m := synthtest.Run(t, program, offline)
	policy := m.MustFind(t, "aws:secretsmanager/secretPolicy:SecretPolicy", "shared-policy").String("policy")
	for _, want := range []string{`"AWS":["arn:aws:iam::222222222222:root"]`, `"secretsmanager:GetSecretValue"`, `"secretsmanager:DeleteSecret"`} {
		if !strings.Contains(policy, want) {
			t.Errorf("resource policy lacks %s: %s", want, policy)
		}
	}
	grant := m.MustFind(t, "aws:kms/grant:Grant", "shared-kms-0")
	if grant.String("granteePrincipal") != "arn:aws:iam::222222222222:root" {
		t.Errorf("KMS grant to %q", grant.String("granteePrincipal"))
	}
}

// TestPlan pins the plan `go run . synth ./examples/cross-account` prints: run `go test -update`
// to accept a change.
func TestPlan(t *testing.T) { synthtest.Plan(t, program, offline) }
