package secrets

import (
	"fmt"
	"sync"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/policy"
)

// providerFacts are what the checks of a component's secrets ask its AWS provider, each
// asked once and only when needed: a SecretSet's secrets share one set of invokes.
type providerFacts struct {
	region    func() pulumi.StringOutput      // getRegion
	partition func() pulumi.StringOutput      // getPartition
	regions   func() pulumi.StringArrayOutput // getRegions, opt-in regions included
	account   func() pulumi.StringOutput      // getCallerIdentity
	// denyRootDelete is the resource policy of a secret that only denies the account root
	// its deletion, the same document for every such secret of a SecretSet: one output for
	// all of them. nil for a Secret, whose document comes from its ARN at no invoke.
	denyRootDelete func() pulumi.StringOutput

	mu   sync.Mutex
	keys map[string]pulumi.StringPtrOutput // placedKey's checks, by key
}

// askProvider asks through component, which carries the provider the caller gave.
func askProvider(ctx *pulumi.Context, component pulumi.Resource) *providerFacts {
	parent := pulumi.Parent(component)
	return &providerFacts{
		keys: map[string]pulumi.StringPtrOutput{},
		region: sync.OnceValue(func() pulumi.StringOutput {
			return aws.GetRegionOutput(ctx, aws.GetRegionOutputArgs{}, parent).Name()
		}),
		partition: sync.OnceValue(func() pulumi.StringOutput {
			return aws.GetPartitionOutput(ctx, aws.GetPartitionOutputArgs{}, parent).Partition()
		}),
		regions: sync.OnceValue(func() pulumi.StringArrayOutput {
			return aws.GetRegionsOutput(ctx, aws.GetRegionsOutputArgs{AllRegions: pulumi.Bool(true)}, parent).Names()
		}),
		account: sync.OnceValue(func() pulumi.StringOutput {
			return aws.GetCallerIdentityOutput(ctx, aws.GetCallerIdentityOutputArgs{}, parent).AccountId()
		}),
	}
}

// placedKey is key, a plain KMS key ARN, failed once the provider's region and partition
// are known if it is in another (keyPlaceProblems): one check per key for all the secrets
// that name it.
func (f *providerFacts) placedKey(key string) pulumi.StringPtrOutput {
	f.mu.Lock()
	defer f.mu.Unlock()
	if out, ok := f.keys[key]; ok {
		return out
	}
	out := pulumi.All(f.region(), f.partition()).ApplyT(func(v []any) (*string, error) {
		return &key, invalid(keyPlaceProblems(fmt.Sprintf("EncryptionKey %q", key), key, v[0].(string), v[1].(string)))
	}).(pulumi.StringPtrOutput)
	f.keys[key] = out
	return out
}

// shareDenyRootDelete gives the component's secrets one document for denying the account
// root their deletion, from the provider's partition and account.
func (f *providerFacts) shareDenyRootDelete() {
	f.denyRootDelete = sync.OnceValue(func() pulumi.StringOutput {
		return pulumi.All(f.partition(), f.account()).ApplyT(func(v []any) string {
			return policy.New(policy.DenyRootDelete(v[0].(string), v[1].(string))).JSON()
		}).(pulumi.StringOutput)
	})
}
