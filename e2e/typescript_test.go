package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/secretsmith/secretsmith/e2e/provider"
)

// TestTypeScriptExample runs examples/typescript through the Node.js language host with the
// SDK generated from the plugin package's schema, as `pulumi package add` makes it: explicit
// AWS providers cross to the plugin as resource references (replica keys, a replica key's
// kms.Grant), and the state holds the Go components' children. e2e/run installs the npm
// packages; the suite generates and compiles the SDK (with the CLI's code generator: the
// v3.66.0 host predates generation by the language host) and runs the plugin built from
// provider/, as TestYAMLExample does.
func TestTypeScriptExample(t *testing.T) {
	modules, gensdk := os.Getenv("SECRETSMITH_E2E_NODE_MODULES"), os.Getenv("SECRETSMITH_E2E_GENSDK")
	if modules == "" || gensdk == "" {
		t.Fatal("SECRETSMITH_E2E_NODE_MODULES or SECRETSMITH_E2E_GENSDK is not set: run the suite with e2e/run")
	}
	dir := t.TempDir()
	plugin := buildPlugin(t, dir)
	program := copyProgram(t, "typescript", dir, plugin, "Pulumi.yaml", "package.json", "tsconfig.json", "index.ts")
	run := func(name string, args ...string) {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir = program
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, b)
		}
	}
	run("cp", "-r", modules, "node_modules")
	awsSchema := filepath.Join(dir, "aws-schema.json")
	if err := os.WriteFile(awsSchema, provider.AWSSchema, 0o644); err != nil {
		t.Fatal(err)
	}
	sdk := filepath.Join(program, "sdks", "secretsmith")
	run(gensdk, filepath.Join(repoRoot(t), "provider", "testdata", "schema.json"), awsSchema, sdk)
	// What the SDK's postinstall does, then what npm's file: dependency does.
	run("node", "node_modules/typescript/bin/tsc", "-p", sdk)
	run("cp", filepath.Join(sdk, "package.json"), filepath.Join(sdk, "bin", "package.json"))
	run("mkdir", "-p", "node_modules/@secretsmith")
	run("ln", "-s", "../../sdks/secretsmith", "node_modules/@secretsmith/secretsmith")

	before := inventory(t)
	st := folderStack(t, program, map[string]string{"consumerAccountId": "222222222222"})
	st.preview()
	outs := st.up().Outputs
	arn, _ := outs["secretArn"].Value.(string)
	if !strings.HasPrefix(arn, "arn:aws:secretsmanager:") {
		t.Fatalf("secretArn = %v", outs["secretArn"].Value)
	}
	st.addSecretsFrom(arn)

	// Each replica is encrypted with its region's replica key, and the consumer holds a
	// kms.Grant there constrained to the replica's ARN.
	ctx := context.Background()
	d, err := sm(region).DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: aws.String(arn)})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.ReplicationStatus) != 2 {
		t.Fatalf("replication status %+v; want eu-west-1 and eu-central-1", d.ReplicationStatus)
	}
	for _, rs := range d.ReplicationStatus {
		r, key := aws.ToString(rs.Region), aws.ToString(rs.KmsKeyId)
		if !strings.Contains(key, ":"+r+":") {
			t.Errorf("the replica in %s is encrypted with %q; want its region's replica key", r, key)
		}
		grants, err := clientsIn(r).KMS().ListGrants(ctx, &kms.ListGrantsInput{KeyId: aws.String(key)})
		if err != nil {
			t.Fatal(err)
		}
		replica := strings.Replace(arn, ":"+region+":", ":"+r+":", 1)
		found := false
		for _, g := range grants.Grants {
			if aws.ToString(g.GranteePrincipal) == "arn:aws:iam::222222222222:root" && g.Constraints != nil &&
				g.Constraints.EncryptionContextSubset["SecretARN"] == replica {
				found = true
			}
		}
		if !found {
			t.Errorf("no kms.Grant on the replica key in %s for the consumer, limited to %s", r, replica)
		}
	}
	p, err := sm(region).GetResourcePolicy(ctx, &secretsmanager.GetResourcePolicyInput{SecretId: aws.String(arn)})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []string{"eu-west-1", "eu-central-1"} {
		if !strings.Contains(aws.ToString(p.ResourcePolicy), ":"+r+":") {
			t.Errorf("the resource policy does not name the replica in %s: %s", r, aws.ToString(p.ResourcePolicy))
		}
	}
	if doc, _ := outs["readerPolicy"].Value.(string); !strings.Contains(doc, arn) {
		t.Errorf("readerPolicy %q does not name the secret", doc)
	}

	st.assertStable()
	st.destroy()
	assertLeftBehind(t, before)
}
