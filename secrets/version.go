package secrets

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// ManagedVersionStage is the staging label secretsmith puts on the version holding the
// value the program set, beside AWSCURRENT.
const ManagedVersionStage = "SECRETSMITH"

// newVersion registers the SecretVersion that holds the value the program set, so that the
// value survives rotation.
//
// The AWS provider's SecretVersion (terraform-provider-aws secret_version.go, which
// pulumi-aws wraps) replaces the version when secretString or secretBinary changes; reads
// the version by its ID and drops it from state when AWS has deleted it; updates only by
// moving staging labels; and on delete removes from that version every label in state but
// AWSCURRENT, failing if one is no longer attached there. AWS deprecates a version left with
// no label and removes it once the secret has more than 100 versions and it is a day old.
// So a plain version breaks under rotation: rotation moves AWSCURRENT (and later
// AWSPREVIOUS) away, AWS in time removes the unlabelled initial version, `pulumi refresh`
// drops it, and the next `pulumi up` re-creates it with the old password as AWSCURRENT
// (terraform-provider-aws #25168). Diffing versionStages would move AWSCURRENT back as well.
//
// Three choices together avoid both:
//   - the stages are AWSCURRENT and ManagedVersionStage, a label rotation never touches,
//     so AWS never deletes the initial version and refresh keeps it with its old value:
//     no diff;
//   - ignoreChanges on versionStages, so refresh seeing AWSCURRENT elsewhere never plans an
//     update that would move it back;
//   - deleteBeforeReplace, so an intentional new value (a new explicit value, generator or
//     template) first removes ManagedVersionStage from the old version (which still holds
//     it, so the delete succeeds) and then creates the new version with both labels. Created
//     first, the new version would take the label and the old version's delete would fail.
//
// A refresh after a rotation writes the stages it read ([SECRETSMITH, AWSPREVIOUS]) into the
// state's inputs (pulumi-terraform-bridge's Read extracts inputs from what it read), and
// ignoreChanges hands those to the diff. A replacement is still right: the engine checks the
// program's own inputs again before it creates the new version (step_generator.go, the
// replace branch), so the new version gets AWSCURRENT; the engine suite's S2, S3 and S9 pin
// this.
//
// stages are AWSCURRENT, ManagedVersionStage and, for a templated or attached value, the
// label of its identity; such a value is decided against what AWS holds (kept.go).
func newVersion(ctx *pulumi.Context, name string, secret *secretsmanager.Secret, value pulumi.StringPtrOutput,
	stages pulumi.StringArray, binary bool, opts ...pulumi.ResourceOption,
) (*secretsmanager.SecretVersion, error) {
	args := &secretsmanager.SecretVersionArgs{
		SecretId:      secret.ID(),
		VersionStages: stages,
	}
	if binary {
		args.SecretBinary = value
	} else {
		args.SecretString = value
	}
	opts = append(opts,
		pulumi.IgnoreChanges([]string{"versionStages"}),
		pulumi.DeleteBeforeReplace(true),
	)
	return secretsmanager.NewSecretVersion(ctx, name, args, opts...)
}
