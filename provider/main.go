// Command pulumi-resource-secretsmith serves secretsmith's components to Pulumi programs in
// every language: a source-based plugin package (PulumiPlugin.yaml, runtime go) that users
// add with `pulumi package add`, and Pulumi generates their SDK from its schema.
//
// Each component is the Go component of the same type token, constructed from wire
// arguments: what cannot cross languages (resource references, Go interfaces, durations)
// travels as ARNs, names, enums and strings.
package main

import (
	"context"
	"fmt"
	"os"

	p "github.com/pulumi/pulumi-go-provider"
)

// version is the plugin's version; `pulumi package add` reads it from the schema.
const version = "0.1.0"

func main() {
	prov, err := provider()
	if err == nil {
		err = p.RunProvider(context.Background(), "secretsmith", version, prov)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
