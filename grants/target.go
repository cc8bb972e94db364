package grants

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/arn"
)

// Target is the secret a grant is on. Every secrets.Reference is one.
type Target interface {
	// ARNForPolicies is the ARN IAM policies name.
	ARNForPolicies() pulumi.StringOutput
	// EncryptionKeyARN is the customer managed key, or nil (or "") for the AWS managed one.
	EncryptionKeyARN() pulumi.StringInput
}

// Replica is one replica of a secret a grant covers.
type Replica struct {
	// Region is the replica's region.
	Region string
	// ARN is the replica's ARN: the primary's, in Region.
	ARN pulumi.StringOutput
	// EncryptionKey is the replica's KMS key ARN, or nil for the region's AWS managed key.
	EncryptionKey pulumi.StringInput
}

// ReplicatedTarget is a Target with replicas: grants cover them unless PrimaryOnly.
type ReplicatedTarget interface {
	Target
	GrantReplicas() []Replica
}

// location is where the secret lives: the region and partition of its ARN.
type location struct{ partition, region string }

func locate(secretARN string) (location, error) {
	a, err := arn.Parse(secretARN)
	if err != nil || a.Region == "" {
		return location{}, fmt.Errorf("cannot tell the region of secret ARN %q", secretARN)
	}
	return location{partition: a.Partition, region: a.Region}, nil
}

// viaService is the kms:ViaService value for Secrets Manager in region.
func viaService(partition, region string) string {
	suffix := "amazonaws.com"
	if partition == "aws-cn" {
		suffix = "amazonaws.com.cn"
	}
	return "secretsmanager." + region + "." + suffix
}

type regionKey struct{ region, key string }

// resolveTarget is an output of the part t covers: its ARN, its key and (unless
// primaryOnly) its replicas' ARNs and keys.
func resolveTarget(t Target, primaryOnly bool) pulumi.Output {
	inputs := []any{t.ARNForPolicies(), keyOrEmpty(t.EncryptionKeyARN())}
	var replicas []Replica
	if rt, ok := t.(ReplicatedTarget); ok && !primaryOnly {
		replicas = rt.GrantReplicas()
	}
	for _, r := range replicas {
		inputs = append(inputs, r.ARN, keyOrEmpty(r.EncryptionKey))
	}
	return pulumi.All(inputs...).ApplyT(func(v []any) (part, error) {
		secretARN := v[0].(string)
		loc, err := locate(secretARN)
		if err != nil {
			return part{}, err
		}
		p := part{partition: loc.partition, resources: []string{secretARN}}
		if k := v[1].(string); k != "" {
			p.keys = append(p.keys, regionKey{loc.region, k})
		}
		for i, r := range replicas {
			p.resources = append(p.resources, v[2+2*i].(string))
			if k := v[3+2*i].(string); k != "" {
				p.keys = append(p.keys, regionKey{r.Region, k})
			}
		}
		return p, nil
	})
}

func keyOrEmpty(k pulumi.StringInput) pulumi.StringInput {
	if k == nil {
		return pulumi.String("")
	}
	return k
}
