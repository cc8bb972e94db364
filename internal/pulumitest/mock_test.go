package pulumitest

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

type component struct{ pulumi.ResourceState }

// The mock records type, name, parent, provider, secret and unknown inputs, and options.
func TestRecords(t *testing.T) {
	t.Parallel()
	m := New()
	m.DryRun = true
	err := m.Run(func(ctx *pulumi.Context) error {
		c := &component{}
		if err := ctx.RegisterComponentResource("test:index:C", "c", c); err != nil {
			return err
		}
		p, err := aws.NewProvider(ctx, "west", &aws.ProviderArgs{Region: pulumi.String("us-west-2")})
		if err != nil {
			return err
		}
		s, err := secretsmanager.NewSecret(ctx, "s", &secretsmanager.SecretArgs{Name: pulumi.String("n")}, pulumi.Parent(c), pulumi.Provider(p))
		if err != nil {
			return err
		}
		_, err = secretsmanager.NewSecretVersion(ctx, "v", &secretsmanager.SecretVersionArgs{
			SecretId: s.ID().ToStringOutput(), SecretString: pulumi.ToSecret(pulumi.String("hunter2")).(pulumi.StringOutput),
		}, pulumi.Parent(c), pulumi.IgnoreChanges([]string{"versionStages"}), pulumi.RetainOnDelete(true),
			pulumi.DeleteBeforeReplace(true), pulumi.AdditionalSecretOutputs([]string{"arn"}), pulumi.DependsOn([]pulumi.Resource{s}))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	comp, _ := m.Find("test:index:C", "c")
	s, _ := m.Find("aws:secretsmanager/secret:Secret", "s")
	v, ok := m.Find("aws:secretsmanager/secretVersion:SecretVersion", "v")
	if !ok || comp.Parent != "" || s.Parent != comp.URN || v.Parent != comp.URN {
		t.Fatalf("parents: component %q, secret %q, version %q", comp.Parent, s.Parent, v.Parent)
	}
	if !strings.Contains(s.Provider, "pulumi:providers:aws::west::") || s.String("name") != "n" {
		t.Errorf("secret provider %q name %q", s.Provider, s.String("name"))
	}
	if val, secret := v.Input("secretString"); !secret || val.StringValue() != "hunter2" {
		t.Errorf("secretString secret=%v", secret)
	}
	if id := v.Inputs["secretId"]; !id.IsComputed() {
		t.Errorf("secretId = %v; want unknown in a preview", id)
	}
	if len(v.IgnoreChanges) != 1 || !v.RetainOnDelete || !v.DeleteBeforeReplace || v.AdditionalSecretOutputs[0] != "arn" {
		t.Errorf("options = %+v", v)
	}
	if len(v.DependsOn) != 1 || v.DependsOn[0] != s.URN {
		t.Errorf("dependsOn = %v; want %s", v.DependsOn, s.URN)
	}
}

// Invokes answer with the mock's partition, region and account, and with the region of an
// explicit provider.
func TestInvokes(t *testing.T) {
	t.Parallel()
	m := New()
	m.Partition, m.AccountID = "aws-us-gov", "111111111111"
	var region, westRegion, part, account *Captured
	if err := m.Run(func(ctx *pulumi.Context) error {
		p, err := aws.NewProvider(ctx, "west", &aws.ProviderArgs{Region: pulumi.String("us-gov-west-1")})
		if err != nil {
			return err
		}
		region = Capture(ctx, aws.GetRegionOutput(ctx, aws.GetRegionOutputArgs{}).Name())
		westRegion = Capture(ctx, aws.GetRegionOutput(ctx, aws.GetRegionOutputArgs{}, pulumi.Provider(p)).Name())
		part = Capture(ctx, aws.GetPartitionOutput(ctx, aws.GetPartitionOutputArgs{}).Partition())
		account = Capture(ctx, aws.GetCallerIdentityOutput(ctx, aws.GetCallerIdentityOutputArgs{}).AccountId())
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if region.String() != "us-east-1" || westRegion.String() != "us-gov-west-1" || part.String() != "aws-us-gov" || account.String() != "111111111111" {
		t.Errorf("region %q, west %q, partition %q, account %q", region.String(), westRegion.String(), part.String(), account.String())
	}
	if n := len(m.Invokes("aws:index/getRegion:getRegion")); n != 2 {
		t.Errorf("%d getRegion invokes; want 2", n)
	}
}

func TestUnknownInvokeFails(t *testing.T) {
	t.Parallel()
	err := New().Run(func(ctx *pulumi.Context) error {
		ctx.Export("x", aws.GetAvailabilityZonesOutput(ctx, aws.GetAvailabilityZonesOutputArgs{}).Names())
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "mock: no answer for invoke aws:index/getAvailabilityZones:getAvailabilityZones") {
		t.Errorf("got %v", err)
	}
}

func TestSeedAndSuffixAreStable(t *testing.T) {
	t.Parallel()
	if Suffix("a") != Suffix("a") || Suffix("a") == Suffix("b") || len(Suffix("a")) != 6 {
		t.Errorf("Suffix not stable or not 6 characters: %q %q", Suffix("a"), Suffix("b"))
	}
	if s := Seed("x", 40); len(s) != 40 || string(s) != string(Seed("x", 40)) {
		t.Error("Seed not stable")
	}
}
