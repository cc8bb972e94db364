package e2e

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
)

// TestYAMLExample runs examples/yaml, a YAML program of the plugin package's components,
// through the YAML language host and the plugin (provider/, built here): preview, up, a
// preview that plans nothing, refresh, destroy. The program's Pulumi.yaml names the package
// by its folder; the Go language host the suite runs (v3.66.0, the last one published as a
// module) cannot build a source plugin for a newer CLI, so the test runs a copy of the
// program whose package is the plugin built from that folder (buildPlugin, copyProgram).
func TestYAMLExample(t *testing.T) {
	dir := t.TempDir()
	program := copyProgram(t, "yaml", dir, buildPlugin(t, dir), "Pulumi.yaml")

	const token = "yaml-token-not-real"
	before := inventory(t)
	st := folderStack(t, program, nil)
	if err := st.s.SetConfig(context.Background(), "apiToken", auto.ConfigValue{Value: token, Secret: true}); err != nil {
		t.Fatal(err)
	}
	st.secrets = append(st.secrets, token)
	st.preview()
	outs := st.up().Outputs
	arn := func(name string) string {
		s, _ := outs[name].Value.(string)
		if !strings.HasPrefix(s, "arn:aws:") {
			t.Fatalf("output %s = %v; want an ARN", name, outs[name].Value)
		}
		return s
	}
	db, tok := arn("dbSecretArn"), arn("tokenSecretArn")
	st.addSecretsFrom(db, tok)
	if got := valueAt(t, tok, "AWSCURRENT"); got != token {
		t.Error("the token secret does not hold the configured value")
	}

	// The grants: one inline policy naming both secrets, one by tag, on the program's role.
	ctx := context.Background()
	c := clientsIn(region).IAM()
	roles, err := c.ListRoles(ctx, &iam.ListRolesInput{})
	if err != nil {
		t.Fatal(err)
	}
	var docs []string
	for _, r := range roles.Roles {
		if !strings.HasPrefix(aws.ToString(r.RoleName), "appRole-") {
			continue
		}
		names, err := c.ListRolePolicies(ctx, &iam.ListRolePoliciesInput{RoleName: r.RoleName})
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range names.PolicyNames {
			p, err := c.GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: r.RoleName, PolicyName: aws.String(n)})
			if err != nil {
				t.Fatal(err)
			}
			doc, err := url.QueryUnescape(aws.ToString(p.PolicyDocument)) // IAM returns documents URL-encoded
			if err != nil {
				t.Fatal(err)
			}
			docs = append(docs, doc)
		}
	}
	if len(docs) != 2 {
		t.Fatalf("the app role has %d inline policies; want the two grants", len(docs))
	}
	all := strings.Join(docs, "\n")
	for _, want := range []string{db, tok, "secretsmanager:ResourceTag/app", "AWSCURRENT"} {
		if !strings.Contains(all, want) {
			t.Errorf("the role's policies do not name %s:\n%s", want, all)
		}
	}

	// The hosted rotation: the secret rotates with the function the schedule names.
	d, err := sm(region).DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: aws.String(db)})
	if err != nil {
		t.Fatal(err)
	}
	if !aws.ToBool(d.RotationEnabled) || aws.ToString(d.RotationLambdaARN) != outs["rotationFunctionArn"].Value {
		t.Errorf("rotation enabled %v with %s; want %v", aws.ToBool(d.RotationEnabled), aws.ToString(d.RotationLambdaARN), outs["rotationFunctionArn"].Value)
	}
	// The children are the Go components' children, under the same types and names, so a
	// stack can move between Go and YAML without replacing anything.
	var urns []string
	for _, r := range st.resources() {
		urns = append(urns, r.URN[strings.LastIndex(r.URN, "::secretsmith")+2:])
	}
	for _, want := range []string{
		"secretsmith:secrets:Secret$aws:secretsmanager/secret:Secret::db-secret",
		"secretsmith:secrets:Secret$aws:secretsmanager/secretVersion:SecretVersion::db-version",
		"secretsmith:grants:Grant$aws:iam/rolePolicy:RolePolicy::appRead-policy",
		"secretsmith:rotation:RotationSchedule$aws:secretsmanager/secretRotation:SecretRotation::dbRotation-rotation",
	} {
		if !slices.Contains(urns, want) {
			t.Errorf("no resource %s in the state: %v", want, urns)
		}
	}

	st.assertStable()
	st.destroy()
	assertLeftBehind(t, before)
}

// buildPlugin builds the plugin package (provider/) into dir/plugin, which it returns, as
// the engine runs a package whose folder holds pulumi-resource-<name>.
func buildPlugin(t *testing.T, dir string) string {
	t.Helper()
	plugin := filepath.Join(dir, "plugin")
	build := exec.Command("go", "build", "-o", filepath.Join(plugin, "pulumi-resource-secretsmith"), ".")
	build.Dir = filepath.Join(repoRoot(t), "provider")
	if b, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the plugin: %v\n%s", err, b)
	}
	return plugin
}

// copyProgram copies files of examples/<example> into dir/program, which it returns, with
// the package source in Pulumi.yaml (the plugin package's folder) replaced by plugin.
func copyProgram(t *testing.T, example, dir, plugin string, files ...string) string {
	t.Helper()
	program := filepath.Join(dir, "program")
	if err := os.MkdirAll(program, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(repoRoot(t), "examples", example, f))
		if err != nil {
			t.Fatal(err)
		}
		if f == "Pulumi.yaml" {
			const source = "secretsmith: ../../provider"
			if !strings.Contains(string(b), source) {
				t.Fatalf("examples/%s/Pulumi.yaml no longer says %q", example, source)
			}
			b = []byte(strings.Replace(string(b), source, "secretsmith: "+plugin, 1))
		}
		if err := os.WriteFile(filepath.Join(program, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return program
}
