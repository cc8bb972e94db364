package replica

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// Region is one region a secret is replicated to.
type Region struct {
	// Region is the AWS region name of the replica, such as "eu-west-1". Required.
	Region string `pulumi:"region"`
	// EncryptionKey is the ARN of the KMS key, in Region, that encrypts the replica. If nil,
	// Secrets Manager uses the AWS managed key aws/secretsmanager of that region.
	EncryptionKey pulumi.StringInput `pulumi:"encryptionKey"`
}
