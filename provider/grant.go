package main

import (
	"fmt"

	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/internal/problems"
)

// GrantArgs are grants.New's arguments on the wire: the grantee by name, the access kind
// and the scope.
type GrantArgs struct {
	RoleName      pulumi.StringInput   `pulumi:"roleName,optional"`
	UserName      pulumi.StringInput   `pulumi:"userName,optional"`
	GroupName     pulumi.StringInput   `pulumi:"groupName,optional"`
	Access        *Access              `pulumi:"access"`
	Secrets       []SecretRef          `pulumi:"secrets,optional"`
	Tagged        *Tag                 `pulumi:"tagged,optional"`
	NamePrefix    string               `pulumi:"namePrefix,optional"`
	EncryptedWith []pulumi.StringInput `pulumi:"encryptedWith,optional"`
	InRegions     []string             `pulumi:"inRegions,optional"`
	VersionStages []string             `pulumi:"versionStages,optional"`
	ManagedPolicy bool                 `pulumi:"managedPolicy,optional"`
}

// Annotate documents the arguments.
func (a *GrantArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.RoleName, "The IAM role granted access. Exactly one of roleName, userName and groupName is required.")
	an.Describe(&a.UserName, "The IAM user granted access.")
	an.Describe(&a.GroupName, "The IAM group granted access.")
	an.Describe(&a.Access, "read or write.")
	an.Describe(&a.Secrets, "The secrets, by ARN: one policy document for all of them, statements merged. Exactly one of secrets, tagged and namePrefix is required.")
	an.Describe(&a.Tagged, "Every secret with this tag (a secretsmanager:ResourceTag condition): one size however many secrets, covering secrets that get the tag later too.")
	an.Describe(&a.NamePrefix, `Every secret whose name starts with this prefix, such as "prod/payments/".`)
	an.Describe(&a.EncryptedWith, "With tagged or namePrefix: the ARNs of the customer managed keys those secrets use. If left out, the grant covers secrets with the AWS managed key only.")
	an.Describe(&a.InRegions, "With tagged or namePrefix: the regions covered. If left out, the provider's region.")
	an.Describe(&a.VersionStages, "Limits access to versions with one of these staging labels. If left out, every version.")
	an.Describe(&a.ManagedPolicy, "Puts the grant in a managed policy attached to the identity, beside its inline policies' quota. If left out, false: an inline policy.")
}

// Tag is a tag key and value.
type Tag struct {
	Key   string `pulumi:"key"`
	Value string `pulumi:"value"`
}

// Annotate documents the tag.
func (t *Tag) Annotate(an infer.Annotator) {
	an.Describe(t, "A tag of the secrets a grant covers.")
	an.Describe(&t.Key, "The tag's key.")
	an.Describe(&t.Value, "The tag's value.")
}

// Grant is the secretsmith:grants:Grant component: a grant as a component of its own,
// since component methods (GrantRead) cannot be called across languages.
type Grant struct {
	*grants.Grant
	// Document shadows the Go component's field: the construct result reads only the
	// wrapper's own.
	Document pulumi.StringOutput `pulumi:"document"`
}

// Annotate documents the component.
func (g *Grant) Annotate(an infer.Annotator) {
	embedded(&g.Grant)
	an.SetToken("grants", "Grant")
	an.Describe(&g.Document, "The JSON of the policy granted.")
	an.Describe(g, "Read or write access to secrets, given to an IAM role, user or group: an inline policy (or a managed one) with the Secrets Manager and KMS statements merged, counted against IAM's quotas before it is registered.")
}

// newGrant constructs the component from its wire arguments.
func newGrant(ctx *pulumi.Context, name string, args GrantArgs, opts ...pulumi.ResourceOption) (*Grant, error) {
	grantee, access, scope, options, found := args.toGo(ctx, name)
	if err := problems.Join("grants: "+name, found); err != nil {
		return nil, err
	}
	options = append(options, grants.ResourceOptions(opts...))
	g, err := grants.New(ctx, name, grantee, access, scope, options...)
	if err != nil {
		return nil, err
	}
	return &Grant{Grant: g, Document: g.Document}, nil
}

// toGo is a as grants.New's arguments.
func (a GrantArgs) toGo(ctx *pulumi.Context, name string) (grants.Grantee, grants.Access, grants.Scope, []grants.Option, []error) {
	var found []error
	var grantee grants.Grantee
	var given int
	for _, g := range []struct {
		in  pulumi.StringInput
		new func(pulumi.StringInput) grants.Grantee
	}{{a.RoleName, grants.RoleName}, {a.UserName, grants.UserName}, {a.GroupName, grants.GroupName}} {
		if g.in != nil {
			grantee, given = g.new(g.in), given+1
		}
	}
	if given != 1 {
		found = append(found, fmt.Errorf("exactly one of roleName, userName and groupName is required, got %d", given))
	}
	access, err := a.Access.goAccess()
	if err != nil {
		found = append(found, err)
	}

	var scope grants.Scope
	given = 0
	if len(a.Secrets) > 0 {
		given++
		var targets []grants.Target
		for i, r := range a.Secrets {
			s, err := r.reference(ctx, fmt.Sprintf("%s-secret-%d", name, i))
			if err != nil {
				found = append(found, fmt.Errorf("secrets[%d]: %w", i, err))
				continue
			}
			targets = append(targets, s)
		}
		scope = grants.Secrets(targets...)
	}
	if a.Tagged != nil {
		given++
		scope = grants.Tagged(a.Tagged.Key, a.Tagged.Value)
	}
	if a.NamePrefix != "" {
		given++
		scope = grants.NamePrefix(a.NamePrefix)
	}
	if given != 1 {
		found = append(found, fmt.Errorf("exactly one of secrets, tagged and namePrefix is required, got %d", given))
	}
	if len(a.EncryptedWith) > 0 {
		scope = scope.EncryptedWith(a.EncryptedWith...)
	}
	if len(a.InRegions) > 0 {
		scope = scope.InRegions(a.InRegions...)
	}
	var options []grants.Option
	if len(a.VersionStages) > 0 {
		options = append(options, grants.VersionStages(a.VersionStages...))
	}
	if a.ManagedPolicy {
		options = append(options, grants.ManagedPolicy())
	}
	return grantee, access, scope, options, found
}
