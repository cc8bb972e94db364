// Command policy is secretsmith's Pulumi policy pack for AWS Secrets Manager. It checks every
// secret of a stack, whether made with secretsmith or by hand:
//
//   - secretsmith-value-is-secret (mandatory): a SecretVersion's value is a Pulumi secret, so
//     it is encrypted in the state and masked in every diff and log;
//   - secretsmith-resource-policy-blocks-public (mandatory): a SecretPolicy does not turn off
//     BlockPublicPolicy;
//   - secretsmith-version-survives-rotation (advisory): a SecretVersion holding AWSCURRENT
//     also holds a label of its own and ignores changes to versionStages, so rotation cannot
//     bring its value back (terraform-provider-aws #25168; secretsmith does this);
//   - secretsmith-customer-managed-key (advisory): a Secret names a customer managed KMS key;
//   - secretsmith-recovery-window (advisory): a Secret is not deleted without recovery.
//
// Gate previews with it: `pulumi preview --policy-pack ./policy`.
package main

import (
	"fmt"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

func main() {
	if err := policyx.Main(func(*pulumi.Context) (policyx.PolicyPack, error) { return pack() }); err != nil {
		fmt.Println(err)
	}
}

// pack is the policy pack.
func pack() (policyx.PolicyPack, error) {
	return policyx.NewPolicyPack("secretsmith", semver.MustParse("0.1.0"), policyx.EnforcementLevelAdvisory, policies())
}
