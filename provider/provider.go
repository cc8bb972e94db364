package main

import (
	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
)

// provider is the plugin: secretsmith's components under their Go type tokens.
func provider() (p.Provider, error) {
	return infer.NewProviderBuilder().
		WithNamespace("secretsmith").
		WithDisplayName("secretsmith").
		WithDescription("AWS Secrets Manager components: generated and templated secrets, replicas, KMS-aware grants, rotation.").
		WithLicense("Apache-2.0").
		WithModuleMap(map[tokens.ModuleName]tokens.ModuleName{"provider": "index"}).
		WithComponents(
			infer.ComponentF(newSecret),
			infer.ComponentF(newGrant),
			infer.ComponentF(newRotationSchedule),
		).
		Build()
}
