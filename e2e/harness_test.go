package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optrefresh"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optremove"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/e2e/provider"
)

// The suite runs every stack on a local file backend with a passphrase secrets provider, a
// Pulumi home of its own holding the stand-in provider plugins, and the emulator that
// e2e/run started.
var (
	endpoint   string
	pulumiHome string
	backend    string
	policyPack string // the policy pack, built
)

const passphrase = "e2e-passphrase-not-a-secret"

func TestMain(m *testing.M) {
	endpoint = os.Getenv(provider.EndpointVariable)
	if endpoint == "" {
		fmt.Fprintf(os.Stderr, "e2e: %s is not set: run the suite with e2e/run, which starts the emulator\n", provider.EndpointVariable)
		os.Exit(2)
	}
	dir, err := os.MkdirTemp("", "secretsmith-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	pulumiHome, backend = filepath.Join(dir, "home"), filepath.Join(dir, "backend")
	policyPack = filepath.Join(dir, "secretsmith-policy")
	if err := installPlugins(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(2)
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// installPlugins builds the stand-in plugins into the Pulumi home, where the engine looks
// for resource-<name>-v<version>, and the policy pack.
func installPlugins() error {
	if err := os.MkdirAll(backend, 0o755); err != nil {
		return err
	}
	for name, version := range map[string]string{"aws": provider.AWSVersion, "random": provider.RandomVersion} {
		bin := "pulumi-resource-" + name
		out := filepath.Join(pulumiHome, "plugins", fmt.Sprintf("resource-%s-v%s", name, version), bin)
		cmd := exec.Command("go", "build", "-o", out, "./cmd/"+bin)
		if b, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("building %s: %v\n%s", bin, err, b)
		}
	}
	// The policy pack, from the secretsmith module one folder up, as a binary the engine
	// starts as an analyzer plugin.
	cmd := exec.Command("go", "build", "-o", policyPack, "./policy")
	cmd.Dir = ".."
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building the policy pack: %v\n%s", err, b)
	}
	return nil
}

func env() map[string]string {
	return map[string]string{
		"PULUMI_HOME":                                 pulumiHome,
		"PULUMI_BACKEND_URL":                          "file://" + backend,
		"PULUMI_CONFIG_PASSPHRASE":                    passphrase,
		"PULUMI_SKIP_UPDATE_CHECK":                    "true",
		"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
		provider.EndpointVariable:                     endpoint,
	}
}

// stack is one stack under test with everything its commands printed, which is searched
// for secrets and shown, redacted, when a step fails.
type stack struct {
	t       *testing.T
	s       auto.Stack
	out     bytes.Buffer
	secrets []string // values never to be shown

	rotationsBefore  int  // the emulator's rotations before the stack began
	rotationsChecked int  // the emulator's rotations settle has checked
	failingRotations bool // the test expects a rotation of its own to fail
}

var nonName = regexp.MustCompile(`[^a-z0-9-]+`)

func stackName(t *testing.T) string {
	n := strings.Trim(nonName.ReplaceAllString(strings.ToLower(t.Name()), "-"), "-")
	if len(n) > 60 {
		n = n[len(n)-60:]
	}
	return "e2e-" + n
}

// inlineStack runs program as the Automation API's inline program.
func inlineStack(t *testing.T, program pulumi.RunFunc, config map[string]string) *stack {
	t.Helper()
	proj := workspace.Project{Name: tokens.PackageName("e2e"), Runtime: workspace.NewProjectRuntimeInfo("go", nil)}
	s, err := auto.UpsertStackInlineSource(context.Background(), stackName(t), "e2e", program,
		auto.Project(proj), auto.EnvVars(env()), auto.SecretsProvider("passphrase"))
	if err != nil {
		t.Fatalf("creating stack: %v", err)
	}
	return newStack(t, s, config)
}

// folderStack runs the Pulumi project in dir (a `runtime: go` folder) as a user's
// `pulumi up` there does: through the Go language host. The stack's settings file the
// workspace writes there is removed afterwards.
func folderStack(t *testing.T, dir string, config map[string]string) *stack {
	t.Helper()
	name := stackName(t)
	t.Cleanup(func() { _ = os.Remove(filepath.Join(dir, "Pulumi."+name+".yaml")) })
	s, err := auto.UpsertStackLocalSource(context.Background(), name, dir, auto.EnvVars(env()), auto.SecretsProvider("passphrase"))
	if err != nil {
		t.Fatalf("creating stack in %s: %v", dir, err)
	}
	return newStack(t, s, config)
}

func newStack(t *testing.T, s auto.Stack, config map[string]string) *stack {
	before := len(rotations(t))
	st := &stack{t: t, s: s, rotationsBefore: before, rotationsChecked: before}
	config = maps.Clone(config)
	if config == nil {
		config = map[string]string{}
	}
	config["aws:region"] = region
	for k, v := range config {
		// A key such as subnetIds[0] is a path into a list.
		opts := &auto.ConfigOptions{Path: strings.Contains(k, "[")}
		if err := s.SetConfigWithOptions(context.Background(), k, auto.ConfigValue{Value: v}, opts); err != nil {
			t.Fatalf("setting config %s: %v", k, err)
		}
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("what the stack's commands printed (secrets redacted):\n%s", st.redacted(st.out.String()))
		}
		_ = s.Workspace().RemoveStack(context.Background(), s.Name(), optremove.Force())
	})
	return st
}

