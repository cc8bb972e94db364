package secrets

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/isnil"
	"github.com/secretsmith/secretsmith/internal/problems"
)

// LabelledVersionType is the Pulumi type token of the LabelledVersion component.
const LabelledVersionType = "secretsmith:secrets:LabelledVersion"

// LabelledVersionArgs are the arguments of NewLabelledVersion.
type LabelledVersionArgs struct {
	// Secret is the secret, owned or imported, that gets the version. Required.
	Secret Reference `pulumi:"-"`
	// Label is the version's staging label, such as "v2-candidate": 1 to 256 characters,
	// none of the labels rotation moves (AWSCURRENT, AWSPENDING, AWSPREVIOUS) nor
	// secretsmith's own. Required.
	Label string `pulumi:"label"`
	// Value is the version's string value; it is stored as a Pulumi secret. Required.
	Value pulumi.StringInput `pulumi:"value"`
}

// LabelledVersion is one more version of a secret, beside its current one, under a staging
// label of its own (put_secret_value with VersionStages): read it with
// ValueAt(AtStage(label)), promote it by moving AWSCURRENT to it outside the program.
type LabelledVersion struct {
	pulumi.ResourceState

	// VersionID is the version's ID.
	VersionID pulumi.StringOutput `pulumi:"versionId"`
	// Version is the aws.secretsmanager.SecretVersion "<name>-version".
	Version *secretsmanager.SecretVersion
}

// NewLabelledVersion keeps args.Value as a version of args.Secret labelled args.Label
// only. Rotation moves AWSCURRENT, AWSPENDING and AWSPREVIOUS and never this label, so the
// version and the current value leave each other alone, and refresh finds the version as
// the program left it. A changed Value is a new version that takes the label (the old one is
// removed first, and AWS deletes a version left without labels); leaving the program removes
// the label, and AWS deletes the version.
func NewLabelledVersion(ctx *pulumi.Context, name string, args *LabelledVersionArgs, opts ...pulumi.ResourceOption) (*LabelledVersion, error) {
	if args == nil {
		args = &LabelledVersionArgs{}
	}
	var found []error
	if isnil.Is(args.Secret) {
		found = append(found, errors.New("Secret is required"))
	}
	switch l := args.Label; {
	case l == "" || utf8.RuneCountInString(l) > 256 || !utf8.ValidString(l):
		found = append(found, fmt.Errorf("Label must be 1 to 256 characters of valid UTF-8, got %q", l))
	case l == "AWSCURRENT" || l == "AWSPENDING" || l == "AWSPREVIOUS":
		found = append(found, fmt.Errorf("Label %s belongs to rotation: choose a label of your own, such as v2-candidate", l))
	case strings.HasPrefix(l, ManagedVersionStage):
		found = append(found, fmt.Errorf("Label %q starts with %s, secretsmith's own labels", l, ManagedVersionStage))
	}
	if args.Value == nil {
		found = append(found, errors.New("Value is required"))
	} else if v, ok := args.Value.(pulumi.String); ok && (v == "" || len(v) > maxValueBytes || !utf8.ValidString(string(v))) {
		found = append(found, errors.New("Value must be 1 to 65536 bytes of valid UTF-8 (value withheld)"))
	}
	if err := problems.Join("secrets: "+name, found); err != nil {
		return nil, err
	}
	l := &LabelledVersion{}
	if err := ctx.RegisterComponentResource(LabelledVersionType, name, l, opts...); err != nil {
		return nil, err
	}
	value := checkedValue(pulumi.ToSecret(args.Value).(pulumi.StringOutput), false, invalid)
	v, err := secretsmanager.NewSecretVersion(ctx, name+"-version", &secretsmanager.SecretVersionArgs{
		SecretId:      args.Secret.SecretARN(),
		SecretString:  value,
		VersionStages: pulumi.ToStringArray([]string{args.Label}),
	}, pulumi.Parent(l), pulumi.DeleteBeforeReplace(true))
	if err != nil {
		return nil, err
	}
	l.Version, l.VersionID = v, v.VersionId
	if err := ctx.RegisterResourceOutputs(l, pulumi.Map{"versionId": l.VersionID}); err != nil {
		return nil, err
	}
	return l, nil
}
