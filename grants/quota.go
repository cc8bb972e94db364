package grants

import (
	"context"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"unicode"
	"weak"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/internals"
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
//
// The chains outlive no program: their keys hold the program's context and the grantee's
// value weakly, and a link keeps plain values once settled, so that nothing here keeps a
// finished program's resources in memory (a process that runs many programs, as the
// Automation API's inline programs and tests do, kept every one before), and the entries
// of a context go when it is collected.
var (
	chainsMu sync.Mutex
	chains   = map[chainKey]*link{}                    // the chain's last grant
	byName   = map[nameKey]map[chainKey]usage{}        // each chain's usage, by IAM identity
	programs = map[weak.Pointer[pulumi.Context]]bool{} // contexts with a cleanup registered
)

type chainKey struct {
	ctx  weak.Pointer[pulumi.Context]
	kind granteeKind
	of   any // weak for what holds the program's resources
}

type nameKey struct {
	ctx  weak.Pointer[pulumi.Context]
	kind granteeKind
	name string
}

// link is one grant of a chain, settled once its document and identity are, and the
// grants before it: with the usage of the chain up to it, unknown in a preview, or the
// error that failed it or a grant before it.
type link struct {
	settled chan struct{}
	use     usage
	known   bool
	err     error
}

// chainOf is the key of g's chain: the resource or name input it was made from.
func chainOf(ctx *pulumi.Context, g Grantee) chainKey {
	var of any
	switch {
	case g.role != nil:
		of = weak.Make(g.role)
	case g.user != nil:
		of = weak.Make(g.user)
	case g.group != nil:
		of = weak.Make(g.group)
	case reflect.TypeOf(g.named).Comparable():
		of = g.named
		if o, ok := g.named.(pulumi.StringOutput); ok {
			of = weak.Make(o.OutputState)
		}
	default:
		of = new(int) // a chain of its own
	}
	return chainKey{program(ctx), g.kind, of}
}

// program is ctx, weakly, with a cleanup that drops its chains once it is collected.
// chainsMu is held.
func program(ctx *pulumi.Context) weak.Pointer[pulumi.Context] {
	w := weak.Make(ctx)
	if !programs[w] {
		programs[w] = true
		runtime.AddCleanup(ctx, forget, w)
	}
	return w
}

// forget drops the chains of the collected context w.
func forget(w weak.Pointer[pulumi.Context]) {
	chainsMu.Lock()
	defer chainsMu.Unlock()
	delete(programs, w)
	for k := range chains {
		if k.ctx == w {
			delete(chains, k)
		}
	}
	for k := range byName {
		if k.ctx == w {
			delete(byName, k)
		}
	}
}

// counted is identity, grantee's IAM name, once doc is checked against the quotas of
// grantee: after the grants before it in its chain, it adds doc's size (or one managed
// policy) and fails if the identity's usage by every chain would pass a quota. Policies
// take the identity from it, so that one over quota fails before it is registered; the
// document itself stays known in previews where the name is not.
func counted(ctx *pulumi.Context, grant string, grantee Grantee, identity pulumi.StringOutput, doc pulumi.StringOutput, managed bool) pulumi.StringOutput {
	chainsMu.Lock()
	key := chainOf(ctx, grantee)
	prev, me := chains[key], &link{settled: make(chan struct{})}
	chains[key] = me
	chainsMu.Unlock()

	both := pulumi.All(doc, identity)
	go func() {
		defer close(me.settled)
		got, err := internals.UnsafeAwaitOutput(context.Background(), both)
		before := link{known: true}
		if prev != nil {
			<-prev.settled
			before = *prev
		}
		switch {
		case err != nil:
			me.err = err
		case before.err != nil:
			me.err = before.err
		case !got.Known || !before.known:
		default:
			v := got.Value.([]any)
			me.use, me.err = addUp(key, grant, grantee, identity, v[0].(string), v[1].(string), managed, before.use)
			me.known = true
		}
	}()
	return both.ApplyT(func(v []any) (pulumi.StringOutput, error) {
		<-me.settled
		switch {
		case me.err != nil:
			return pulumi.StringOutput{}, me.err
		case !me.known: // a grant before it is unknown in this preview
			return pulumi.UnsafeUnknownOutput(nil).ApplyT(func(any) string { return "" }).(pulumi.StringOutput), nil
		}
		return pulumi.String(v[1].(string)).ToStringOutput(), nil
	}).(pulumi.StringOutput)
}

// addUp adds a grant's document d to the usage before it and reports whether that passes
// a quota of the identity name.
func addUp(key chainKey, grant string, grantee Grantee, identity pulumi.StringOutput, d, name string, managed bool,
	before usage,
) (usage, error) {
	own := usage{inline: size(d), grants: []string{grant}}
	if managed {
		own = usage{managed: 1, grants: []string{grant}}
	}
	use := before.plus(own)
	shown := fmt.Sprintf("%q", name)
	if pulumi.IsSecret(identity) {
		shown = "(name withheld: a secret)"
	}
	if managed && size(d) > ManagedQuota {
		return use, fmt.Errorf("grants: %s: the managed policy for %s %s would be %d characters, over IAM's quota of %d for a managed policy: "+
			"split the secrets over several grants, or %s", grant, grantee.kind.word(), shown, size(d), ManagedQuota, tagFix)
	}
	return use, overQuota(key, grantee.kind, name, shown, grant, use)
}

const tagFix = "grant by tag (grants.Tagged) or name prefix (grants.NamePrefix), whose documents keep one size however many secrets they cover"

// overQuota records use as chain key's usage of the identity name and reports whether the
// identity's usage by all its chains passes a quota.
func overQuota(key chainKey, kind granteeKind, name, shown, grant string, use usage) error {
	chainsMu.Lock()
	defer chainsMu.Unlock()
	nk := nameKey{key.ctx, kind, name}
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
