package e2e

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/ec2"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
)

// TestExamples runs the demo and every example stack from its own folder, as a user's
// `pulumi preview` and `pulumi up` there do: preview, up (during which each rotated secret's
// first rotation runs its function and succeeds), then a preview that must plan nothing;
// refresh, then the same preview; no secret value in plain text in the state or the output; destroy, after which
// the emulator holds nothing of the stack but what RemovalPolicyRetain keeps.
func TestExamples(t *testing.T) {
	for _, c := range exampleStacks(t) {
		t.Run(c.name, func(t *testing.T) {
			before := inventory(t)
			st := folderStack(t, filepath.Join(repoRoot(t), c.dir), c.config)
			st.preview()
			outs := st.up().Outputs
			arn := func(name string) string {
				s, _ := outs[name].Value.(string)
				if s == "" {
					t.Fatalf("output %s is not a secret's ARN", name)
				}
				return s
			}
			for _, o := range c.secrets {
				st.addSecretsFrom(arn(o))
			}
			for _, o := range c.rotated {
				st.addSecretsFrom(arn(o))
				rot := st.rotationsOf(arn(o))
				if len(rot) == 0 || rot[0].Status != "succeeded" {
					t.Errorf("%s: rotations %+v; want a first one that succeeded", o, rot)
					continue
				}
				if labels, _ := stages(t, arn(o)); labels["AWSCURRENT"] != rot[0].Token {
					t.Errorf("%s: AWSCURRENT is on %s, not on the rotation's version %s", o, labels["AWSCURRENT"], rot[0].Token)
				}
			}
			st.secrets = append(st.secrets, c.explicit...)
			st.assertStable()

			var kept []string
			values := map[string]string{}
			for _, o := range c.retained {
				d, err := sm(region).DescribeSecret(context.Background(), &secretsmanager.DescribeSecretInput{SecretId: aws.String(arn(o))})
				if err != nil {
					t.Fatal(err)
				}
				kept = append(kept, region+" secret "+aws.ToString(d.Name))
				values[arn(o)] = valueAt(t, arn(o), "AWSCURRENT")
				t.Cleanup(func() { forceDelete(t, arn(o)) })
			}
			st.destroy()
			assertLeftBehind(t, before, kept...)
			for a, v := range values {
				if valueAt(t, a, "AWSCURRENT") != v {
					t.Errorf("the retained secret %s lost its value", a)
				}
			}
		})
	}
}

// example is a stack to run from its folder.
type example struct {
	name     string
	dir      string // from the repository's root
	config   map[string]string
	secrets  []string // outputs holding the ARNs of the stack's secrets
	rotated  []string // outputs holding the ARNs of the secrets it rotates
	explicit []string // explicit values the program sets
	retained []string // outputs holding the ARNs of retained secrets
}

// exampleStacks are the demo and every example stack, with the config each needs (and, for
// import-legacy, the secrets and function it imports, made here).
func exampleStacks(t *testing.T) []example {
	vpc, subnet := network(t)
	legacy := legacySecrets(t)
	return []example{
		{name: "demo", dir: ".", secrets: []string{"dbSecretArn", "apiTokenSecretArn"}, explicit: []string{"demo-token-not-real"}, retained: []string{"dbSecretArn"}},
		{name: "database", dir: "examples/database", config: map[string]string{"dbHost": "db.internal.example", "vpcId": vpc, "subnetIds[0]": subnet},
			secrets: []string{"dbSecretArn"}, rotated: []string{"dbSecretArn"}, retained: []string{"dbSecretArn"}},
		{name: "cross-account", dir: "examples/cross-account", config: map[string]string{"consumerAccountId": "222222222222"}, secrets: []string{"sharedSecretArn"}},
		{name: "multi-region", dir: "examples/multi-region", secrets: []string{"secretArn"}},
		{name: "custom-rotation", dir: "examples/custom-rotation", secrets: []string{"apiSecretArn"}, rotated: []string{"apiSecretArn"}},
		{name: "multi-user-rotation", dir: "examples/multi-user-rotation", config: map[string]string{"dbHost": "db.internal.example", "vpcId": vpc, "subnetIds[0]": subnet},
			secrets: []string{"appSecretArn", "masterSecretArn"}, rotated: []string{"appSecretArn"}, retained: []string{"appSecretArn", "masterSecretArn"}},
		{name: "import-legacy", dir: "examples/import-legacy", config: legacy.config, explicit: legacy.values, rotated: []string{"sharedSecretArn"}},
		{name: "tag-grants", dir: "examples/tag-grants", secrets: []string{"firstSecretArn"}, rotated: []string{"firstSecretArn"}},
		{name: "app-consumer", dir: "examples/app-consumer", secrets: []string{"apiSecretArn"}},
		{name: "rds-rotation", dir: "examples/rds-rotation", config: map[string]string{"vpcId": vpc, "subnetIds[0]": subnet}, secrets: []string{"dbSecretArn"}, rotated: []string{"dbSecretArn"}},
	}
}

// legacy are secrets made outside Pulumi, for import-legacy.
type legacy struct {
	config map[string]string
	values []string
}

var legacyRuns int

// legacySecrets makes the secrets and the rotation function import-legacy imports, and
// deletes them after the test.
func legacySecrets(t *testing.T) legacy {
	t.Helper()
	legacyRuns++
	n := fmt.Sprintf("%d", legacyRuns)
	out := legacy{config: map[string]string{
		"rotationFunctionArn": rotationFunction(t, "e2e-import-legacy-"+n),
	}}
	for key, name := range map[string]string{"legacyName": "e2e/legacy-db-" + n, "legacyPartialArn": "e2e/legacy-api-" + n, "sharedName": "e2e/shared-" + n} {
		value := `{"username":"legacy","password":"legacy-password-` + n + "-" + key + `"}`
		created, err := sm(region).CreateSecret(context.Background(), &secretsmanager.CreateSecretInput{Name: aws.String(name), SecretString: aws.String(value)})
		if err != nil {
			t.Fatalf("creating %s: %v", name, err)
		}
		t.Cleanup(func() { forceDelete(t, name) })
		out.values = append(out.values, value, "legacy-password-"+n+"-"+key)
		out.config[key] = name
		if key == "legacyPartialArn" {
			arn := aws.ToString(created.ARN)
			out.config[key] = arn[:len(arn)-7] // without the suffix
		}
	}
	return out
}

// network makes a VPC with one subnet for the stacks that need one.
func network(t *testing.T) (vpcID, subnetID string) {
	t.Helper()
	ctx := context.Background()
	e := clientsIn(region).EC2()
	v, err := e.CreateVpc(ctx, &ec2.CreateVpcInput{CidrBlock: aws.String("10.20.0.0/16")})
	if err != nil {
		t.Fatalf("creating a VPC: %v", err)
	}
	s, err := e.CreateSubnet(ctx, &ec2.CreateSubnetInput{VpcId: v.Vpc.VpcId, CidrBlock: aws.String("10.20.1.0/24")})
	if err != nil {
		t.Fatalf("creating a subnet: %v", err)
	}
	return aws.ToString(v.Vpc.VpcId), aws.ToString(s.Subnet.SubnetId)
}

// forceDelete deletes a secret the test kept, without recovery.
func forceDelete(t *testing.T, id string) {
	_, err := sm(region).DeleteSecret(context.Background(), &secretsmanager.DeleteSecretInput{
		SecretId: aws.String(id), ForceDeleteWithoutRecovery: aws.Bool(true),
	})
	if err != nil {
		t.Errorf("deleting %s: %v", id, err)
	}
}
