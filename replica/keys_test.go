package replica_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/pulumitest"
	"github.com/secretsmith/secretsmith/replica"
)

func providers(ctx *pulumi.Context, regions ...string) (map[string]pulumi.ProviderResource, error) {
	out := map[string]pulumi.ProviderResource{}
	for _, r := range regions {
		p, err := aws.NewProvider(ctx, r, &aws.ProviderArgs{Region: pulumi.String(r)})
		if err != nil {
			return nil, err
		}
		out[r] = p
	}
	return out, nil
}

func TestNewKeys(t *testing.T) {
	t.Parallel()
	m := pulumitest.New()
	window := 7
	if err := m.Run(func(ctx *pulumi.Context) error {
		p, err := providers(ctx, "eu-west-1", "eu-central-1")
		if err != nil {
			return err
		}
		_, err = replica.NewKeys(ctx, "keys", &replica.KeysArgs{
			Regions: []string{"eu-west-1", "eu-central-1"}, Providers: p,
			Description: pulumi.String("secrets"), DeletionWindowInDays: &window,
		})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	comp, ok := m.Find(replica.KeysType, "keys")
	if !ok {
		t.Fatal("no Keys component")
	}
	primary, ok := m.Find("aws:kms/key:Key", "keys-primary")
	if !ok {
		t.Fatal("no primary key")
	}
	for _, k := range []string{"multiRegion", "enableKeyRotation"} {
		if v, _ := primary.Input(k); !v.IsBool() || !v.BoolValue() {
			t.Errorf("primary %s = %v; want true", k, v)
		}
	}
	if primary.Provider != "" || primary.Parent != comp.URN {
		t.Errorf("primary provider %q parent %q; want the default provider under the component", primary.Provider, primary.Parent)
	}
	for _, region := range []string{"eu-west-1", "eu-central-1"} {
		rk, ok := m.Find("aws:kms/replicaKey:ReplicaKey", "keys-"+region)
		if !ok {
			t.Fatalf("no replica key in %s", region)
		}
		if !strings.Contains(rk.Provider, "::"+region+"::") {
			t.Errorf("replica key %s uses provider %q; want %s's", region, rk.Provider, region)
		}
		if !strings.HasPrefix(rk.String("primaryKeyArn"), "arn:aws:kms:us-east-1:") {
			t.Errorf("replica key %s primaryKeyArn = %q", region, rk.String("primaryKeyArn"))
		}
		if v, _ := rk.Input("deletionWindowInDays"); v.NumberValue() != 7 || rk.String("description") != "secrets" {
			t.Errorf("replica key %s window %v description %q", region, v, rk.String("description"))
		}
	}
}

func TestNewKeysErrors(t *testing.T) {
	t.Parallel()
	window := 3
	err := pulumitest.New().Run(func(ctx *pulumi.Context) error {
		p, err := providers(ctx, "eu-west-1")
		if err != nil {
			return err
		}
		_, err = replica.NewKeys(ctx, "keys", &replica.KeysArgs{
			Regions: []string{"eu-west-1", "Mars", "eu-central-1", "eu-west-1"}, Providers: p, DeletionWindowInDays: &window,
		})
		return err
	})
	for _, want := range []string{
		`replica: keys: Regions[1] must be a region name such as eu-west-1, got "Mars"`,
		`replica: keys: Providers has no provider for region "eu-central-1": give an aws.Provider with Region "eu-central-1"`,
		`replica: keys: Regions[3] "eu-west-1" is listed twice`,
		`replica: keys: DeletionWindowInDays must be between 7 and 30, got 3`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v; want %q", err, want)
		}
	}
	if err := pulumitest.New().Run(func(ctx *pulumi.Context) error {
		_, err := replica.NewKeys(ctx, "keys", nil)
		return err
	}); err == nil || !strings.Contains(err.Error(), "Regions must name at least one replica region") {
		t.Errorf("nil args: got %v", err)
	}
}

// A replica in the primary key's own region fails once the primary's ARN is known, before
// AWS would refuse it.
func TestNewKeysPrimaryRegion(t *testing.T) {
	t.Parallel()
	err := pulumitest.New().Run(func(ctx *pulumi.Context) error {
		p, err := providers(ctx, "us-east-1", "eu-west-1")
		if err != nil {
			return err
		}
		k, err := replica.NewKeys(ctx, "keys", &replica.KeysArgs{Regions: []string{"eu-west-1", "us-east-1"}, Providers: p})
		if err == nil {
			ctx.Export("replica", k.ReplicaARNs["us-east-1"])
		}
		return err
	})
	want := `replica: keys: Regions[1] "us-east-1" is the primary key's region: a key cannot be replicated to its own region`
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("got %v; want %q", err, want)
	}
}