// redacted replaces every known secret in s.
func (st *stack) redacted(s string) string {
	for _, v := range st.secrets {
		if v != "" {
			s = strings.ReplaceAll(s, v, "[redacted]")
		}
	}
	return s
}

func (st *stack) fail(step string, err error) {
	st.t.Helper()
	st.t.Fatalf("%s: %s", step, st.redacted(err.Error()))
}

func (st *stack) up() auto.UpResult {
	st.t.Helper()
	res, err := st.s.Up(context.Background(), optup.ProgressStreams(&st.out), optup.ErrorProgressStreams(&st.out))
	if err != nil {
		st.fail("up", err)
	}
	st.settle("up")
	return res
}

// upErr runs up and returns its error, which a test expects.
func (st *stack) upErr() error {
	_, err := st.s.Up(context.Background(), optup.ProgressStreams(&st.out), optup.ErrorProgressStreams(&st.out))
	st.settle("up")
	return err
}

// upRefresh is `pulumi up --refresh`.
func (st *stack) upRefresh() auto.UpResult {
	st.t.Helper()
	res, err := st.s.Up(context.Background(), optup.Refresh(), optup.ProgressStreams(&st.out), optup.ErrorProgressStreams(&st.out))
	if err != nil {
		st.fail("up --refresh", err)
	}
	st.settle("up --refresh")
	return res
}

// expectNoChanges is `pulumi preview --expect-no-changes`.
func (st *stack) expectNoChanges(after string) {
	st.t.Helper()
	if _, err := st.s.Preview(context.Background(), optpreview.ExpectNoChanges(), optpreview.Diff(),
		optpreview.ProgressStreams(&st.out), optpreview.ErrorProgressStreams(&st.out)); err != nil {
		st.fail("preview --expect-no-changes after "+after, err)
	}
	st.settle("preview --expect-no-changes")
}

func (st *stack) preview() auto.PreviewResult {
	st.t.Helper()
	res, err := st.s.Preview(context.Background(), optpreview.ProgressStreams(&st.out), optpreview.ErrorProgressStreams(&st.out))
	if err != nil {
		st.fail("preview", err)
	}
	st.settle("preview")
	return res
}

func (st *stack) refresh() {
	st.t.Helper()
	if _, err := st.s.Refresh(context.Background(), optrefresh.ProgressStreams(&st.out), optrefresh.ErrorProgressStreams(&st.out)); err != nil {
		st.fail("refresh", err)
	}
	st.settle("refresh")
}

func (st *stack) destroy() {
	st.t.Helper()
	if _, err := st.s.Destroy(context.Background(), optdestroy.ProgressStreams(&st.out), optdestroy.ErrorProgressStreams(&st.out)); err != nil {
		st.fail("destroy", err)
	}
	st.settle("destroy")
}

// assertStable is what every deployed stack must show: a preview that plans nothing, a
// refresh after which a preview plans nothing again, and no secret in plain text.
func (st *stack) assertStable() {
	st.t.Helper()
	st.expectNoChanges("up")
	st.refresh()
	st.expectNoChanges("refresh")
	st.assertNoPlainSecrets()
}

