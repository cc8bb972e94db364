package secrets

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/internal/arn"
	"github.com/secretsmith/secretsmith/replica"
)

// ReplicaARNs maps each replica region to the ARN of the secret's replica there: a replica
// has the primary's name and suffix in its own region. Empty when the secret has no
// replicas.
func (s *Owned) ReplicaARNs() pulumi.StringMapOutput {
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

var _ grants.ReplicatedTarget = (*Owned)(nil)

// GrantReplicas lists the replicas grants cover: their ARNs and keys.
func (s *Owned) GrantReplicas() []grants.Replica {
	out := make([]grants.Replica, len(s.replicas))
	for i, r := range s.replicas {
		out[i] = grants.Replica{Region: r.Region, ARN: replicaARN(s.ARN, r.Region), EncryptionKey: r.EncryptionKey}
	}
	return out
}

// replicaProblems reports every problem with regions, each naming the field path under
// ReplicaRegions: a malformed region name, a region listed twice, and a known key ARN in
// another region than its replica. A replica in the secret's own region is checked by
// primaryReplicaProblem once that region is known.
func replicaProblems(regions []replica.Region) []error {
	var errs []error
	seen := map[string]int{}
	for i, r := range regions {
		field := fmt.Sprintf("ReplicaRegions[%d]", i)
		if !arn.IsRegion(r.Region) {
			errs = append(errs, fmt.Errorf("%s.Region must be a region name such as eu-west-1, got %q", field, r.Region))
			continue
		}
		if j, dup := seen[r.Region]; dup {
			errs = append(errs, fmt.Errorf("%s.Region %q is already ReplicaRegions[%d]: list each region once", field, r.Region, j))
		}
		seen[r.Region] = i
		if k, ok := r.EncryptionKey.(pulumi.String); ok {
			if err := replicaKeyProblem(field, r.Region, string(k)); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errs
}

// replicaKeyProblem checks that key, the replica key of the replica at field, is a KMS ARN in region.
func replicaKeyProblem(field, region, key string) error {
	a, err := arn.Parse(key)
	switch {
	case err != nil || !arn.IsKMSKey(key):
		return fmt.Errorf("%s.EncryptionKey must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), got %q", field, key)
	case a.Region != region:
		return fmt.Errorf("%s.EncryptionKey is in region %s, but the replica is in %s: a replica key must be in the replica's region", field, a.Region, region)
	}
	return nil
}

// primaryReplicaProblem reports a replica in the primary region, the secret's own (CDK's "Cannot add
// the region where this stack is deployed as a replica region").
func primaryReplicaProblem(regions []replica.Region, primary string) error {
	for i, r := range regions {
		if r.Region == primary {
			return fmt.Errorf("ReplicaRegions[%d].Region %q is the region the secret is created in: a secret cannot be replicated to its own region", i, r.Region)
		}
	}
	return nil
}
