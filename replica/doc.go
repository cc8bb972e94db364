// Package replica describes the regions a Secrets Manager secret is replicated to.
//
// Replicas are declared when the secret is created, in secrets.SecretArgs.ReplicaRegions:
// the AWS resource holds the replica list, so there is no way to add a replica to a secret
// after construction (CDK's addReplicaRegion has no equivalent).
package replica
