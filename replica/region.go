package replica

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// Region is one region a secret is replicated to.
type Region struct {
	// Region is the AWS region name of the replica, such as "eu-west-1". Required.
	Region string `pulumi:"region"`
	// EncryptionKey is the ARN of the KMS key, in Region, that encrypts the replica. If nil,
	// Secrets Manager uses the AWS managed key aws/secretsmanager of that region.
	EncryptionKey pulumi.StringInput `pulumi:"encryptionKey"`
	// Provider is the AWS provider for Region. It is needed only where secretsmith makes a
	// resource in the replica's region: the kms.Grant on EncryptionKey for the principals of
	// another account that the secret's resource policy lets read or write it
	// (grants.AllowRead, AllowWrite). If nil, there must be none.
	Provider pulumi.ProviderResource `pulumi:"-"`
}
