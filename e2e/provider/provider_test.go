package provider

import (
	"context"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
)

func TestCheckLoopbackRefusesAnythingButLoopback(t *testing.T) {
	for _, ok := range []string{"http://127.0.0.1:5000", "http://127.1.2.3:80", "http://localhost:4566", "http://[::1]:5000"} {
		if err := checkLoopback(ok); err != nil {
			t.Errorf("checkLoopback(%q) = %v, want nil", ok, err)
		}
	}
	for _, bad := range []string{"", "127.0.0.1:5000", "https://secretsmanager.us-east-1.amazonaws.com", "http://10.0.0.1:5000", "http://192.168.1.1", "ftp://127.0.0.1"} {
		if err := checkLoopback(bad); err == nil {
			t.Errorf("checkLoopback(%q) = nil, want an error", bad)
		}
	}
}

// A refresh keeps the old inputs' keys with the values read (the bridge's extractInputs):
// versionStages read from AWS replace the ones the program set; outputs that were no input
// stay out; secrets stay secret.
func TestExtractInputsKeepsTheOldShapeWithTheReadValues(t *testing.T) {
	old := resource.NewPropertyMapFromMap(map[string]any{
		"secretId":      "arn",
		"versionStages": []any{"AWSCURRENT", "SECRETSMITH"},
		"secretString":  "x",
	})
	old["secretString"] = resource.MakeSecret(old["secretString"])
	read := resource.NewPropertyMapFromMap(map[string]any{
		"secretId":      "arn",
		"versionStages": []any{"SECRETSMITH"},
		"secretString":  "x",
		"arn":           "arn",
		"versionId":     "v1",
	})
	got := extractInputs(resource.NewObjectProperty(old), resource.NewObjectProperty(read)).ObjectValue()
	if _, ok := got["versionId"]; ok {
		t.Error("versionId, an output only, became an input")
	}
	if s := got["versionStages"].ArrayValue(); len(s) != 1 || s[0].StringValue() != "SECRETSMITH" {
		t.Errorf("versionStages = %v, want the stages read", got["versionStages"])
	}
	if !got["secretString"].IsSecret() {
		t.Error("secretString is no longer secret")
	}
}

// Diff replaces on a ForceNew input, updates in place otherwise, ignores order in sets and
// the paths the program ignores, and replaces for an input not known yet.
func TestDiffFollowsTheSchema(t *testing.T) {
	p := &Provider{types: AWSTypes}
	olds := resource.NewPropertyMapFromMap(map[string]any{
		"secretId": "a", "secretString": "x", "versionStages": []any{"AWSCURRENT", "SECRETSMITH"}, "versionId": "v",
	})
	oldInputs := resource.NewPropertyMapFromMap(map[string]any{
		"secretId": "a", "secretString": "x", "versionStages": []any{"AWSCURRENT", "SECRETSMITH"},
	})
	cases := []struct {
		news    map[string]any
		ignore  []string
		changes plugin.DiffChanges
		replace bool
	}{
		{map[string]any{"secretId": "a", "secretString": "x", "versionStages": []any{"SECRETSMITH", "AWSCURRENT"}}, nil, plugin.DiffNone, false},
		{map[string]any{"secretId": "a", "secretString": "y", "versionStages": []any{"AWSCURRENT", "SECRETSMITH"}}, nil, plugin.DiffSome, true},
		{map[string]any{"secretId": "a", "secretString": "x", "versionStages": []any{"AWSCURRENT"}}, nil, plugin.DiffSome, false},
		{map[string]any{"secretId": "a", "secretString": "x", "versionStages": []any{"AWSCURRENT"}}, []string{"versionStages"}, plugin.DiffNone, false},
		{map[string]any{"secretId": "a", "secretString": resource.Computed{Element: resource.NewStringProperty("")}}, nil, plugin.DiffSome, true},
	}
	for i, c := range cases {
		news := resource.NewPropertyMapFromMap(c.news)
		if _, ok := c.news["secretString"].(resource.Computed); ok {
			news["secretString"] = resource.MakeComputed(resource.NewStringProperty(""))
		}
		got, err := p.Diff(context.Background(), plugin.DiffRequest{
			Type: "aws:secretsmanager/secretVersion:SecretVersion", OldInputs: oldInputs, OldOutputs: olds, NewInputs: news, IgnoreChanges: c.ignore,
		})
		if err != nil {
			t.Fatal(err)
		}
		if got.Changes != c.changes || (len(got.ReplaceKeys) > 0) != c.replace {
			t.Errorf("case %d: changes %v, replace keys %v; want %v, replace %v", i, got.Changes, got.ReplaceKeys, c.changes, c.replace)
		}
	}
}
