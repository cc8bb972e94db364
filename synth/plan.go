package synth

import (
	"encoding/json"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/plan"
	"github.com/secretsmith/secretsmith/internal/pulumitest"
)

// Resource is one resource of a plan.
type Resource struct {
	// Type is the resource's type token, such as aws:iam/rolePolicy:RolePolicy.
	Type string
	// Name is the resource's name.
	Name string
	// Parent is the parent's name; empty for a resource of the stack.
	Parent string
	// Inputs are the inputs as plain Go values (what encoding/json decodes), with every
	// secret as "[secret]" and every value unknown at plan time as "[unknown]".
	Inputs map[string]any
	// Options are the resource options that matter to a plan, such as
	// "ignoreChanges=versionStages" or "dependsOn=a,b".
	Options []string
}

// Input is the input key as text: a string as it is, any other value as JSON, "" when
// the resource has no such input.
func (r Resource) Input(key string) string {
	v, ok := r.Inputs[key]
	if !ok {
		return ""
	}
	if s, ok := v.(string); ok {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// Option adjusts how Plan runs a program.
type Option func(*settings)

type settings struct {
	config   map[string]string
	deployed bool
	existing map[string]map[string]string
}

// WithConfig sets the stack's configuration, with keys as "project:key" (the project is
// "project").
func WithConfig(config map[string]string) Option {
	return func(s *settings) { s.config = config }
}

// WithSecrets gives the account secrets that exist before the program runs: their complete
// ARNs with their tags, which the getSecrets and getSecret data sources find (as
// secrets.Find does). Without it, the account has none.
func WithSecrets(existing map[string]map[string]string) Option {
	return func(s *settings) { s.existing = existing }
}

// Deployed runs the program as `pulumi up` of a new stack instead of a preview: each
// resource gets the outputs the in-process engine makes up for it (names, IDs and ARNs in
// account 123456789012, region us-east-1, partition aws), so what is computed from them,
// such as a policy naming a secret's ARN, is known.
func Deployed() Option {
	return func(s *settings) { s.deployed = true }
}

// Plan runs program offline, as a preview unless Deployed, and returns the resources it
// registers, parents before children and siblings by name. Nothing needs AWS, the Pulumi
// CLI or a network.
func Plan(program pulumi.RunFunc, opts ...Option) ([]Resource, error) {
	var s settings
	for _, o := range opts {
		o(&s)
	}
	entries, err := planned(program, s)
	if err != nil {
		return nil, err
	}
	out := make([]Resource, len(entries))
	for i, e := range entries {
		out[i] = Resource{Type: e.Type, Name: e.Name, Parent: e.Parent, Inputs: e.Inputs, Options: e.Options}
	}
	return out, nil
}

// planned runs program against the in-process engine with s and returns its plan.
func planned(program pulumi.RunFunc, s settings) ([]plan.Entry, error) {
	m := pulumitest.New()
	m.DryRun = !s.deployed
	m.Config, m.Listed = s.config, s.existing
	if err := m.Run(program); err != nil {
		return nil, err
	}
	return plan.Build(m.Resources()), nil
}

// Find returns the resource of type typ named name in resources.
func Find(resources []Resource, typ, name string) (Resource, bool) {
	for _, r := range resources {
		if r.Type == typ && r.Name == name {
			return r, true
		}
	}
	return Resource{}, false
}
