// Package synthtest checks a program's offline plan against a golden file.
package synthtest

import (
	"bytes"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/golden"
	"github.com/secretsmith/secretsmith/internal/pulumitest"
	"github.com/secretsmith/secretsmith/synth"
)

// Plan compares the plan synth prints for program with config with testdata/plan.golden;
// `go test -update` rewrites the file.
func Plan(t *testing.T, program pulumi.RunFunc, config map[string]string) {
	t.Helper()
	var out bytes.Buffer
	if err := synth.Run(&out, program, config, nil); err != nil {
		t.Fatal(err)
	}
	golden.Compare(t, "testdata/plan.golden", out.Bytes())
}

// Run runs program with config against the recording mock, as `pulumi up` would, and fails
// the test if the program fails.
func Run(t *testing.T, program pulumi.RunFunc, config map[string]string) *pulumitest.Mock {
	t.Helper()
	m := pulumitest.New()
	m.Config = config
	if err := m.Run(program); err != nil {
		t.Fatal(err)
	}
	return m
}
