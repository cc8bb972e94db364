// Package grantshook lends packages secrets and rotation what they need of package grants
// without grants exporting it to users (grpc-go's internal-hook pattern): grants sets the
// functions in its init, which runs before any package that imports grants. This package
// cannot import grants (grants imports internal packages), so the functions are stored
// untyped and the type arguments at each call, grants' own types, name them again; a
// mismatch panics at the first call, in every test that makes one.
package grantshook

import (
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// ResourcePolicy is what package secrets needs of the statements of a secret's resource
// policy (SecretArgs.ResourcePolicy).
type ResourcePolicy interface {
	// Problems reports what is wrong with the statements, each "[<index>]: <problem>" for
	// the caller to prefix with its field.
	Problems() []error
	// CrossAccountProblems reports each statement that lets a principal of another account
	// than account use the secret's key, each "[<index>]: <problem>; <fix>".
	CrossAccountProblems(account, fix string) []error
	// NeedKMSGrants reports whether NewKMSGrants makes any grant.
	NeedKMSGrants() bool
	// Document is the policy's JSON, the statements' resources defaulting to the secret
	// and its replicas in replicaRegions.
	Document(secretARN pulumi.StringOutput, replicaRegions []string, denyRootDelete bool) pulumi.StringOutput
	// NewKMSGrants gives the principals of other accounts a kms.Grant on key, named
	// "<name>-kms-<n>".
	NewKMSGrants(ctx *pulumi.Context, name string, secretARN pulumi.StringOutput, key pulumi.StringInput, opts ...pulumi.ResourceOption) ([]*kms.Grant, error)
}

// DocumentFunc makes the identity policy that gives grantee access on scope, and the
// grantee's IAM name once the document is counted against its quota.
type DocumentFunc[G, A, S, O any] func(ctx *pulumi.Context, name string, grantee G, access A, scope S,
	parent pulumi.Resource, opts ...O) (doc, identity pulumi.StringOutput, err error)

var (
	resourcePolicy      any // func([]grants.Statement) ResourcePolicy
	document            any // DocumentFunc[grants.Grantee, grants.Access, grants.Scope, grants.Option]
	scopeProblems       any // func(grants.Scope) []error
	needsResourcePolicy any // func(grants.Grantee) bool
)

// Lend is called once, by grants' init.
func Lend[G, A, S, O, St any](rp func([]St) ResourcePolicy, doc DocumentFunc[G, A, S, O], scope func(S) []error, principal func(G) bool) {
	resourcePolicy, document, scopeProblems, needsResourcePolicy = rp, doc, scope, principal
}

// ResourcePolicyOf is statements as a resource policy.
func ResourcePolicyOf[St any](statements []St) ResourcePolicy {
	return resourcePolicy.(func([]St) ResourcePolicy)(statements)
}

// Document is the identity policy that gives grantee access on scope, for a component that
// puts it on a policy of its own, and grantee's IAM name for that policy (see
// grants.document). It reports the problems grants.New would.
func Document[G, A, S, O any](ctx *pulumi.Context, name string, grantee G, access A, scope S, parent pulumi.Resource, opts ...O) (doc, identity pulumi.StringOutput, err error) {
	return document.(DocumentFunc[G, A, S, O])(ctx, name, grantee, access, scope, parent, opts...)
}

// ScopeProblems lists what is wrong with scope, as grants.New reports it.
func ScopeProblems[S any](scope S) []error { return scopeProblems.(func(S) []error)(scope) }

// NeedsResourcePolicy reports whether grantee is a principal outside the program (an
// account, a service or an ARN), which only a secret's resource policy can give access.
func NeedsResourcePolicy[G any](grantee G) bool { return needsResourcePolicy.(func(G) bool)(grantee) }
