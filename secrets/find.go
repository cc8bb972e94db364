package secrets

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/arn"
	"github.com/secretsmith/secretsmith/internal/problems"
)

// FindArgs say which existing secrets Find returns: those that meet every condition given.
type FindArgs struct {
	// NamePrefix keeps the secrets whose names start with it (case-sensitive), such as
	// "prod/payments/". If empty, names do not matter.
	NamePrefix string
	// Tags keeps the secrets that have each of these tags with exactly that value. If empty,
	// tags do not matter.
	Tags map[string]string
}

// Find references the secrets of the account, in the provider's region, that args select
// (the list_secrets filters of the boto3 guides), sorted by name: each an ImportedSecret by
// its complete ARN, with its customer managed key when it has one, so that grants name
// exact ARNs and keys. It asks Secrets Manager when the program runs (the getSecrets invoke,
// and getSecret for each secret's tags and key), in preview too, so a secret created or
// tagged later appears at the next run, and a plan can change with no change to the
// program. name labels the references in errors ("<name>/<secret name>").
func Find(ctx *pulumi.Context, name string, args *FindArgs, opts ...pulumi.InvokeOption) ([]*ImportedSecret, error) {
	if args == nil {
		args = &FindArgs{}
	}
	var found []error
	if args.NamePrefix == "" && len(args.Tags) == 0 {
		found = append(found, errors.New("Find needs NamePrefix or Tags: it does not list every secret of the account"))
	}
	if args.NamePrefix != "" && !arn.ValidSecretName(args.NamePrefix) {
		found = append(found, fmt.Errorf("NamePrefix must be letters, digits and /_+=.@-, got %q", args.NamePrefix))
	}
	keys := make([]string, 0, len(args.Tags))
	for k := range args.Tags {
		if k == "" {
			found = append(found, errors.New("Tags has an empty key"))
		}
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if err := problems.Join("secrets: "+name, found); err != nil {
		return nil, err
	}

	var filters []secretsmanager.GetSecretsFilter
	if args.NamePrefix != "" {
		filters = append(filters, secretsmanager.GetSecretsFilter{Name: "name", Values: []string{args.NamePrefix}})
	}
	for _, k := range keys {
		// ListSecrets matches tag keys and values apart and by prefix: each secret's tags
		// are compared exactly below.
		filters = append(filters, secretsmanager.GetSecretsFilter{Name: "tag-key", Values: []string{k}},
			secretsmanager.GetSecretsFilter{Name: "tag-value", Values: []string{args.Tags[k]}})
	}
	listed, err := secretsmanager.GetSecrets(ctx, &secretsmanager.GetSecretsArgs{Filters: filters}, opts...)
	if err != nil {
		return nil, fmt.Errorf("secrets: %s: listing secrets: %w", name, err)
	}
	arns := append([]string(nil), listed.Arns...)
	sort.Strings(arns)
	var out []*ImportedSecret
	for _, a := range arns {
		s, err := secretsmanager.LookupSecret(ctx, &secretsmanager.LookupSecretArgs{Arn: &a}, opts...)
		if err != nil {
			return nil, fmt.Errorf("secrets: %s: describing %s: %w", name, a, err)
		}
		if !strings.HasPrefix(s.Name, args.NamePrefix) || !hasTags(s.Tags, args.Tags) {
			continue
		}
		attrs := &SecretAttributes{SecretCompleteARN: pulumi.String(a)}
		if arn.IsKMSKey(s.KmsKeyId) {
			attrs.EncryptionKey = pulumi.String(s.KmsKeyId)
		}
		imp, err := FromSecretAttributes(ctx, name+"/"+s.Name, attrs, opts...)
		if err != nil {
			return nil, err
		}
		out = append(out, imp)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
}

func hasTags(have, want map[string]string) bool {
	for k, v := range want {
		if got, ok := have[k]; !ok || got != v {
			return false
		}
	}
	return true
}
