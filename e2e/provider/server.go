package provider

import (
	"context"
	"fmt"
	"os"
	"sort"
	"sync"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
)

// Type is one resource type: its schema facts and its CRUD against the emulator. Create and
// Update return nothing but errors: as in the terraform provider, each ends with a Read,
// whose result is the state.
type Type struct {
	// ForceNew are the inputs whose change replaces the resource (ForceNew in the upstream
	// schema).
	ForceNew []string
	// AutoName is the input Pulumi fills with `<resource name>-<7 hex digits>` when the
	// program leaves it out (pulumi-aws autonaming); "" when the type has none.
	AutoName string
	// Defaults are schema defaults that Check fills in.
	Defaults map[string]any
	// Computed are the outputs AWS decides; they are unknown in a preview of a create, and an
	// input among them that the program drops keeps its state value (Optional+Computed).
	Computed []string
	// Sets are inputs compared regardless of order (TypeSet upstream).
	Sets []string
	// JSON are inputs compared as JSON documents (the upstream's equivalent-policy diff
	// suppression).
	JSON []string
	// Secrets are outputs that are always secret (Sensitive upstream).
	Secrets []string

	Create func(ctx context.Context, c *Clients, in Props) (id string, state Props, err error)
	// Read returns the state, or nil when the resource no longer exists.
	Read   func(ctx context.Context, c *Clients, id string, state Props) (Props, error)
	Update func(ctx context.Context, c *Clients, id string, olds, news Props) error
	Delete func(ctx context.Context, c *Clients, id string, state Props) error
}

// Invoke is a data source: its arguments to its result.
type Invoke struct {
	Call    func(ctx context.Context, c *Clients, args Props) (Props, error)
	Secrets []string // result fields that are secret
}

// Provider serves Types and Invokes as one provider plugin.
type Provider struct {
	plugin.UnimplementedProvider

	version string
	schema  []byte // nil: GetSchema is not implemented
	types   map[string]*Type
	invokes map[string]*Invoke

	mu      sync.Mutex
	clients *Clients
}

// EndpointVariable names the environment variable that holds the emulator's URL.
const EndpointVariable = "SECRETSMITH_E2E_AWS_ENDPOINT"

// Serve runs a provider plugin as the engine expects: it prints its port and serves until
// the engine hangs up. It refuses to run without a loopback endpoint. schema may be nil.
func Serve(version string, schema []byte, types map[string]*Type, invokes map[string]*Invoke) {
	endpoint := os.Getenv(EndpointVariable)
	if err := checkLoopback(endpoint); err != nil {
		fmt.Fprintf(os.Stderr, "test provider: %v\n", err)
		os.Exit(1)
	}
	p := &Provider{version: version, schema: schema, types: types, invokes: invokes, clients: &Clients{Endpoint: endpoint}}
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Init: func(s *grpc.Server) error {
			pulumirpc.RegisterResourceProviderServer(s, plugin.NewProviderServer(p))
			return nil
		},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "test provider: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fmt.Fprintf(os.Stderr, "test provider: %v\n", err)
		os.Exit(1)
	}
}

// GetPluginInfo reports the version of the real provider this stands in for.
func (p *Provider) GetPluginInfo(context.Context) (plugin.PluginInfo, error) {
	v := semver.MustParse(p.version)
	return plugin.PluginInfo{Version: &v}, nil
}

// CheckConfig accepts the provider's configuration as given.
func (p *Provider) CheckConfig(_ context.Context, req plugin.CheckConfigRequest) (plugin.CheckConfigResponse, error) {
	return plugin.CheckConfigResponse{Properties: req.News}, nil
}

// DiffConfig reports a change of configuration; none replaces the provider.
func (p *Provider) DiffConfig(_ context.Context, req plugin.DiffConfigRequest) (plugin.DiffConfigResponse, error) {
	if req.OldInputs.DeepEquals(req.NewInputs) {
		return plugin.DiffResult{Changes: plugin.DiffNone}, nil
	}
	return plugin.DiffResult{Changes: plugin.DiffSome}, nil
}

