package secrets

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/internal/arn"
)

// ReplicaARNs maps each replica region to the ARN of the secret's replica there: a replica
// has the primary's name and suffix in its own region. Empty when the secret has no
// replicas.
func (s *Secret) ReplicaARNs() pulumi.StringMapOutput {
	out := pulumi.StringMap{}
	for _, r := range s.replicas {
		out[r.Region] = replicaARN(s.ARN, r.Region)
	}
	return out.ToStringMapOutput()
}

// replicaARN is the ARN of the replica in region of the secret with ARN primary.
func replicaARN(primary pulumi.StringOutput, region string) pulumi.StringOutput {
	return primary.ApplyT(func(p string) (string, error) {
		a, err := arn.Parse(p)
		if err != nil {
			return "", err
		}
		a.Region = region
		return a.String(), nil
	}).(pulumi.StringOutput)
}

var _ grants.ReplicatedTarget = (*Secret)(nil)

// GrantReplicas lists the replicas grants cover: their ARNs and keys.
func (s *Secret) GrantReplicas() []grants.Replica {
	out := make([]grants.Replica, len(s.replicas))
	for i, r := range s.replicas {
		out[i] = grants.Replica{Region: r.Region, ARN: replicaARN(s.ARN, r.Region), EncryptionKey: r.EncryptionKey}
	}
	return out
}
