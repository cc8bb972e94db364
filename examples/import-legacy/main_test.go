package main

import (
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/internal/synthtest"
)

func TestProgram(t *testing.T) {
	t.Parallel()
	m := synthtest.Run(t, program, offline)
	if n := len(m.ByType("aws:secretsmanager/secret:Secret")); n != 0 {
		t.Errorf("%d secrets created; imports create none", n)
	}
	for name, want := range map[string]string{
		"legacy-db-read-policy":  "secret:legacy/db-??????",
		"legacy-api-read-policy": "secret:legacy/api-??????",
		"shared-read-policy":     "secret:shared/signing-key-",
	} {
		p := m.MustFind(t, "aws:iam/rolePolicy:RolePolicy", name).String("policy")
		if !strings.Contains(p, want) {
			t.Errorf("%s does not name %q: %s", name, want, p)
		}
	}
	if strings.Contains(m.MustFind(t, "aws:iam/rolePolicy:RolePolicy", "shared-read-policy").String("policy"), "??????") {
		t.Error("the looked-up secret's grant is not exact")
	}
	m.MustFind(t, "aws:secretsmanager/secretRotation:SecretRotation", "shared-rotation-rotation")
}

// TestPlan pins the plan `go run . synth ./examples/import-legacy` prints: run
// `go test -update` to accept a change.
func TestPlan(t *testing.T) { synthtest.Plan(t, program, offline) }
