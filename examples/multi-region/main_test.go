package main

import (
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/internal/synthtest"
)

func TestProgram(t *testing.T) {
	t.Parallel()
	m := synthtest.Run(t, program, nil)
	policy := m.MustFind(t, "aws:iam/rolePolicy:RolePolicy", "reader-reads-app-policy").String("policy")
	for _, region := range []string{"us-east-1", "eu-west-1", "eu-central-1"} {
		if !strings.Contains(policy, "arn:aws:secretsmanager:"+region+":123456789012:secret:app/config-") ||
			!strings.Contains(policy, `"secretsmanager.`+region+`.amazonaws.com"`) {
			t.Errorf("the read policy does not cover %s: %s", region, policy)
		}
	}
	for _, region := range replicaRegions {
		if rk := m.MustFind(t, "aws:kms/replicaKey:ReplicaKey", "app-keys-"+region); !strings.Contains(rk.Provider, "::"+region+"::") {
			t.Errorf("replica key in %s uses provider %q", region, rk.Provider)
		}
	}
}

// TestPlan pins the plan `go run . synth ./examples/multi-region` prints: run `go test -update`
// to accept a change.
func TestPlan(t *testing.T) { synthtest.Plan(t, program, nil) }
