package main

import (
	"encoding/json"
	"testing"

	"github.com/secretsmith/secretsmith/internal/synthtest"
)

func TestProgram(t *testing.T) {
	t.Parallel()
	m := synthtest.Run(t, program, offline)
	db := m.MustFind(t, "aws:rds/instance:Instance", "db")
	if _, secret := db.Input("password"); !secret {
		t.Error("the instance's password is not a Pulumi secret")
	}
	v, secret := m.MustFind(t, "aws:secretsmanager/secretVersion:SecretVersion", "db-credentials-version").Input("secretString")
	if !secret {
		t.Fatal("the secret's value is not a Pulumi secret")
	}
	var value map[string]any
	if err := json.Unmarshal([]byte(v.StringValue()), &value); err != nil {
		t.Fatal("the secret's value is not JSON (value withheld)")
	}
	pw, _ := db.Input("password")
	if value["password"] != pw.StringValue() || value["engine"] != "mysql" || value["port"] != 3306.0 ||
		value["host"] != "db.abcdefghij.us-east-1.rds.amazonaws.com" || value["dbInstanceIdentifier"] != "db" {
		t.Errorf("the secret does not hold the instance's credentials and connection (value withheld)")
	}
	ingress := m.MustFind(t, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "db-rotation-ingress")
	if ingress.String("securityGroupId") != "db-id" {
		t.Errorf("the ingress is not into the database's group: %v", ingress.Inputs)
	}
	if len(m.Warnings()) != 0 {
		t.Errorf("warnings: %q", m.Warnings())
	}
}

// TestPlan pins the plan `go run . synth ./examples/rds-rotation` prints: run `go test
// -update` to accept a change.
func TestPlan(t *testing.T) { synthtest.Plan(t, program, offline) }
