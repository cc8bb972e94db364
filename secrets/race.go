package secrets

import (
	"fmt"
	"slices"
	"sync"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// A merge reads AWSCURRENT at one moment and the new version is written later, by the
// provider, with AWSCURRENT on it; Secrets Manager has no conditional write. A rotation in
// between would be overwritten:
//   - one in progress when AWSCURRENT is read (AWSPENDING on a version of its own) would,
//     once finished, make current a value made from AWSCURRENT before the merge, without
//     the program's fields. secretsmith then fails before it writes anything;
//   - one that finishes between the read and the write has changed the password (in the
//     database too); the write then makes the merged value, with the password before it,
//     AWSCURRENT, and the rotated one AWSPREVIOUS. secretsmith cannot undo the write, so it
//     fails the update once the version is written, saying which version holds which
//     password and how to put the newer one back. Nothing is lost: both versions stay.
//
// mergeBase records, for one secret, the version AWSCURRENT was on when the program's
// fields were merged into it in this deployment.
type mergeBase struct {
	mu   sync.Mutex
	base string // "" when nothing was merged
}

func (b *mergeBase) merged(versionID string) {
	b.mu.Lock()
	b.base = versionID
	b.mu.Unlock()
}

// pendingRotation is the version a rotation in progress has put AWSPENDING on, or "".
func pendingRotation(versions []secretsmanager.GetSecretVersionsVersion) string {
	for _, v := range versions {
		if slices.Contains(v.VersionStages, "AWSPENDING") && !slices.Contains(v.VersionStages, "AWSCURRENT") {
			return v.VersionId
		}
	}
	return ""
}

// warnStaleDelete warns, before ours is replaced, when rotations have moved both AWSCURRENT
// and AWSPREVIOUS off it: a state refreshed between them still lists AWSPREVIOUS on ours,
// and the AWS provider's delete (resourceSecretVersionDelete), which takes off every label
// the state lists, then fails on it (after taking ours off: see deployValue).
func warnStaleDelete(ctx *pulumi.Context, arn string, ours *secretsmanager.GetSecretVersionsVersion) {
	if slices.Contains(ours.VersionStages, "AWSCURRENT") || slices.Contains(ours.VersionStages, "AWSPREVIOUS") {
		return
	}
	ctx.Log.Warn(fmt.Sprintf("secrets: secretsmith's version %s of %s is replaced, and rotations have moved AWSCURRENT and "+
		"AWSPREVIOUS off it: if the state was refreshed between them, the old version's delete fails with \"Version stage "+
		"AWSPREVIOUS not found in version\"; run `pulumi up --refresh` then", ours.VersionId, arn), nil)
}

// errRotationInProgress is why fields are not merged while a rotation is in progress.
func errRotationInProgress(arn, pending string) error {
	return fmt.Errorf("secrets: a rotation of %s is in progress (AWSPENDING is on version %s): the program's changed fields, "+
		"merged into AWSCURRENT now, would be lost when it finishes; run the update again once it has finished, or, if it "+
		"failed, take AWSPENDING off that version first (aws secretsmanager update-secret-version-stage --secret-id %s "+
		"--version-stage AWSPENDING --remove-from-version-id %s)", arn, pending, arn, pending)
}

// checked is arn once the version written (written, its ID) is known not to have
// overwritten a rotation that finished after the merge read AWSCURRENT (see above).
func (b *mergeBase) checked(ctx *pulumi.Context, arn pulumi.StringOutput, written pulumi.StringOutput, opts ...pulumi.InvokeOption) pulumi.StringOutput {
	return pulumi.All(arn, written).ApplyT(func(v []any) (string, error) {
		arn, written := v[0].(string), v[1].(string)
		b.mu.Lock()
		base := b.base
		b.mu.Unlock()
		if base == "" || base == written {
			return arn, nil
		}
		versions, err := secretsmanager.GetSecretVersions(ctx, &secretsmanager.GetSecretVersionsArgs{SecretId: arn}, opts...)
		if err != nil {
			return "", err
		}
		var current, previous string
		for _, v := range versions.Versions {
			if slices.Contains(v.VersionStages, "AWSCURRENT") {
				current = v.VersionId
			}
			if slices.Contains(v.VersionStages, "AWSPREVIOUS") {
				previous = v.VersionId
			}
		}
		if current != written || previous == "" || previous == base {
			return arn, nil // as read, or rotated again since the write (from the merged value)
		}
		return "", fmt.Errorf("secrets: a rotation of %s finished while this update merged the program's fields into AWSCURRENT: "+
			"the merge read version %s, and version %s became current before the write, so AWSCURRENT (version %s) now holds "+
			"the fields with the password before that rotation, and version %s (AWSPREVIOUS) the newer password. Put it back: "+
			"aws secretsmanager update-secret-version-stage --secret-id %s --version-stage AWSCURRENT --move-to-version-id %s "+
			"--remove-from-version-id %s; then take the %s label off version %s (aws secretsmanager "+
			"update-secret-version-stage --secret-id %s --version-stage %s --remove-from-version-id %s) and run "+
			"`pulumi up --refresh`, which merges the fields into it",
			arn, base, previous, written, previous, arn, previous, written, ManagedVersionStage, written, arn, ManagedVersionStage, written)
	}).(pulumi.StringOutput)
}
