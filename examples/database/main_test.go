package main

import (
	"testing"

	"github.com/secretsmith/secretsmith/internal/synthtest"
)

func TestProgram(t *testing.T) {
	t.Parallel()
	m := synthtest.Run(t, program, offline)
	for _, want := range [][2]string{
		{"aws:secretsmanager/secretVersion:SecretVersion", "db-version"},
		{"aws:secretsmanager/secretPolicy:SecretPolicy", "db-policy"},
		{"aws:iam/rolePolicy:RolePolicy", "app-reads-db-policy"},
		{"aws:ec2/securityGroup:SecurityGroup", "db-rotation-sg"},
		{"aws:secretsmanager/secretRotation:SecretRotation", "db-rotation-rotation"},
	} {
		m.MustFind(t, want[0], want[1])
	}
	params, _ := m.MustFind(t, "aws:serverlessrepository/cloudFormationStack:CloudFormationStack", "db-rotation-app").Input("parameters")
	if got := params.ObjectValue()["vpcSubnetIds"].StringValue(); got != "subnet-1,subnet-2" {
		t.Errorf("vpcSubnetIds = %q", got)
	}
	if len(m.Warnings()) != 0 {
		t.Errorf("warnings: %q", m.Warnings())
	}
}

// TestPlan pins the plan `go run . synth ./examples/database` prints: run `go test -update`
// to accept a change.
func TestPlan(t *testing.T) { synthtest.Plan(t, program, offline) }
