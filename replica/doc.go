// Package replica describes the regions a Secrets Manager secret is replicated to.
//
// Replicas ([Region]) are declared when the secret is created, in
// [github.com/secretsmith/secretsmith/secrets.SecretArgs].ReplicaRegions:
// the AWS resource holds the replica list, so there is no way to add a replica to a secret
// after construction (CDK's addReplicaRegion has no equivalent). [NewKeys] makes a
// multi-region KMS key with a replica in each region, for the replicas to use.
package replica
