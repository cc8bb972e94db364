package secrets

import "testing"

func TestKeyARN(t *testing.T) {
	t.Parallel()
	const secret = "arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:s-AbC123"
	for in, want := range map[string]string{
		"":                         "",
		"alias/aws/secretsmanager": "",
		"1234abcd-12ab":            "arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab",
		"alias/mine":               "arn:aws-cn:kms:cn-north-1:123456789012:alias/mine",
		"arn:aws-cn:kms:cn-north-1:123456789012:key/k": "arn:aws-cn:kms:cn-north-1:123456789012:key/k",
	} {
		if got := keyARN(secret, in); got != want {
			t.Errorf("keyARN(%q) = %q; want %q", in, got, want)
		}
	}
}
