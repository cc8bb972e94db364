package grants

import (
	"errors"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/arn"
	"github.com/secretsmith/secretsmith/internal/policy"
)

// ErrCrossAccountNeedsKey is CDK's "KMS Key must be provided for cross account access to
// Secret": the AWS managed key of a secret cannot be used from another account.
var ErrCrossAccountNeedsKey = errors.New("kms key must be provided for cross-account access to a secret")

// CheckStatements reports every problem of a resource policy's statements, each prefixed
// with field and the statement's index.
func CheckStatements(field string, statements []Statement) []error {
	var errs []error
	for i, s := range statements {
		for _, err := range s.check(true) {
			errs = append(errs, fmt.Errorf("%s[%d]: %w", field, i, err))
		}
	}
	return errs
}

// ResourcePolicyDocument is the JSON of a secret's resource policy: statements (each
// defaulting to the secret as resource) and, with denyRootDelete, CDK's statement denying
// secretsmanager:DeleteSecret to the account root. Once secretARN is known, a statement that
// allows a principal of another account fails the program with ErrCrossAccountNeedsKey
// unless hasKey. The statements must have passed CheckStatements.
func ResourcePolicyDocument(secretARN pulumi.StringOutput, statements []Statement, denyRootDelete, hasKey bool) pulumi.StringOutput {
	// The principal values, in statement order, then the secret's ARN (whose partition makes
	// account IDs into root ARNs below).
	var inputs []any
	for _, s := range statements {
		for _, p := range s.Principals {
			inputs = append(inputs, p.principalValue())
		}
	}
	inputs = append(inputs, secretARN)
	return pulumi.All(inputs...).ApplyT(func(v []any) (string, error) {
		secret, err := arn.Parse(v[len(v)-1].(string))
		if err != nil {
			return "", err
		}
		var stmts []policy.Statement
		i := 0
		for si, s := range statements {
			principal := &policy.Principal{}
			for _, p := range s.Principals {
				value := v[i].(string)
				i++
				if acct := p.account(); acct != "" && acct != secret.AccountID && s.Effect != Deny && !hasKey {
					return "", fmt.Errorf("ResourcePolicy[%d]: %w: %s is not in the secret's account %s; set EncryptionKey to a customer managed key", si, ErrCrossAccountNeedsKey, p, secret.AccountID)
				}
				switch {
				case p.kind == serviceGrantee:
					principal.Service = append(principal.Service, value)
				case p.kind == accountGrantee:
					principal.AWS = append(principal.AWS, rootARN(secret.Partition, value))
				default:
					principal.AWS = append(principal.AWS, value)
				}
			}
			stmts = append(stmts, s.toPolicy(principal, []string{secret.String()}))
		}
		if denyRootDelete {
			// As CDK's denyAccountRootDelete; in a resource policy "*" is this secret.
			stmts = append(stmts, policy.Statement{
				Effect: "Deny", Principal: &policy.Principal{AWS: []string{rootARN(secret.Partition, secret.AccountID)}},
				Action: []string{"secretsmanager:DeleteSecret"}, Resource: []string{"*"},
			})
		}
		return policy.New(stmts...).JSON(), nil
	}).(pulumi.StringOutput)
}

func rootARN(partition, account string) string {
	return "arn:" + partition + ":iam::" + account + ":root"
}

// NewKMSGrants gives each principal outside the program (Account and ARN grantees) of the
// AllowRead and AllowWrite statements a kms.Grant on key: Decrypt to read, Encrypt and
// GenerateDataKey to write, constrained to the encryption context Secrets Manager uses for
// this secret (SecretARN = secretARN; a subset, since the context also holds the version
// ID). Key policies cannot be edited from a program that does not own the key; grants can.
// The grants are named "<name>-kms-<n>".
func NewKMSGrants(ctx *pulumi.Context, name string, secretARN pulumi.StringOutput, key pulumi.StringInput,
	statements []Statement, opts ...pulumi.ResourceOption,
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
