package grants

import (
	"errors"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Option adjusts a grant or an AllowRead/AllowWrite statement.
type Option func(*options)

type options struct {
	stages      []string
	primaryOnly bool
	managed     bool
	resource    []pulumi.ResourceOption
}

func collect(opts []Option) options {
	var o options
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	return o
}

// VersionStages limits the grant to the versions with one of these staging labels (such as
// "AWSCURRENT"), with a ForAnyValue:StringEquals condition on secretsmanager:VersionStage.
// Without it, every version is granted.
func VersionStages(stages ...string) Option {
	return func(o *options) { o.stages = append(o.stages, stages...) }
}

// stageProblems reports an empty label among stages: AWS has no such label, so the grant
// would match no version.
func stageProblems(stages []string) []error {
	for _, s := range stages {
		if s == "" {
			return []error{errors.New("VersionStages must name staging labels, got an empty one")}
		}
	}
	return nil
}

// PrimaryOnly limits the grant to the secret in its primary region: replica ARNs and replica
// keys are left out. Without it, a grant on a replicated secret covers every replica.
func PrimaryOnly() Option {
	return func(o *options) { o.primaryOnly = true }
}

// ManagedPolicy puts the grant in a customer managed policy (iam.Policy) attached to the
// identity, instead of an inline policy: IAM allows a managed policy 6,144 characters and
// an identity 10 of them by default, beside the 10,240 characters of a role's inline
// policies (5,120 for a group, 2,048 for a user). Without it the grant is inline.
func ManagedPolicy() Option {
	return func(o *options) { o.managed = true }
}

// ResourceOptions are passed to the Grant component (a parent or provider, say). Without
// them, the grant is a top-level component of the stack.
func ResourceOptions(opts ...pulumi.ResourceOption) Option {
	return func(o *options) { o.resource = append(o.resource, opts...) }
}
