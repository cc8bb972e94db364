// Command pulumi-resource-random is the engine suite's stand-in for the pulumi-random
// provider plugin: a test fixture (see package provider).
package main

import "github.com/secretsmith/secretsmith/e2e/provider"

func main() { provider.Serve(provider.RandomVersion, nil, provider.RandomTypes, nil) }
