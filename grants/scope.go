package grants

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/arn"
	"github.com/secretsmith/secretsmith/internal/isnil"
	"github.com/secretsmith/secretsmith/internal/policy"
)

// Scope is the secrets a grant covers. Make it with Secrets, for exact secrets, or with
// Tagged or NamePrefix, for every secret of the account with a tag or a name prefix; the
// zero value covers nothing and is refused.
//
// The trade-off: a grant on exact secrets names each ARN, so it gives access to those
// secrets and no others, and its document grows by about 90 characters a secret (IAM allows
// 10,240 in a role's inline policies, 6,144 in a managed policy). A grant by tag or prefix
// has the same size for one secret or ten thousand, and covers secrets created later with
// no change to the policy; but it also covers any secret that someone able to create or tag
// secrets in the account gives that tag or name (secretsmanager:TagResource,
// CreateSecret), so keep those permissions as tight as the secrets are sensitive.
type Scope struct {
	kind    scopeKind
	targets []Target
	tagKey  string
	tagVal  string
	prefix  string
	keys    []pulumi.StringInput
	regions []string
}

type scopeKind int

const (
	noScope scopeKind = iota
	exactScope
	tagScope
	prefixScope
)

// Secrets covers exactly targets, owned or imported, each with its replicas (unless
// PrimaryOnly) and its customer managed keys. One grant on many secrets is one policy
// document with one statement for all their ARNs and one KMS statement per region for all
// their keys.
func Secrets(targets ...Target) Scope {
	return Scope{kind: exactScope, targets: slices.Clone(targets)}
}

// Tagged covers every secret of the account, in the provider's region and in InRegions,
// whose tag key has value (a secretsmanager:ResourceTag/<key> condition), however many
// there are. Secrets with a customer managed key are readable only with EncryptedWith
// naming it.
func Tagged(key, value string) Scope {
	return Scope{kind: tagScope, tagKey: key, tagVal: value}
}

// NamePrefix covers every secret of the account, in the provider's region and in
// InRegions, whose name starts with prefix (such as "prod/payments/"), however many there
// are. Secrets with a customer managed key are readable only with EncryptedWith naming it.
func NamePrefix(prefix string) Scope {
	return Scope{kind: prefixScope, prefix: prefix}
}

// EncryptedWith names the customer managed keys (KMS key ARNs) of the secrets a Tagged or
// NamePrefix scope covers: the grant allows the access's KMS actions on each, through
// Secrets Manager in the key's region only. Without it the grant covers only secrets
// encrypted with the AWS managed key.
func (s Scope) EncryptedWith(keys ...pulumi.StringInput) Scope {
	s.keys = append(slices.Clone(s.keys), keys...)
	return s
}

// InRegions extends a Tagged or NamePrefix scope to the secrets (replicas among them) in
// regions besides the provider's.
func (s Scope) InRegions(regions ...string) Scope {
	s.regions = append(slices.Clone(s.regions), regions...)
	return s
}

// Includes reports whether s covers t: whether t is one of an exact scope's secrets (the
// same value). A Tagged or NamePrefix scope includes every secret, as far as a program can
// tell: only AWS knows their tags and names.
func (s Scope) Includes(t Target) bool {
	if s.kind != exactScope {
		return s.kind != noScope
	}
	for _, x := range s.targets {
		if reflect.TypeOf(x) == reflect.TypeOf(t) && reflect.TypeOf(t).Comparable() && x == t {
			return true
		}
	}
	return false
}

