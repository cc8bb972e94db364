package grants

import (
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/arn"
	"github.com/secretsmith/secretsmith/internal/policy"
)

// errCrossAccountNeedsKey is CDK's "KMS Key must be provided for cross account access to
// Secret": the AWS managed key of a secret cannot be used from another account.
var errCrossAccountNeedsKey = errors.New("kms key must be provided for cross-account access to a secret")

// statements are a secret's resource policy: grantshook.ResourcePolicy, which package
// secrets uses for SecretArgs.ResourcePolicy.
type statements []Statement

// Problems reports every problem of the statements, each led by the statement's index.
func (statements statements) Problems() []error {
	var errs []error
	for i, s := range statements {
		for _, err := range s.check(true) {
			errs = append(errs, fmt.Errorf("[%d]: %w", i, err))
		}
	}
	return errs
}

// CrossAccountProblems reports each statement that allows a principal of another account
// than account (the program's) an action that needs the secret's key, GetSecretValue or
// PutSecretValue (or a wildcard that matches one), when the secret (or one of its
// replicas) uses the AWS managed key, which no other account can use: each problem is
// "[<statement index>]: ..." for the caller to prefix with its field. A statement that
// allows only actions such as DescribeSecret needs no key.
func (statements statements) CrossAccountProblems(account, fix string) []error {
	var errs []error
	for i, s := range statements {
		if s.Effect == Deny || !needsKey(s.Actions) {
			continue
		}
		for _, p := range s.Principals {
			if acct := p.account(); acct != "" && acct != account {
				errs = append(errs, fmt.Errorf("[%d]: %w: %s is not in the program's account %s; %s", i, errCrossAccountNeedsKey, p, account, fix))
			}
		}
	}
	return errs
}

// keyActions are the actions whose callers need the secret's key.
var keyActions = []string{"secretsmanager:getsecretvalue", "secretsmanager:putsecretvalue", "secretsmanager:batchgetsecretvalue"}

// needsKey reports whether actions, with IAM's * and ? wildcards, include one of keyActions.
func needsKey(actions []string) bool {
	for _, a := range actions {
		for _, k := range keyActions {
			// Actions have no '/', '[' or '\\': path.Match's wildcards are IAM's.
			if ok, _ := path.Match(strings.ToLower(a), k); ok {
				return true
			}
		}
	}
	return false
}

// Document is the JSON of a secret's resource policy: the statements, each
// defaulting to the secret and its replicas in replicaRegions as resources (Secrets Manager
// copies the policy to every replica, where it must name the replica's ARN), and, with
// denyRootDelete, CDK's statement denying secretsmanager:DeleteSecret to the account root.
// The statements must have passed Problems and CrossAccountProblems.
func (statements statements) Document(secretARN pulumi.StringOutput, replicaRegions []string, denyRootDelete bool) pulumi.StringOutput {
	// The principal values, in statement order, then the secret's ARN (whose partition makes
	// account IDs into root ARNs below).
	var inputs []any
	for _, s := range statements {
		for _, p := range s.Principals {
			inputs = append(inputs, p.principalValue())
		}
	}
	inputs = append(inputs, secretARN)
	document := func(v []any) (string, error) {
		secret, err := arn.Parse(v[len(v)-1].(string))
		if err != nil {
			return "", err
		}
		resources := []string{secret.String()}
		for _, r := range replicaRegions {
			replica := secret
			replica.Region = r
			resources = append(resources, replica.String())
		}
		var stmts []policy.Statement
		i := 0
		for _, s := range statements {
			principal := &policy.Principal{}
			for _, p := range s.Principals {
				value := v[i].(string)
				i++
				switch {
				case p.kind == serviceGrantee:
					principal.Service = append(principal.Service, value)
				case p.kind == accountGrantee:
					principal.AWS = append(principal.AWS, rootARN(secret.Partition, value))
				default:
					principal.AWS = append(principal.AWS, value)
				}
			}
			stmts = append(stmts, s.toPolicy(principal, resources))
		}
		if denyRootDelete {
			stmts = append(stmts, policy.DenyRootDelete(secret.Partition, secret.AccountID))
		}
		return policy.New(stmts...).JSON(), nil
	}
	if len(inputs) == 1 {
		// No principal to wait for, as for CDK's denyAccountRootDelete alone on every secret
		// of a large SecretSet: one output fewer than All.
		return secretARN.ApplyT(func(a string) (string, error) { return document([]any{a}) }).(pulumi.StringOutput)
	}
	return pulumi.All(inputs...).ApplyT(document).(pulumi.StringOutput)
}

func rootARN(partition, account string) string {
	return "arn:" + partition + ":iam::" + account + ":root"
}

// NeedKMSGrants reports whether NewKMSGrants makes grants: whether one of the statements
// is an AllowRead or AllowWrite for an Account or ARN grantee.
func (statements statements) NeedKMSGrants() bool {
	for _, s := range statements {
		if _, ok := kmsGrantOperations[s.access]; !ok {
			continue
		}
		for _, p := range s.Principals {
			if p.kind == accountGrantee || p.kind == arnGrantee {
				return true
			}
		}
	}
	return false
}

// NewKMSGrants gives each principal outside the program (Account and ARN grantees) of the
// AllowRead and AllowWrite statements a kms.Grant on key (a secret's key, or a replica's
// with the ARN of the replica and the provider of its region in opts): Decrypt to read, Encrypt and
// GenerateDataKey to write, constrained to the encryption context Secrets Manager uses for
// this secret (SecretARN = secretARN; a subset, since the context also holds the version
// ID). Key policies cannot be edited from a program that does not own the key; grants can.
// The grants are named "<name>-kms-<n>".
func (statements statements) NewKMSGrants(ctx *pulumi.Context, name string, secretARN pulumi.StringOutput, key pulumi.StringInput,
	opts ...pulumi.ResourceOption,
) ([]*kms.Grant, error) {
	var out []*kms.Grant
	for _, s := range statements {
		ops, ok := kmsGrantOperations[s.access]
		if !ok {
			continue
		}
		for _, p := range s.Principals {
			if p.kind != accountGrantee && p.kind != arnGrantee {
				continue
			}
			grantee := pulumi.String(p.id).ToStringOutput()
			if p.kind == accountGrantee {
				grantee = secretARN.ApplyT(func(a string) string {
					parsed, _ := arn.Parse(a)
					return rootARN(parsed.Partition, p.id)
				}).(pulumi.StringOutput)
			}
			g, err := kms.NewGrant(ctx, fmt.Sprintf("%s-kms-%d", name, len(out)), &kms.GrantArgs{
				KeyId:            key,
				GranteePrincipal: grantee,
				Operations:       pulumi.ToStringArray(ops),
				Constraints: kms.GrantConstraintArray{kms.GrantConstraintArgs{
					EncryptionContextSubset: pulumi.StringMap{"SecretARN": secretARN},
				}},
			}, opts...)
			if err != nil {
				return nil, err
			}
			out = append(out, g)
		}
	}
	return out, nil
}
