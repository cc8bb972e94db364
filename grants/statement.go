package grants

import (
	"errors"
	"fmt"
	"slices"

	"github.com/secretsmith/secretsmith/internal/policy"
)

// Effect is a statement's effect.
type Effect string

// The two effects.
const (
	Allow Effect = "Allow"
	Deny  Effect = "Deny"
)

// Statement is a statement of a secret's resource policy (or, with no Principals, an extra
// identity statement of an Access).
type Statement struct {
	// Sid identifies the statement. If empty, it has none.
	Sid string
	// Effect is Allow or Deny. If empty, it is Allow.
	Effect Effect
	// Principals are who the statement applies to. Required in a resource policy; Group
	// grantees cannot be principals.
	Principals []Grantee
	// Actions are the actions allowed or denied, such as "secretsmanager:GetSecretValue".
	// Required.
	Actions []string
	// Resources are the ARNs the statement covers. If empty, it is the secret.
	Resources []string
	// Conditions map an operator to condition keys and their values. If nil, none.
	Conditions map[string]map[string][]string

	access string // "read" or "write" for AllowRead and AllowWrite: cross-account KMS grants
}

// AllowRead is a resource-policy statement that lets grantee read the secret: CDK's
// grantRead for principals outside the program. opts may include VersionStages.
func AllowRead(grantee Grantee, opts ...Option) Statement {
	return allow(Read, grantee, opts)
}

// AllowWrite is a resource-policy statement that lets grantee write the secret.
func AllowWrite(grantee Grantee, opts ...Option) Statement {
	return allow(Write, grantee, opts)
}

func allow(a Access, grantee Grantee, opts []Option) Statement {
	return Statement{
		Effect: Allow, Principals: []Grantee{grantee}, Actions: a.Actions(),
		Conditions: stageCondition(collect(opts).stages), access: a.name,
	}
}

// clone is a deep copy of s.
func (s Statement) clone() Statement {
	s.Principals = slices.Clone(s.Principals)
	s.Actions = slices.Clone(s.Actions)
	s.Resources = slices.Clone(s.Resources)
	if s.Conditions != nil {
		c := make(map[string]map[string][]string, len(s.Conditions))
		for op, keys := range s.Conditions {
			c[op] = make(map[string][]string, len(keys))
			for k, v := range keys {
				c[op][k] = slices.Clone(v)
			}
		}
		s.Conditions = c
	}
	return s
}

// stageCondition is the condition that limits access to versions with one of stages.
func stageCondition(stages []string) map[string]map[string][]string {
	if len(stages) == 0 {
		return nil
	}
	return map[string]map[string][]string{"ForAnyValue:StringEquals": {"secretsmanager:VersionStage": stages}}
}

// check reports what is wrong with s as a resource-policy statement (principals required)
// or as an identity statement.
func (s Statement) check(resourcePolicy bool) []error {
	var errs []error
	if len(s.Actions) == 0 {
		errs = append(errs, errors.New("a statement must have at least one action"))
	}
	errs = append(errs, stageProblems(s.Conditions["ForAnyValue:StringEquals"]["secretsmanager:VersionStage"])...)
	if s.Effect != "" && s.Effect != Allow && s.Effect != Deny {
		errs = append(errs, fmt.Errorf("Effect must be grants.Allow or grants.Deny, got %q", s.Effect))
	}
	if !resourcePolicy {
		if len(s.Principals) > 0 {
			errs = append(errs, errors.New("an identity statement cannot have principals"))
		}
		return errs
	}
	if len(s.Principals) == 0 {
		errs = append(errs, errors.New("a statement in a resource policy must have at least one principal"))
	}
	for _, p := range s.Principals {
		if err := p.check(); err != nil {
			errs = append(errs, err)
		} else if p.kind == groupGrantee {
			errs = append(errs, fmt.Errorf("%s cannot be a principal of a resource policy: grant the group with GrantRead or GrantWrite", p))
		} else if p.named != nil {
			w := p.kind.word()
			errs = append(errs, fmt.Errorf("%s cannot be a principal of a resource policy, which names %ss by ARN: use grants.ARN, or grant the %s with GrantRead or GrantWrite", p, w, w))
		}
	}
	return errs
}

// toPolicy converts s, with principals and the default resource resolved.
func (s Statement) toPolicy(principal *policy.Principal, defaultResources []string) policy.Statement {
	effect := string(s.Effect)
	if effect == "" {
		effect = string(Allow)
	}
	resources := s.Resources
	if len(resources) == 0 {
		resources = defaultResources
	}
	return policy.Statement{
		Sid: s.Sid, Effect: effect, Principal: principal, Action: s.Actions,
		Resource: resources, Condition: s.Conditions,
	}
}
