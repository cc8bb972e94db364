// Command pulumi-resource-aws is the engine suite's stand-in for the pulumi-aws provider
// plugin: a test fixture that talks to a local emulator only (see package provider).
package main

import "github.com/secretsmith/secretsmith/e2e/provider"

func main() {
	provider.Serve(provider.AWSVersion, provider.AWSSchema, provider.AWSTypes, provider.AWSInvokes)
}
