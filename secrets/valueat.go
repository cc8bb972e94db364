package secrets

import (
	"errors"
	"fmt"
	"regexp"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// At names one version of a secret: by staging label (AtStage) or by version ID
// (AtVersionID).
type At struct {
	stage, id string
}

// AtStage is the version with staging label stage, such as "AWSPREVIOUS", "AWSPENDING" or
// a label of your own (CDK's versionStage).
func AtStage(stage string) At { return At{stage: stage} }

// AtVersionID is the version with ID id (CDK's versionId).
func AtVersionID(id string) At { return At{id: id} }

// versionIDRE is Secrets Manager's VersionId: 32 to 64 letters, digits and hyphens.
var versionIDRE = regexp.MustCompile(`^[A-Za-z0-9-]{32,64}$`)

func (a At) check() error {
	switch {
	case a.stage == "" && a.id == "":
		return errors.New("ValueAt needs secrets.AtStage(label) or secrets.AtVersionID(id)")
	case a.id != "" && !versionIDRE.MatchString(a.id):
		return fmt.Errorf("AtVersionID: a version ID is 32 to 64 letters, digits and hyphens, got %q", a.id)
	case a.stage != "" && len(a.stage) > 256:
		return fmt.Errorf("AtStage: a staging label has at most 256 characters, got %d", len(a.stage))
	}
	return nil
}

// lookup reads the version at a of the secret id with the getSecretVersion invoke.
func (a At) lookup(ctx *pulumi.Context, id pulumi.StringOutput, opts []pulumi.InvokeOption) pulumi.StringOutput {
	args := secretsmanager.LookupSecretVersionOutputArgs{SecretId: id}
	if a.stage != "" {
		args.VersionStage = pulumi.String(a.stage)
	} else {
		args.VersionId = pulumi.String(a.id)
	}
	return pulumi.ToSecret(secretsmanager.LookupSecretVersionOutput(ctx, args, opts...).SecretString()).(pulumi.StringOutput)
}

// ValueAt reads the secret's value at a staging label or version ID when the program runs,
// after secretsmith's version is written, as a Pulumi secret: AtStage("AWSPREVIOUS")
// is the value before the last rotation. It fails the program if AWS has no such version:
// a GenerateInAWS secret has none before its first rotation ran.
func (s *Owned) ValueAt(at At) (pulumi.StringOutput, error) {
	if err := at.check(); err != nil {
		return pulumi.StringOutput{}, invalid([]error{err})
	}
	written := s.ARN
	if s.Version != nil {
		written = pulumi.All(s.ARN, s.Version.VersionId).ApplyT(func(v []any) string { return v[0].(string) }).(pulumi.StringOutput)
	}
	return at.lookup(s.ctx, written, []pulumi.InvokeOption{pulumi.Parent(s.parent)}), nil
}

// ValueAt reads the imported secret's value at a staging label or version ID when the
// program runs, as a Pulumi secret.
func (s *ImportedSecret) ValueAt(at At) (pulumi.StringOutput, error) {
	if err := at.check(); err != nil {
		return pulumi.StringOutput{}, fmt.Errorf("secrets: %s: %w", s.name, err)
	}
	return at.lookup(s.ctx, s.arn, s.opts), nil
}
