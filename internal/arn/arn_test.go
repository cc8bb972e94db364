package arn

import (
	"strings"
	"testing"
)

func TestParseSecret(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		in                               string
		partition, region, account, name string
		suffixed                         bool
		trimmed                          string
	}{
		"plain complete":       {"arn:aws:secretsmanager:us-east-1:123456789012:secret:MySecret-f3gDy9", "aws", "us-east-1", "123456789012", "MySecret-f3gDy9", true, "MySecret"},
		"plain partial":        {"arn:aws:secretsmanager:us-east-1:123456789012:secret:MySecret", "aws", "us-east-1", "123456789012", "MySecret", false, "MySecret"},
		"hyphens":              {"arn:aws:secretsmanager:eu-west-1:111111111111:secret:github-token", "aws", "eu-west-1", "111111111111", "github-token", false, "github-token"},
		"hyphens complete":     {"arn:aws:secretsmanager:eu-west-1:111111111111:secret:github-token-f3gDy9", "aws", "eu-west-1", "111111111111", "github-token-f3gDy9", true, "github-token"},
		"two suffix-like":      {"arn:aws:secretsmanager:eu-west-1:111111111111:secret:github-token-f3gDy9-acb123", "aws", "eu-west-1", "111111111111", "github-token-f3gDy9-acb123", true, "github-token-f3gDy9"},
		"five-char segment":    {"arn:aws:secretsmanager:eu-west-1:111111111111:secret:app-token", "aws", "eu-west-1", "111111111111", "app-token", false, "app-token"},
		"seven-char segment":   {"arn:aws:secretsmanager:eu-west-1:111111111111:secret:app-tokens1", "aws", "eu-west-1", "111111111111", "app-tokens1", false, "app-tokens1"},
		"slashes":              {"arn:aws:secretsmanager:us-west-2:222222222222:secret:prod/app/db-AbC123", "aws", "us-west-2", "222222222222", "prod/app/db-AbC123", true, "prod/app/db"},
		"dots and symbols":     {"arn:aws:secretsmanager:us-west-2:222222222222:secret:a.b@c+d=e_f", "aws", "us-west-2", "222222222222", "a.b@c+d=e_f", false, "a.b@c+d=e_f"},
		"suffix after slash":   {"arn:aws:secretsmanager:us-west-2:222222222222:secret:prod/-AbC123", "aws", "us-west-2", "222222222222", "prod/-AbC123", true, "prod/"},
		"aws-cn":               {"arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:s-AbC123", "aws-cn", "cn-north-1", "123456789012", "s-AbC123", true, "s"},
		"aws-us-gov":           {"arn:aws-us-gov:secretsmanager:us-gov-west-1:123456789012:secret:s", "aws-us-gov", "us-gov-west-1", "123456789012", "s", false, "s"},
		"six chars not suffix": {"arn:aws:secretsmanager:us-east-1:123456789012:secret:abcdef", "aws", "us-east-1", "123456789012", "abcdef", false, "abcdef"},
		"suffix with symbol":   {"arn:aws:secretsmanager:us-east-1:123456789012:secret:app-ab_def", "aws", "us-east-1", "123456789012", "app-ab_def", false, "app-ab_def"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			got, err := ParseSecret(tt.in)
			if err != nil {
				t.Fatalf("ParseSecret(%q): %v", tt.in, err)
			}
			if got.Partition != tt.partition || got.Region != tt.region || got.AccountID != tt.account || got.Name != tt.name {
				t.Errorf("got %+v; want %s %s %s %s", got, tt.partition, tt.region, tt.account, tt.name)
			}
			if HasSuffix(got.Name) != tt.suffixed {
				t.Errorf("HasSuffix(%q) = %v; want %v", got.Name, !tt.suffixed, tt.suffixed)
			}
			if TrimSuffix(got.Name) != tt.trimmed {
				t.Errorf("TrimSuffix(%q) = %q; want %q", got.Name, TrimSuffix(got.Name), tt.trimmed)
			}
			if got.String() != tt.in {
				t.Errorf("String() = %q; want %q", got.String(), tt.in)
			}
		})
	}
}

