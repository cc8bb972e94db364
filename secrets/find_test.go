package secrets_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/pulumitest"
	"github.com/secretsmith/secretsmith/secrets"
)

const (
	paymentsA = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/payments/a-AAAAAA"
	paymentsB = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/payments/b-BBBBBB"
	ordersC   = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/orders/c-CCCCCC"
	mixedD    = "arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/payments/d-DDDDDD"
)

// find runs Find against an account with four secrets.
func find(t *testing.T, args *secrets.FindArgs) ([]string, *pulumitest.Mock) {
	t.Helper()
	m := pulumitest.New()
	m.Listed = map[string]map[string]string{
		paymentsA: {"app": "payments"},
		paymentsB: {"app": "payments", "tier": "gold"},
		ordersC:   {"app": "orders"},
		mixedD:    {"app": "orders", "owner": "payments"}, // both strings, not the same tag
	}
	m.SecretKeys = map[string]string{paymentsB: "arn:aws:kms:us-east-1:123456789012:key/b"}
	var captured []*pulumitest.Captured
	if err := m.Run(func(ctx *pulumi.Context) error {
		found, err := secrets.Find(ctx, "payments", args)
		for _, s := range found {
			captured = append(captured, pulumitest.Capture(ctx, s.ARNForPolicies()))
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range captured {
		got = append(got, c.String())
	}
	return got, m
}

// Find keeps the secrets that meet every condition exactly, by their complete ARNs, sorted
// by name; a tag filter matches key and value of the same tag.
func TestFind(t *testing.T) {
	t.Parallel()
	got, m := find(t, &secrets.FindArgs{Tags: map[string]string{"app": "payments"}})
	if want := []string{paymentsA, paymentsB}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("by tag: %v, want %v", got, want)
	}
	lists := m.Invokes("aws:secretsmanager/getSecrets:getSecrets")
	if len(lists) != 1 || len(lists[0].Args["filters"].ArrayValue()) != 2 {
		t.Errorf("getSecrets invokes %v, want one with the tag-key and tag-value filters", lists)
	}
	got, _ = find(t, &secrets.FindArgs{NamePrefix: "prod/payments/"})
	if want := []string{paymentsA, paymentsB, mixedD}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("by prefix: %v, want %v", got, want)
	}
	got, _ = find(t, &secrets.FindArgs{NamePrefix: "prod/payments/", Tags: map[string]string{"app": "payments", "tier": "gold"}})
	if want := []string{paymentsB}; strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("both: %v, want %v", got, want)
	}
}

// What Find returns can be granted: exact ARNs, and the key of a secret that has one.
func TestFindGrant(t *testing.T) {
	t.Parallel()
	m := pulumitest.New()
	m.Listed = map[string]map[string]string{paymentsA: {"app": "payments"}, paymentsB: {"app": "payments"}}
	m.SecretKeys = map[string]string{paymentsB: "arn:aws:kms:us-east-1:123456789012:key/b"}
	var key *pulumitest.Captured
	if err := m.Run(func(ctx *pulumi.Context) error {
		found, err := secrets.Find(ctx, "payments", &secrets.FindArgs{Tags: map[string]string{"app": "payments"}})
		if err != nil {
			return err
		}
		key = pulumitest.Capture(ctx, found[1].EncryptionKeyARN().ToStringOutput())
		if found[0].EncryptionKeyARN() != nil {
			t.Error("a secret with the AWS managed key got a key")
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if key.String() != "arn:aws:kms:us-east-1:123456789012:key/b" {
		t.Errorf("key = %q", key.String())
	}
}

func TestFindRefuses(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		args *secrets.FindArgs
		want string
	}{
		{nil, "secrets: payments: Find needs NamePrefix or Tags: it does not list every secret of the account"},
		{&secrets.FindArgs{NamePrefix: "prod payments"}, `secrets: payments: NamePrefix must be letters, digits and /_+=.@-, got "prod payments"`},
		{&secrets.FindArgs{Tags: map[string]string{"": "x"}}, "secrets: payments: Tags has an empty key"},
	} {
		err := pulumitest.New().Run(func(ctx *pulumi.Context) error {
			_, err := secrets.Find(ctx, "payments", tt.args)
			return err
		})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("got %v, want %q", err, tt.want)
		}
	}
}