// check reports what is wrong with s.
func (s Scope) check() []error {
	var errs []error
	switch s.kind {
	case noScope:
		return []error{errors.New("the grant covers no secret: make its scope with grants.Secrets, grants.Tagged or grants.NamePrefix")}
	case exactScope:
		if len(s.targets) == 0 {
			errs = append(errs, errors.New("grants.Secrets() names no secret"))
		}
		for i, t := range s.targets {
			if isnil.Is(t) {
				errs = append(errs, fmt.Errorf("grants.Secrets(...) secret %d is nil", i))
			}
		}
		if len(s.keys) > 0 || len(s.regions) > 0 {
			errs = append(errs, errors.New("EncryptedWith and InRegions are for grants.Tagged and grants.NamePrefix: exact secrets bring their own keys and replicas"))
		}
		return errs
	case tagScope:
		if s.tagKey == "" || utf8.RuneCountInString(s.tagKey) > 128 || !utf8.ValidString(s.tagKey) {
			errs = append(errs, fmt.Errorf("grants.Tagged: the tag key must be 1 to 128 characters of valid UTF-8, got %q", s.tagKey))
		}
		if utf8.RuneCountInString(s.tagVal) > 256 || !utf8.ValidString(s.tagVal) {
			errs = append(errs, fmt.Errorf("grants.Tagged: the tag value must be at most 256 characters of valid UTF-8, got %q", s.tagVal))
		}
	case prefixScope:
		if len(s.prefix) > 512 || !arn.ValidSecretName(s.prefix) {
			errs = append(errs, fmt.Errorf("grants.NamePrefix: the prefix must be 1 to 512 letters, digits and /_+=.@- (wildcards are added by the grant), got %q", s.prefix))
		}
	}
	for i, k := range s.keys {
		if k == nil {
			errs = append(errs, fmt.Errorf("EncryptedWith key %d is nil", i))
		} else if v, ok := k.(pulumi.String); ok {
			errs = append(errs, keyProblem(i, strconv.Quote(string(v)), string(v))...)
		}
	}
	seen := map[string]bool{}
	for i, r := range s.regions {
		switch {
		case !arn.IsRegion(r):
			errs = append(errs, fmt.Errorf("InRegions region %d must be a region name such as eu-west-1, got %q", i, r))
		case seen[r]:
			errs = append(errs, fmt.Errorf("InRegions lists %q twice", r))
		}
		seen[r] = true
	}
	return errs
}

// keyProblem reports a key that is not a KMS key ARN, showing it as shown (quoted when
// plain; left out once known, as it may be another stack's secret output).
func keyProblem(i int, shown, key string) []error {
	if arn.IsKMSKey(key) {
		return nil
	}
	return []error{fmt.Errorf("EncryptedWith key %d must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), got %s: "+
		"IAM policies cannot name a key by ID or alias", i, shown)}
}

// part is one piece of what a grant covers, resolved: the resources of one Secrets Manager
// statement, its condition, and the keys they use by region.
type part struct {
	partition string
	resources []string
	condition policy.Conditions
	keys      []regionKey
}

// resolve is an output of []part: what s covers once its ARNs (or, for tag and prefix
// scopes, the account, partition and region, asked through parent's provider) are known.
func (s Scope) resolve(ctx *pulumi.Context, name string, parent pulumi.Resource, primaryOnly bool) pulumi.Output {
	if s.kind == exactScope {
		outs := make([]any, len(s.targets))
		for i, t := range s.targets {
			outs[i] = resolveTarget(t, primaryOnly)
		}
		return pulumi.All(outs...).ApplyT(func(v []any) []part {
			parts := make([]part, len(v))
			for i, p := range v {
				parts[i] = p.(part)
			}
			return parts
		})
	}
	on := pulumi.Parent(parent)
	inputs := []any{
		aws.GetCallerIdentityOutput(ctx, aws.GetCallerIdentityOutputArgs{}, on).AccountId(),
		aws.GetPartitionOutput(ctx, aws.GetPartitionOutputArgs{}, on).Partition(),
		aws.GetRegionOutput(ctx, aws.GetRegionOutputArgs{}, on).Name(),
	}
	for _, k := range s.keys {
		inputs = append(inputs, k)
	}
	return pulumi.All(inputs...).ApplyT(func(v []any) ([]part, error) {
		account, partition := v[0].(string), v[1].(string)
		p := part{partition: partition}
		for _, region := range append([]string{v[2].(string)}, s.regions...) {
			name := "*"
			if s.kind == prefixScope {
				name = s.prefix + "*"
			}
			resource := arn.ARN{Partition: partition, Service: "secretsmanager", Region: region, AccountID: account, Resource: "secret:" + name}
			if !slices.Contains(p.resources, resource.String()) {
				p.resources = append(p.resources, resource.String())
			}
		}
		if s.kind == tagScope {
			p.condition = policy.Conditions{"StringEquals": {"secretsmanager:ResourceTag/" + s.tagKey: {s.tagVal}}}
		}
		for i, k := range v[3:] {
			key := k.(string)
			if errs := keyProblem(i, "another value", key); len(errs) > 0 {
				return nil, fmt.Errorf("grants: %s: %w", name, errs[0])
			}
			a, _ := arn.Parse(key)
			p.keys = append(p.keys, regionKey{a.Region, key})
		}
		return []part{p}, nil
	})
}