// state is `pulumi stack export` (without --show-secrets, which the Automation API's
// Export adds): the deployment as the backend keeps it.
func (st *stack) state() []byte {
	st.t.Helper()
	cmd := exec.Command("pulumi", "stack", "export", "--stack", st.s.Name(), "--cwd", st.s.Workspace().WorkDir())
	cmd.Env = os.Environ()
	for k, v := range env() {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		st.t.Fatalf("pulumi stack export: %v\n%s", err, st.redacted(stderr.String()))
	}
	var d struct {
		Deployment json.RawMessage `json:"deployment"`
	}
	if err := json.Unmarshal(out, &d); err != nil {
		st.t.Fatalf("reading the exported state: %v", err)
	}
	return d.Deployment
}

// resources are the exported state's resources.
func (st *stack) resources() []stateResource {
	st.t.Helper()
	var d struct {
		Resources []stateResource `json:"resources"`
	}
	if err := json.Unmarshal(st.state(), &d); err != nil {
		st.t.Fatalf("reading the exported state: %v", err)
	}
	return d.Resources
}

type stateResource struct {
	URN     string         `json:"urn"`
	Type    string         `json:"type"`
	ID      string         `json:"id"`
	Inputs  map[string]any `json:"inputs"`
	Outputs map[string]any `json:"outputs"`
}

// secretSig marks a secret value in exported state.
const secretSig = "4dabf18193072939515e22adb298388d"

func isSecret(v any) bool {
	m, ok := v.(map[string]any)
	return ok && m[secretSig] != nil
}

// assertNoPlainSecrets fails if the exported state or anything the commands printed holds
// one of the stack's secret values in plain text, and if a value-carrying property of the
// state is not a Pulumi secret.
func (st *stack) assertNoPlainSecrets() {
	st.t.Helper()
	state := string(st.state())
	printed := st.out.String()
	for i, v := range st.secrets {
		if v == "" {
			continue
		}
		if strings.Contains(state, v) || strings.Contains(state, jsonQuoted(v)) {
			st.t.Errorf("secret value #%d is in the exported state in plain text, at %s", i, where(state, v))
		}
		if strings.Contains(printed, v) {
			st.t.Errorf("secret value #%d is in the commands' output in plain text", i)
		}
	}
	for _, r := range st.resources() {
		for _, k := range valueProperties[r.Type] {
			for where, props := range map[string]map[string]any{"inputs": r.Inputs, "outputs": r.Outputs} {
				if v, ok := props[k]; ok && v != nil && !isSecret(v) {
					st.t.Errorf("%s %s.%s is not a Pulumi secret in the state", r.URN, where, k)
				}
			}
		}
	}
}

// where says what surrounds the first occurrence of v in state, with v itself redacted.
func where(state, v string) string {
	i := strings.Index(state, v)
	if i < 0 {
		i = strings.Index(state, jsonQuoted(v))
	}
	start, end := max(0, i-200), min(len(state), i+len(v)+40)
	return strings.ReplaceAll(state[start:end], v, "[redacted]")
}

// valueProperties are the properties that carry secret material, by resource type.
var valueProperties = map[string][]string{
	"aws:secretsmanager/secretVersion:SecretVersion": {"secretString", "secretBinary"},
	"random:index/randomBytes:RandomBytes":           {"base64", "hex"},
}

// jsonQuoted is v as it appears inside a JSON string.
func jsonQuoted(v string) string {
	b, _ := json.Marshal(v)
	return strings.Trim(string(b), `"`)
}

// addSecretsFrom records every value of the named secrets, and the password field of JSON
// values, as values never to appear in plain text.
func (st *stack) addSecretsFrom(names ...string) {
	st.t.Helper()
	for _, n := range names {
		for _, v := range versionValues(st.t, n) {
			st.secrets = append(st.secrets, v)
			var obj map[string]any
			if json.Unmarshal([]byte(v), &obj) == nil {
				if pw, ok := obj["password"].(string); ok {
					st.secrets = append(st.secrets, pw)
				}
			}
		}
	}
}

// repoRoot is the secretsmith module, one folder up.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}
