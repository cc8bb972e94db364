// Command policy is secretsmith's Pulumi policy pack for AWS Secrets Manager. It checks every
// secret of a stack, whether made with secretsmith or by hand:
//
//   - secretsmith-value-is-secret (mandatory): a SecretVersion's value is a Pulumi secret, so
//     it is encrypted in the state and masked in every diff and log;
//   - secretsmith-resource-policy-blocks-public (mandatory): a SecretPolicy sets
//     blockPublicPolicy to true (left unset, AWS does not check the policy);
//   - secretsmith-resource-policy-no-public-principal (mandatory): a resource policy allows
//     no "*" principal without a condition;
//   - secretsmith-resource-policy-other-account (advisory): a resource policy allows another
//     account only under a condition;
//   - secretsmith-version-survives-rotation (advisory): a SecretVersion holding AWSCURRENT
//     (which one without versionStages does) also holds a label of its own and ignores
//     changes to versionStages, so rotation cannot bring its value back
//     (terraform-provider-aws #25168; secretsmith does this);
//   - secretsmith-customer-managed-key (advisory): a Secret names a customer managed KMS key;
//   - secretsmith-recovery-window (advisory; minimumDays, default 7): a Secret can be
//     recovered after deletion;
//   - secretsmith-rotation-permission-source-account (mandatory): a lambda.Permission for
//     secretsmanager.amazonaws.com names sourceAccount (aws-cdk #28406);
//   - secretsmith-identity-policy-scoped (advisory): an identity policy grants neither
//     secretsmanager:* nor Secrets Manager actions on Resource "*" without a condition;
//   - secretsmith-secret-rotated (advisory, stack): every Secret has a SecretRotation;
//   - secretsmith-key-rotation (advisory, stack): a kms.Key that encrypts a Secret rotates.
//
// Gate previews with it: `pulumi preview --policy-pack ./policy`; set levels and
// minimumDays per stack with `--policy-pack-config` (see the README).
package main

import (
	"fmt"
	"os"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/policyx"
)

func main() {
	if err := policyx.Main(func(*pulumi.Context) (policyx.PolicyPack, error) { return pack() }); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// pack is the policy pack. Its own enforcement level is not used (the SDK discards it):
// each policy carries its level, and a stack's configuration may change it.
func pack() (policyx.PolicyPack, error) {
	return policyx.NewPolicyPack("secretsmith", semver.MustParse("0.2.0"), policyx.EnforcementLevelAdvisory, policies())
}