// Configure takes the region (aws:region, or the explicit provider's region).
func (p *Provider) Configure(_ context.Context, req plugin.ConfigureRequest) (plugin.ConfigureResponse, error) {
	in := toProps(req.Inputs)
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clients = p.clients.in(in.Str("region"))
	return plugin.ConfigureResponse{}, nil
}

func (p *Provider) typ(t fmt.Stringer) (*Type, error) {
	typ, ok := p.types[t.String()]
	if !ok {
		return nil, fmt.Errorf("test provider: resource type %s is not served", t)
	}
	return typ, nil
}

func (p *Provider) aws() *Clients {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.clients
}

// Check fills in defaults and the autoname, keeping a name Pulumi made before
// (pulumi-terraform-bridge's Check with autonaming: the old name is kept while the inputs
// do not give one).
func (p *Provider) Check(_ context.Context, req plugin.CheckRequest) (plugin.CheckResponse, error) {
	t, err := p.typ(req.Type)
	if err != nil {
		return plugin.CheckResponse{}, err
	}
	news := req.News.Copy()
	for k, v := range t.Defaults {
		if _, ok := news[resource.PropertyKey(k)]; !ok {
			news[resource.PropertyKey(k)] = resource.NewPropertyValue(v)
		}
	}
	if key := resource.PropertyKey(t.AutoName); key != "" {
		if _, given := news[key]; !given {
			if old, ok := req.Olds[key]; ok && autonamed(req.Olds, key) {
				news[key] = old
			} else {
				news[key] = resource.NewStringProperty(autoname(req.Name, req.RandomSeed))
			}
			news[defaultsKey] = resource.NewArrayProperty([]resource.PropertyValue{resource.NewStringProperty(string(key))})
		}
	}
	return plugin.CheckResponse{Properties: news}, nil
}

// defaultsKey is where the bridge records which inputs it filled in.
const defaultsKey = "__defaults"

func autonamed(m resource.PropertyMap, key resource.PropertyKey) bool {
	d, ok := m[defaultsKey]
	if !ok || !d.IsArray() {
		return false
	}
	for _, v := range d.ArrayValue() {
		if v.IsString() && v.StringValue() == string(key) {
			return true
		}
	}
	return false
}

// autoname is name with seven hex digits drawn from the engine's seed, which is stable
// across previews of the same program.
func autoname(name string, seed []byte) string {
	const hex = "0123456789abcdef"
	b := make([]byte, 7)
	for i := range b {
		var x byte
		if i/2 < len(seed) {
			x = seed[i/2]
		}
		if i%2 == 0 {
			x >>= 4
		}
		b[i] = hex[x&0x0f]
	}
	return name + "-" + string(b)
}

