package main

import (
	"errors"

	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/secretsmith/secretsmith/grants"
)

// Statement is grants.Statement on the wire, with AllowRead and AllowWrite as access.
type Statement struct {
	Access        *Access                        `pulumi:"access,optional"`
	Sid           string                         `pulumi:"sid,optional"`
	Effect        *Effect                        `pulumi:"effect,optional"`
	Accounts      []string                       `pulumi:"accounts,optional"`
	Services      []string                       `pulumi:"services,optional"`
	ARNs          []string                       `pulumi:"arns,optional"`
	Actions       []string                       `pulumi:"actions,optional"`
	Resources     []string                       `pulumi:"resources,optional"`
	Conditions    map[string]map[string][]string `pulumi:"conditions,optional"`
	VersionStages []string                       `pulumi:"versionStages,optional"`
}

// Annotate documents the statement.
func (s *Statement) Annotate(an infer.Annotator) {
	an.Describe(s, "A statement of a secret's resource policy. With access, it is secretsmith's read or write access (the actions, and a kms.Grant for principals of other accounts); without, a free-form statement.")
	an.Describe(&s.Access, "read or write: the actions of that access. If left out, actions are required.")
	an.Describe(&s.Sid, "Identifies the statement. If left out, it has none.")
	an.Describe(&s.Effect, "Allow or Deny. If left out, Allow.")
	an.Describe(&s.Accounts, "AWS account IDs whose principals the statement applies to.")
	an.Describe(&s.Services, `AWS service principals, such as "lambda.amazonaws.com".`)
	an.Describe(&s.ARNs, "ARNs of IAM roles or users, possibly of other accounts. A statement needs at least one account, service or ARN.")
	an.Describe(&s.Actions, `The actions, such as "secretsmanager:GetSecretValue". Required without access; not allowed with it.`)
	an.Describe(&s.Resources, "The ARNs the statement covers. If left out, the secret and its replicas.")
	an.Describe(&s.Conditions, "Condition operators mapped to condition keys and their values. If left out, none.")
	an.Describe(&s.VersionStages, "With access: limits it to versions with one of these staging labels. If left out, every version.")
}

// Access is grants.Read or grants.Write on the wire.
type Access string

// The access kinds.
const (
	AccessRead  Access = "read"
	AccessWrite Access = "write"
)

// Values lists the access kinds.
func (Access) Values() []infer.EnumValue[Access] {
	return []infer.EnumValue[Access]{
		{Name: "Read", Value: AccessRead, Description: "secretsmanager:GetSecretValue and DescribeSecret, and kms:Decrypt on customer managed keys."},
		{Name: "Write", Value: AccessWrite, Description: "secretsmanager:PutSecretValue and UpdateSecret, and kms:Encrypt and GenerateDataKey on customer managed keys."},
	}
}

// goAccess is the Go access of a, which must be read or write.
func (a *Access) goAccess() (grants.Access, error) {
	if a == nil {
		return grants.Access{}, errors.New(`access is required: "read" or "write"`)
	}
	switch *a {
	case AccessRead:
		return grants.Read, nil
	case AccessWrite:
		return grants.Write, nil
	}
	return grants.Access{}, errors.New(`access must be "read" or "write", got "` + string(*a) + `"`)
}

// Effect is grants.Effect on the wire.
type Effect string

// Values lists the effects.
func (Effect) Values() []infer.EnumValue[Effect] {
	return []infer.EnumValue[Effect]{
		{Name: "Allow", Value: Effect(grants.Allow)},
		{Name: "Deny", Value: Effect(grants.Deny)},
	}
}

// toGo is s as a grants.Statement; grants checks the rest when the secret is made.
func (s Statement) toGo() (grants.Statement, error) {
	var principals []grants.Grantee
	for _, a := range s.Accounts {
		principals = append(principals, grants.Account(a))
	}
	for _, svc := range s.Services {
		principals = append(principals, grants.Service(svc))
	}
	for _, a := range s.ARNs {
		principals = append(principals, grants.ARN(a))
	}
	if s.Access == nil {
		if len(s.VersionStages) > 0 {
			return grants.Statement{}, errors.New("versionStages goes with access: give a free-form statement a secretsmanager:VersionStage condition")
		}
		var effect grants.Effect
		if s.Effect != nil {
			effect = grants.Effect(*s.Effect)
		}
		return grants.Statement{Sid: s.Sid, Effect: effect, Principals: principals, Actions: s.Actions,
			Resources: s.Resources, Conditions: s.Conditions}, nil
	}
	access, err := s.Access.goAccess()
	switch {
	case err != nil:
		return grants.Statement{}, err
	case len(s.Actions) > 0 || s.Effect != nil || len(s.Resources) > 0 || len(s.Conditions) > 0:
		return grants.Statement{}, errors.New("access sets the statement's actions, effect, resources and conditions: leave them out, or leave access out")
	case len(principals) == 0:
		return grants.Statement{}, errors.New("a statement in a resource policy must have at least one principal: give accounts, services or arns")
	}
	allow := grants.AllowRead
	if access.Name() == grants.Write.Name() {
		allow = grants.AllowWrite
	}
	out := allow(principals[0], grants.VersionStages(s.VersionStages...))
	out.Principals = append(out.Principals, principals[1:]...)
	out.Sid = s.Sid
	return out, nil
}
