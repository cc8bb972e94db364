package secrets

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/replica"
)

// Owned is a secret the program owns: the aws.secretsmanager.Secret, the SecretVersion
// holding its value and its resource policy, and what the program knows of its value. A
// Secret (NewSecret) is an Owned secret that is a component resource of its own; the
// secrets of a SecretSet (NewSecretSet) are Owned secrets whose resources belong to the set.
// Owned implements Reference: grants, rotation and imports by ARN take either alike.
type Owned struct {
	// ARN is the secret's complete ARN, with the 6-character suffix.
	ARN pulumi.StringOutput
	// Name is the secret's name.
	Name pulumi.StringOutput

	// Resource is the underlying aws.secretsmanager.Secret.
	Resource *secretsmanager.Secret
	// Version is the SecretVersion that holds the value the program set; nil with
	// GenerateInAWS.
	Version *secretsmanager.SecretVersion
	// Policy is the secret's resource policy, or nil when none was declared.
	Policy *secretsmanager.SecretPolicy
	// KMSGrants are the kms.Grant resources given to principals outside the program by the
	// ResourcePolicy's AllowRead and AllowWrite statements.
	KMSGrants []*kms.Grant

	ctx            *pulumi.Context
	name           string          // what its children are named after
	parent         pulumi.Resource // what its children and reads belong to: the Secret, or the set
	at             string          // where it is in its component's arguments: "" for a Secret
	key            pulumi.StringInput
	value          func() pulumi.StringOutput // the value the program wrote, once asked; nil with GenerateInAWS
	current        func() pulumi.StringOutput // reads AWSCURRENT, once asked
	generator      *SecretStringGenerator
	inAWS          bool
	denyRootDelete bool
	replicas       []replica.Region
	settledARN     pulumi.StringOutput // the ARN once a merged write is checked (race.go); unset otherwise
}

// registeredARN is the ARN its component registers as an output: once a merged write is
// checked, so that a rotation it overwrote fails the update.
func (s *Owned) registeredARN() pulumi.StringOutput {
	if s.settledARN == (pulumi.StringOutput{}) {
		return s.ARN
	}
	return s.settledARN
}

var (
	_ Reference = (*Owned)(nil)
	_ Reference = (*Secret)(nil)
)

// invalid joins problems found once known into one error, each led by where the secret is
// in its component's arguments (nothing for a Secret, `Secrets["key"]` for a set's).
func (s *Owned) invalid(found []error) error {
	if s.at == "" || len(found) == 0 {
		return invalid(found)
	}
	at := make([]error, len(found))
	for i, p := range found {
		at[i] = fmt.Errorf("%s: %w", s.at, p)
	}
	return invalid(at)
}

// where leads a message about the secret: "" for a Secret, `Secrets["key"]: ` for a set's.
func (s *Owned) where() string {
	if s.at == "" {
		return ""
	}
	return s.at + ": "
}