// Diff compares the new inputs with the old state, as terraform plans against state:
// changed inputs are updates, or replacements when ForceNew. A replacement deletes first
// when the program names the resource itself, since the new one would take the name
// (pulumi-terraform-bridge Diff, nameRequiresDeleteBeforeReplace).
func (p *Provider) Diff(_ context.Context, req plugin.DiffRequest) (plugin.DiffResponse, error) {
	t, err := p.typ(req.Type)
	if err != nil {
		return plugin.DiffResult{}, err
	}
	news, olds, oldInputs := toProps(req.NewInputs), toProps(req.OldOutputs), toProps(req.OldInputs)
	ignored := map[string]bool{defaultsKey: true}
	for _, path := range req.IgnoreChanges {
		ignored[path] = true
	}
	keys := map[string]bool{}
	for k := range news {
		keys[k] = true
	}
	for k := range oldInputs {
		if !contains(t.Computed, k) {
			keys[k] = true
		}
	}
	res := plugin.DiffResult{Changes: plugin.DiffNone, DetailedDiff: map[string]plugin.PropertyDiff{}}
	for _, k := range sortedKeys(keys) {
		if ignored[k] || t.equal(k, news[k], olds[k]) {
			continue
		}
		kind := plugin.DiffUpdate
		if contains(t.ForceNew, k) {
			kind = plugin.DiffUpdateReplace
			res.ReplaceKeys = append(res.ReplaceKeys, resource.PropertyKey(k))
		}
		res.Changes = plugin.DiffSome
		res.ChangedKeys = append(res.ChangedKeys, resource.PropertyKey(k))
		res.DetailedDiff[k] = plugin.PropertyDiff{Kind: kind, InputDiff: true}
	}
	if len(res.ReplaceKeys) > 0 && t.AutoName != "" {
		_, given := news[t.AutoName]
		res.DeleteBeforeReplace = given && !autonamed(req.NewInputs, resource.PropertyKey(t.AutoName))
	}
	return res, nil
}

// Create creates the resource and reads it back; a preview only marks what AWS decides as
// unknown.
func (p *Provider) Create(ctx context.Context, req plugin.CreateRequest) (plugin.CreateResponse, error) {
	t, err := p.typ(req.Type)
	if err != nil {
		return plugin.CreateResponse{}, err
	}
	if req.Preview {
		outs := req.Properties.Copy()
		for _, k := range t.Computed {
			if _, ok := outs[resource.PropertyKey(k)]; !ok {
				outs[resource.PropertyKey(k)] = resource.MakeComputed(resource.NewStringProperty(""))
			}
		}
		return plugin.CreateResponse{Properties: outs}, nil
	}
	in := toProps(req.Properties)
	id, created, err := t.Create(ctx, p.aws(), in)
	if err != nil {
		return plugin.CreateResponse{}, err
	}
	for k, v := range created {
		in[k] = v
	}
	outs, err := p.readState(ctx, t, id, in, req.Properties)
	if err != nil {
		return plugin.CreateResponse{ID: resource.ID(id), Status: resource.StatusPartialFailure}, err
	}
	if outs == nil {
		return plugin.CreateResponse{}, fmt.Errorf("test provider: %s %s was created but cannot be read", req.Type, id)
	}
	return plugin.CreateResponse{ID: resource.ID(id), Properties: outs}, nil
}

// readState reads the resource and turns the result into outputs, secret where the type
// says so or where the inputs were.
func (p *Provider) readState(ctx context.Context, t *Type, id string, state Props, inputs resource.PropertyMap) (resource.PropertyMap, error) {
	got, err := t.Read(ctx, p.aws(), id, state)
	if err != nil || got == nil {
		return nil, err
	}
	got["id"] = id
	outs := fromProps(got)
	for k, v := range outs {
		if contains(t.Secrets, string(k)) || (inputs[k].ContainsSecrets() && !v.IsSecret()) {
			outs[k] = resource.MakeSecret(v)
		}
	}
	return outs, nil
}

// Read refreshes the resource. The new inputs are the old inputs' keys with the values
// just read: pulumi-terraform-bridge's Read calls ExtractInputsFromOutputs with isRefresh,
// which "only extract[s] new values for inputs that are already present" (extractInputs).
func (p *Provider) Read(ctx context.Context, req plugin.ReadRequest) (plugin.ReadResponse, error) {
	t, err := p.typ(req.Type)
	if err != nil {
		return plugin.ReadResponse{}, err
	}
	outs, err := p.readState(ctx, t, string(req.ID), toProps(req.State), req.State)
	if err != nil {
		return plugin.ReadResponse{}, err
	}
	if outs == nil {
		return plugin.ReadResponse{}, nil // gone: the engine drops it from the state
	}
	inputs := extractInputs(resource.NewObjectProperty(req.Inputs), resource.NewObjectProperty(outs)).ObjectValue()
	return plugin.ReadResponse{ReadResult: plugin.ReadResult{ID: req.ID, Inputs: inputs, Outputs: outs}}, nil
}

