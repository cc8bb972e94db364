package grants

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"unicode"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// IAM's quotas on the policies of one identity ("IAM and AWS STS quotas"): the inline
// policies of a role, group or user together, counted in characters other than white
// space, a managed policy's document, and the managed policies attached to an identity
// (the default quota; it can be raised to 20).
const (
	RoleInlineQuota  = 10240
	GroupInlineQuota = 5120
	UserInlineQuota  = 2048
	ManagedQuota     = 6144
	AttachedQuota    = 10
)

const managedPolicyNote = "grants.ManagedPolicy() (6,144 characters each, 10 to an identity)"

// usage is what secretsmith's grants give one identity: the characters of their inline
// documents, their managed policies, and the grants, in the order the program made them.
type usage struct {
	inline, managed int
	grants          []string
}

func (u usage) plus(o usage) usage {
	return usage{inline: u.inline + o.inline, managed: u.managed + o.managed, grants: append(append([]string(nil), u.grants...), o.grants...)}
}

// The grants to one identity form a chain, in the order the program makes them: each
// grant's check waits for the usage of the grants before it, so the grant that passes a
// quota is always the same one and names the same grants before it. A chain follows the
// Go value the grantee was made from (the *iam.Role, say); grantees of one IAM identity
// made from different values (Role and RoleName) form different chains, which the check
// adds up by IAM name once known.
var (
	chainsMu sync.Mutex
	chains   = map[chainKey]pulumi.AnyOutput{}  // the usage after the chain's last grant
	byName   = map[nameKey]map[chainKey]usage{} // each chain's usage, by IAM identity
)

type chainKey struct {
	ctx  *pulumi.Context
	kind granteeKind
	of   any
}

type nameKey struct {
	ctx  *pulumi.Context
	kind granteeKind
	name string
}

// chainOf is the key of g's chain: the resource or name input it was made from.
func chainOf(ctx *pulumi.Context, g Grantee) chainKey {
	var of any
	switch {
	case g.role != nil:
		of = g.role
	case g.user != nil:
		of = g.user
	case g.group != nil:
		of = g.group
	case reflect.TypeOf(g.named).Comparable():
		of = g.named
	default:
		of = new(int) // a chain of its own
	}
	return chainKey{ctx, g.kind, of}
}

// checked is an identity's name once a grant's document has been counted.
type checked struct {
	name string
	use  usage
}

// counted is identity, grantee's IAM name, once doc is checked against the quotas of
// grantee: after the grants before it in its chain, it adds doc's size (or one managed
// policy) and fails if the identity's usage by every chain would pass a quota. Policies
// take the identity from it, so that one over quota fails before it is registered; the
// document itself stays known in previews where the name is not.
func counted(ctx *pulumi.Context, grant string, grantee Grantee, identity pulumi.StringOutput, doc pulumi.StringOutput, managed bool) pulumi.StringOutput {
	key := chainOf(ctx, grantee)
	chainsMu.Lock()
	defer chainsMu.Unlock()
	prev, ok := chains[key]
	if !ok {
		prev = pulumi.Any(usage{})
	}
	result := pulumi.All(doc, identity, prev).ApplyT(func(v []any) (checked, error) {
		d, name := v[0].(string), v[1].(string)
		own := usage{inline: size(d), grants: []string{grant}}
		if managed {
			own = usage{managed: 1, grants: []string{grant}}
		}
		use := v[2].(usage).plus(own)
		shown := fmt.Sprintf("%q", name)
		if pulumi.IsSecret(identity) {
			shown = "(name withheld: a secret)"
		}
		if managed && size(d) > ManagedQuota {
			return checked{}, fmt.Errorf("grants: %s: the managed policy for %s %s would be %d characters, over IAM's quota of %d for a managed policy: "+
				"split the secrets over several grants, or %s", grant, grantee.kind.word(), shown, size(d), ManagedQuota, tagFix)
		}
		return checked{name, use}, overQuota(ctx, key, grantee.kind, name, shown, grant, use)
	}).(pulumi.AnyOutput)
	chains[key] = result.ApplyT(func(c any) usage { return c.(checked).use }).(pulumi.AnyOutput)
	return result.ApplyT(func(c any) string { return c.(checked).name }).(pulumi.StringOutput)
}

const tagFix = "grant by tag (grants.Tagged) or name prefix (grants.NamePrefix), whose documents keep one size however many secrets they cover"

// overQuota records use as chain key's usage of the identity name and reports whether the
// identity's usage by all its chains passes a quota.
func overQuota(ctx *pulumi.Context, key chainKey, kind granteeKind, name, shown, grant string, use usage) error {
	chainsMu.Lock()
	defer chainsMu.Unlock()
	nk := nameKey{ctx, kind, name}
	if byName[nk] == nil {
		byName[nk] = map[chainKey]usage{}
	}
	byName[nk][key] = use
	total := usage{}
	for k, u := range byName[nk] {
		if k == key {
			total = u.plus(total) // this chain's grants first
		} else {
			total = total.plus(u)
		}
	}
	what := kind.word() + " " + shown
	if total.managed > AttachedQuota {
		return fmt.Errorf("grants: %s: %s would have %d managed policies from secretsmith (grants %s), over IAM's default quota of %d attached to a %s: "+
			"cover more secrets with each grant (grants.Secrets takes many), or %s", grant, what, total.managed, strings.Join(total.grants, ", "), AttachedQuota, kind.word(), tagFix)
	}
	if limit := kind.inlineQuota(); total.inline > limit {
		return fmt.Errorf("grants: %s: the inline policies secretsmith gives %s would total %d characters (grants %s), over IAM's quota of %d for a %s's inline policies: "+
			"put grants in managed policies with %s, or %s", grant, what, total.inline, strings.Join(total.grants, ", "), limit, kind.word(), managedPolicyNote, tagFix)
	}
	return nil
}

// size is a document's size as IAM counts it: its characters other than white space.
func size(doc string) int {
	n := 0
	for _, r := range doc {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

func (k granteeKind) word() string {
	switch k {
	case userGrantee:
		return "user"
	case groupGrantee:
		return "group"
	}
	return "role"
}

func (k granteeKind) inlineQuota() int {
	switch k {
	case userGrantee:
		return UserInlineQuota
	case groupGrantee:
		return GroupInlineQuota
	}
	return RoleInlineQuota
}
