package rotation

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/secrets"
)

// What rotation asks of a secret beyond secrets.Reference: each is a small interface that
// *secrets.Secret implements, and a secret that does not (an imported one) gets the
// default each function below names.

// generatedSecret is a secret whose value the program generates.
type generatedSecret interface {
	Generator() *secrets.SecretStringGenerator
}

// rootDeleteDenier says whether the secret's resource policy denies the account root
// secretsmanager:DeleteSecret.
type rootDeleteDenier interface{ DeniesAccountRootDelete() bool }

// firstVersioned is a secret whose first value the program writes.
type firstVersioned interface{ FirstVersion() pulumi.Resource }

// awsGenerated is a secret that may have its value generated in AWS.
type awsGenerated interface{ GeneratedInAWS() bool }

// generatorOf is ref's generator; nil when the program does not generate its value.
func generatorOf(ref secrets.Reference) *secrets.SecretStringGenerator {
	if g, ok := ref.(generatedSecret); ok {
		return g.Generator()
	}
	return nil
}

// deniesRootDelete reports whether ref's resource policy is known to deny the account root
// secretsmanager:DeleteSecret; true for a secret the program does not own, which it cannot
// change.
func deniesRootDelete(ref secrets.Reference) bool {
	d, ok := ref.(rootDeleteDenier)
	return !ok || d.DeniesAccountRootDelete()
}

// firstVersionOf is the resource that writes ref's first value, which a rotation must wait
// for (a rotation function reads AWSCURRENT first); nil when the program writes none.
func firstVersionOf(ref secrets.Reference) pulumi.Resource {
	if v, ok := ref.(firstVersioned); ok {
		return v.FirstVersion()
	}
	return nil
}

// generatedInAWS reports whether ref's value is generated in AWS (secrets.GenerateInAWS).
func generatedInAWS(ref secrets.Reference) bool {
	g, ok := ref.(awsGenerated)
	return ok && g.GeneratedInAWS()
}
