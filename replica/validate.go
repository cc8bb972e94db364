package replica

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/arn"
)

// Validate reports every problem with regions, each naming the field path under
// ReplicaRegions: a malformed region name, a region listed twice, and a known key ARN in
// another region than its replica. A replica in the secret's own region is checked by
// CheckPrimary once that region is known.
func Validate(regions []Region) []error {
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
			if err := CheckKey(field, r.Region, string(k)); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errs
}

// CheckKey checks that key, the replica key of the replica at field, is a KMS ARN in region.
func CheckKey(field, region, key string) error {
	a, err := arn.Parse(key)
	switch {
	case err != nil || !arn.IsKMSKey(key):
		return fmt.Errorf("%s.EncryptionKey must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), got %q", field, key)
	case a.Region != region:
		return fmt.Errorf("%s.EncryptionKey is in region %s, but the replica is in %s: a replica key must be in the replica's region", field, a.Region, region)
	}
	return nil
}

// CheckPrimary reports a replica in the primary region, the secret's own (CDK's "Cannot add
// the region where this stack is deployed as a replica region").
func CheckPrimary(regions []Region, primary string) error {
	for i, r := range regions {
		if r.Region == primary {
			return fmt.Errorf("ReplicaRegions[%d].Region %q is the region the secret is created in: a secret cannot be replicated to its own region", i, r.Region)
		}
	}
	return nil
}