func TestParseSecretErrors(t *testing.T) {
	t.Parallel()
	tests := map[string]struct{ in, want string }{
		"empty":             {"", `"" is not an ARN`},
		"not an ARN":        {"MySecret", `"MySecret" is not an ARN`},
		"too few fields":    {"arn:aws:secretsmanager:us-east-1:123456789012", "is not an ARN"},
		"no secret name":    {"arn:aws:secretsmanager:us-east-1:123456789012:secret:", "invalid ARN format: no secret name"},
		"no secret part":    {"arn:aws:secretsmanager:us-east-1:123456789012:secret", "invalid ARN format: no secret name"},
		"wrong service":     {"arn:aws:kms:us-east-1:123456789012:key/abc", `service is "kms"`},
		"wrong resource":    {"arn:aws:secretsmanager:us-east-1:123456789012:other:abc", `resource "other:abc" does not start with "secret:"`},
		"bad partition":     {"arn:azure:secretsmanager:us-east-1:123456789012:secret:s", `partition "azure" is not an AWS partition`},
		"bad region":        {"arn:aws:secretsmanager:useast1:123456789012:secret:s", `region "useast1" is not a region name`},
		"short account":     {"arn:aws:secretsmanager:us-east-1:1234:secret:s", `account "1234" is not 12 digits`},
		"no region":         {"arn:aws:secretsmanager::123456789012:secret:s", "is missing its region or account"},
		"no account":        {"arn:aws:secretsmanager:us-east-1::secret:s", "is missing its region or account"},
		"bad name char":     {"arn:aws:secretsmanager:us-east-1:123456789012:secret:a b", `invalid secret name "a b"`},
		"colon in name":     {"arn:aws:secretsmanager:us-east-1:123456789012:secret:a:b", `invalid secret name "a:b"`},
		"several problems":  {"arn:x:secretsmanager:r:1:secret:s", `partition "x" is not an AWS partition, region "r" is not a region name, account "1" is not 12 digits`},
		"uppercase ARN tag": {"ARN:aws:secretsmanager:us-east-1:123456789012:secret:s", "is not an ARN"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseSecret(tt.in)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseSecret(%q) = %v; want an error containing %q", tt.in, err, tt.want)
			}
		})
	}
}

func TestIsRegion(t *testing.T) {
	t.Parallel()
	for _, r := range []string{"us-east-1", "eu-central-2", "us-gov-west-1", "cn-northwest-1", "ap-southeast-4", "us-isob-east-1"} {
		if !IsRegion(r) {
			t.Errorf("IsRegion(%q) = false", r)
		}
	}
	for _, r := range []string{"", "us-east", "US-EAST-1", "useast1", "us-east-1a", "x-east-1"} {
		if IsRegion(r) {
			t.Errorf("IsRegion(%q) = true", r)
		}
	}
}

func TestIsKMSKey(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{
		"arn:aws:kms:us-east-1:123456789012:key/1234abcd":          true,
		"arn:aws-cn:kms:cn-north-1:123456789012:key/mrk-1":         true,
		"arn:aws:kms:us-east-1:123456789012:alias/mine":            false,
		"arn:aws:kms:us-east-1:123456789012:key/":                  false,
		"arn:aws:kms::123456789012:key/k":                          false,
		"1234abcd-12ab-34cd-56ef-1234567890ab":                     false,
		"alias/aws/secretsmanager":                                 false,
		"arn:aws:secretsmanager:us-east-1:123456789012:secret:s-1": false,
	} {
		if IsKMSKey(s) != want {
			t.Errorf("IsKMSKey(%q) = %v; want %v", s, !want, want)
		}
	}
}

// FuzzParseSecret: the parser never panics, and what it accepts round-trips and has a
// valid name.
func FuzzParseSecret(f *testing.F) {
	for _, s := range []string{
		"arn:aws:secretsmanager:us-east-1:123456789012:secret:MySecret-f3gDy9",
		"arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:a/b.c@d",
		"arn:aws:secretsmanager:us-east-1:123456789012:secret:",
		"arn:aws:kms:us-east-1:123456789012:key/k",
		"arn::::::", "arn:aws", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseSecret(s)
		if err != nil {
			return
		}
		if got.String() != s {
			t.Errorf("String() = %q; want %q", got.String(), s)
		}
		if !ValidSecretName(got.Name) || got.Service != "secretsmanager" || !IsRegion(got.Region) {
			t.Errorf("accepted %q with %+v", s, got)
		}
		if HasSuffix(got.Name) && len(TrimSuffix(got.Name)) != len(got.Name)-7 {
			t.Errorf("TrimSuffix(%q) = %q", got.Name, TrimSuffix(got.Name))
		}
	})
}
