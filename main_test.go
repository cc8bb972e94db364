package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/secretsmith/secretsmith/internal/golden"
	"github.com/secretsmith/secretsmith/internal/pulumitest"
)

// demoSecrets runs the demo as `pulumi up` would and returns every secret input value it
// registered, so that the tests can check none of them reaches synth's output.
func demoSecrets(t *testing.T) []string {
	t.Helper()
	m := pulumitest.New()
	if err := m.Run(demo); err != nil {
		t.Fatal(err)
	}
	var values []string
	for _, r := range m.Resources() {
		for k := range r.Inputs {
			if v, secret := r.Input(string(k)); secret && v.IsString() {
				values = append(values, v.StringValue())
			}
		}
	}
	if len(values) < 2 {
		t.Fatalf("the demo registered %d secret values; want at least 2", len(values))
	}
	return values
}

func TestSynthText(t *testing.T) {
	var out bytes.Buffer
	if err := synthOf(&out, nil); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	for _, want := range []string{
		"+ secretsmith:secrets:Secret db\n",
		"    + aws:secretsmanager/secret:Secret db-secret\n",
		"    + aws:secretsmanager/secretVersion:SecretVersion db-version\n",
		`        secretString: "[secret]"`,
		`        kmsKeyId: "[unknown]"`,
		"[ignoreChanges=versionStages deleteBeforeReplace retainOnDelete",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("synth output lacks %q:\n%s", want, text)
		}
	}
	for _, secret := range demoSecrets(t) {
		if strings.Contains(text, secret) {
			t.Errorf("synth output contains a secret value")
		}
	}
	if strings.Contains(text, "demo-token-not-real") {
		t.Errorf("synth output contains the demo token")
	}
}

// TestSynthGolden pins the whole demo plan: a change in what secretsmith registers shows up
// as a diff here. Run `go test . -update` to accept it.
func TestSynthGolden(t *testing.T) {
	var out bytes.Buffer
	if err := synthOf(&out, nil); err != nil {
		t.Fatal(err)
	}
	golden.Compare(t, "testdata/synth.golden", out.Bytes())
}

func TestSynthJSON(t *testing.T) {
	var out bytes.Buffer
	if err := synthOf(&out, []string{"--json"}); err != nil {
		t.Fatal(err)
	}
	var entries []struct {
		Type, Name, Parent string
		Inputs             map[string]any
	}
	if err := json.Unmarshal(out.Bytes(), &entries); err != nil {
		t.Fatalf("synth --json is not JSON: %v", err)
	}
	found := false
	for _, e := range entries {
		if e.Type == "aws:secretsmanager/secretVersion:SecretVersion" && e.Name == "db-version" {
			found = true
			if e.Parent != "db" || e.Inputs["secretString"] != "[secret]" {
				t.Errorf("db-version = %+v; want parent db and a masked secretString", e)
			}
		}
	}
	if !found {
		t.Error("no db-version entry")
	}
	for _, secret := range demoSecrets(t) {
		if strings.Contains(out.String(), secret) {
			t.Errorf("synth --json output contains a secret value")
		}
	}
}

func TestSynthBadFlag(t *testing.T) {
	if err := synthOf(&bytes.Buffer{}, []string{"--nope"}); err == nil {
		t.Error("an unknown flag was accepted")
	}
}
