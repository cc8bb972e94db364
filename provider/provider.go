package main

import (
	"context"
	"strings"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
)

// provider is the plugin: secretsmith's components under their Go type tokens.
func provider() (p.Provider, error) {
	prov, err := infer.NewProviderBuilder().
		WithNamespace("secretsmith").
		WithDisplayName("secretsmith").
		WithDescription("AWS Secrets Manager components: generated and templated secrets, replicas, KMS-aware grants, rotation.").
		WithLicense("Apache-2.0").
		WithModuleMap(map[tokens.ModuleName]tokens.ModuleName{"provider": "index"}).
		WithComponents(
			infer.ComponentF(newSecret),
			infer.ComponentF(newSecretSet),
			infer.ComponentF(newGrant),
			infer.ComponentF(newRotationSchedule),
			infer.ComponentF(newSecretRotation),
			infer.ComponentF(newKeys),
		).
		Build()
	if err != nil {
		return p.Provider{}, err
	}
	schema := prov.GetSchema
	prov.GetSchema = func(ctx context.Context, req p.GetSchemaRequest) (p.GetSchemaResponse, error) {
		resp, err := schema(ctx, req)
		resp.Schema = providerRef(resp.Schema)
		return resp, err
	}
	return prov, nil
}

// providerRef makes the references of fields tagged `provider:"type=aws@6.83.4:index:Provider"`
// point at the AWS package's provider: pulumi-go-provider writes every external reference as
// a resource's, and a provider is not one of the package's resources.
func providerRef(schema string) string {
	return strings.ReplaceAll(schema, `"/aws/v6.83.4/schema.json#/resources/aws:index:Provider"`, `"/aws/v6.83.4/schema.json#/provider"`)
}

// embedded gives a wire component's embedded Go component a zero value to point at: the
// annotator walks the promoted fields of the wire component's zero value, and panics on a
// nil embedded pointer.
func embedded[T any](c **T) {
	if *c == nil {
		*c = new(T)
	}
}