// extractInputs keeps the shape of old and takes the values of state (the bridge's
// extractInputs): object keys not in old are left out, keys no longer in state are dropped.
func extractInputs(old, state resource.PropertyValue) resource.PropertyValue {
	secret := old.IsSecret()
	if secret {
		old = old.SecretValue().Element
	}
	if state.IsSecret() {
		secret, state = true, state.SecretValue().Element
	}
	out := state
	switch {
	case old.IsObject() && state.IsObject():
		m := resource.PropertyMap{}
		for k, v := range old.ObjectValue() {
			if k == defaultsKey {
				m[k] = v
			} else if s, ok := state.ObjectValue()[k]; ok {
				m[k] = extractInputs(v, s)
			}
		}
		out = resource.NewObjectProperty(m)
	case old.IsArray() && state.IsArray():
		var a []resource.PropertyValue
		for i, s := range state.ArrayValue() {
			if i < len(old.ArrayValue()) {
				s = extractInputs(old.ArrayValue()[i], s)
			}
			a = append(a, s)
		}
		out = resource.NewArrayProperty(a)
	}
	if secret {
		return resource.MakeSecret(out)
	}
	return out
}

// Update updates the resource in place and reads it back.
func (p *Provider) Update(ctx context.Context, req plugin.UpdateRequest) (plugin.UpdateResponse, error) {
	t, err := p.typ(req.Type)
	if err != nil {
		return plugin.UpdateResponse{}, err
	}
	if req.Preview {
		outs := req.OldOutputs.Copy()
		for k, v := range req.NewInputs {
			outs[k] = v
		}
		return plugin.UpdateResponse{Properties: outs}, nil
	}
	olds, news := toProps(req.OldOutputs), toProps(req.NewInputs)
	if t.Update == nil {
		return plugin.UpdateResponse{}, fmt.Errorf("test provider: %s cannot be updated in place", req.Type)
	}
	if err := t.Update(ctx, p.aws(), string(req.ID), olds, news); err != nil {
		return plugin.UpdateResponse{}, err
	}
	state := olds
	for k, v := range news {
		state[k] = v
	}
	outs, err := p.readState(ctx, t, string(req.ID), state, req.NewInputs)
	if err != nil {
		return plugin.UpdateResponse{}, err
	}
	if outs == nil {
		return plugin.UpdateResponse{}, fmt.Errorf("test provider: %s %s was updated but cannot be read", req.Type, req.ID)
	}
	return plugin.UpdateResponse{Properties: outs}, nil
}

// Delete deletes the resource.
func (p *Provider) Delete(ctx context.Context, req plugin.DeleteRequest) (plugin.DeleteResponse, error) {
	t, err := p.typ(req.Type)
	if err != nil {
		return plugin.DeleteResponse{}, err
	}
	return plugin.DeleteResponse{}, t.Delete(ctx, p.aws(), string(req.ID), toProps(req.Outputs))
}

// Invoke calls a data source.
func (p *Provider) Invoke(ctx context.Context, req plugin.InvokeRequest) (plugin.InvokeResponse, error) {
	inv, ok := p.invokes[string(req.Tok)]
	if !ok {
		return plugin.InvokeResponse{}, fmt.Errorf("test provider: invoke %s is not served", req.Tok)
	}
	got, err := inv.Call(ctx, p.aws(), toProps(req.Args))
	if err != nil {
		return plugin.InvokeResponse{}, err
	}
	outs := fromProps(got)
	for _, k := range inv.Secrets {
		if v, ok := outs[resource.PropertyKey(k)]; ok {
			outs[resource.PropertyKey(k)] = resource.MakeSecret(v)
		}
	}
	return plugin.InvokeResponse{Properties: outs}, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
