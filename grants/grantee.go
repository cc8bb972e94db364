package grants

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/arn"
)

// Grantee is who a grant or a resource-policy statement is for. Make one with Role, User,
// Group, Account, Service or ARN; the zero value is invalid.
type Grantee struct {
	kind  granteeKind
	role  *iam.Role
	user  *iam.User
	group *iam.Group
	named pulumi.StringInput // the IAM name given to RoleName, UserName or GroupName
	id    string             // account ID, service principal or principal ARN
}

type granteeKind int

const (
	invalidGrantee granteeKind = iota
	roleGrantee
	userGrantee
	groupGrantee
	accountGrantee
	serviceGrantee
	arnGrantee
)

// Role is an IAM role of the program: a grant attaches an inline policy to it.
func Role(r *iam.Role) Grantee { return Grantee{kind: roleGrantee, role: r} }

// RoleName is the IAM role named name, of the program or not (a Lambda function's role, a
// role of another stack): a grant attaches an inline policy to it, as for Role.
func RoleName(name pulumi.StringInput) Grantee { return Grantee{kind: roleGrantee, named: name} }

// User is an IAM user of the program: a grant attaches an inline policy to it.
func User(u *iam.User) Grantee { return Grantee{kind: userGrantee, user: u} }

// UserName is the IAM user named name, of the program or not: a grant attaches an inline
// policy to it, as for User.
func UserName(name pulumi.StringInput) Grantee { return Grantee{kind: userGrantee, named: name} }

// Group is an IAM group of the program: a grant attaches an inline policy to it.
func Group(g *iam.Group) Grantee { return Grantee{kind: groupGrantee, group: g} }

// GroupName is the IAM group named name, of the program or not: a grant attaches an inline
// policy to it, as for Group.
func GroupName(name pulumi.StringInput) Grantee { return Grantee{kind: groupGrantee, named: name} }

// Account is every principal of the AWS account accountID (its root principal,
// arn:<partition>:iam::<accountID>:root), through the secret's resource policy.
func Account(accountID string) Grantee { return Grantee{kind: accountGrantee, id: accountID} }

// Service is an AWS service principal such as "lambda.amazonaws.com", through the secret's
// resource policy.
func Service(principal string) Grantee { return Grantee{kind: serviceGrantee, id: principal} }

// ARN is the IAM role or user with ARN principalARN, possibly in another account, through
// the secret's resource policy.
func ARN(principalARN string) Grantee { return Grantee{kind: arnGrantee, id: principalARN} }

// String describes g as the Go call that made it, for error messages.
func (g Grantee) String() string {
	switch g.kind {
	case roleGrantee:
		if g.named != nil {
			return "grants.RoleName(...)"
		}
		return "grants.Role(...)"
	case userGrantee:
		if g.named != nil {
			return "grants.UserName(...)"
		}
		return "grants.User(...)"
	case groupGrantee:
		if g.named != nil {
			return "grants.GroupName(...)"
		}
		return "grants.Group(...)"
	case accountGrantee:
		return fmt.Sprintf("grants.Account(%q)", g.id)
	case serviceGrantee:
		return fmt.Sprintf("grants.Service(%q)", g.id)
	case arnGrantee:
		return fmt.Sprintf("grants.ARN(%q)", g.id)
	}
	return "grants.Grantee{}"
}

// isIdentity reports whether g takes an identity policy (Role, User, Group with a non-nil
// resource, or RoleName, UserName, GroupName) rather than a place in a resource policy.
func (g Grantee) isIdentity() bool {
	return (g.kind == roleGrantee && (g.role != nil || g.named != nil)) || (g.kind == userGrantee && (g.user != nil || g.named != nil)) ||
		(g.kind == groupGrantee && (g.group != nil || g.named != nil))
}

// needsResourcePolicy reports whether g is a principal outside the program (Account,
// Service or ARN), which only the secret's resource policy can give access.
func (g Grantee) needsResourcePolicy() bool {
	return g.kind == accountGrantee || g.kind == serviceGrantee || g.kind == arnGrantee
}

// check reports what is wrong with g.
func (g Grantee) check() error {
	switch g.kind {
	case invalidGrantee:
		return fmt.Errorf("the grantee is empty: make it with grants.Role, User, Group, Account, Service or ARN")
	case roleGrantee, userGrantee, groupGrantee:
		if !g.isIdentity() {
			return fmt.Errorf("%s was given a nil resource", g)
		}
	case accountGrantee:
		if len(g.id) != 12 || !isDigits(g.id) {
			return fmt.Errorf("%s: an account ID is 12 digits", g)
		}
	case serviceGrantee:
		if !strings.Contains(g.id, ".") {
			return fmt.Errorf("%s: a service principal looks like lambda.amazonaws.com", g)
		}
	case arnGrantee:
		a, err := arn.Parse(g.id)
		if err != nil || a.Service != "iam" && a.Service != "sts" || a.AccountID == "" {
			return fmt.Errorf("%s: want the ARN of an IAM role or user, such as arn:aws:iam::222222222222:role/name", g)
		}
		if strings.ContainsAny(g.id, "*?") {
			return fmt.Errorf("%s: a principal's ARN cannot have wildcards (IAM refuses them): name each role or user, or use grants.Account", g)
		}
	}
	return nil
}

// account is the account a principal-only grantee belongs to ("" for services, roles,
// users and groups, which are taken to be in the program's account).
func (g Grantee) account() string {
	switch g.kind {
	case accountGrantee:
		return g.id
	case arnGrantee:
		if a, err := arn.Parse(g.id); err == nil {
			return a.AccountID
		}
	}
	return ""
}

// identityName is the IAM name of an identity grantee.
func (g Grantee) identityName() pulumi.StringOutput {
	switch {
	case g.role != nil:
		return g.role.Name
	case g.user != nil:
		return g.user.Name
	case g.group != nil:
		return g.group.Name
	}
	return g.named.ToStringOutput()
}

// principalValue is what names g in a resource policy before the partition is known: the
// ARN of a role or user, or the account ID, service principal or ARN g was made with.
func (g Grantee) principalValue() pulumi.StringInput {
	switch g.kind {
	case roleGrantee:
		return g.role.Arn
	case userGrantee:
		return g.user.Arn
	}
	return pulumi.String(g.id)
}

func isDigits(s string) bool {
	return strings.Trim(s, "0123456789") == ""
}
