// Package arn parses Amazon Resource Names, and Secrets Manager secret ARNs in particular.
package arn

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// ARN is a parsed Amazon Resource Name: arn:partition:service:region:account:resource.
type ARN struct {
	Partition string
	Service   string
	Region    string
	AccountID string
	Resource  string
}

// String formats a back into an ARN.
func (a ARN) String() string {
	return "arn:" + a.Partition + ":" + a.Service + ":" + a.Region + ":" + a.AccountID + ":" + a.Resource
}

var (
	partitionRE = regexp.MustCompile(`^aws(-[a-z]+)*$`)
	regionRE    = regexp.MustCompile(`^[a-z]{2}(-[a-z]+)+-[0-9]+$`)
	accountRE   = regexp.MustCompile(`^[0-9]{12}$`)
	// SecretNameRE is what Secrets Manager accepts in a secret name.
	secretNameRE = regexp.MustCompile(`^[A-Za-z0-9/_+=.@-]+$`)
	suffixRE     = regexp.MustCompile(`-[A-Za-z0-9]{6}$`)
)

// IsRegion reports whether s is shaped like an AWS region name such as us-east-1.
func IsRegion(s string) bool { return regionRE.MatchString(s) }

// Parse splits s into its six fields. It checks the shape of each field but not the
// resource, and accepts an empty region or account (as IAM and S3 ARNs have).
func Parse(s string) (ARN, error) {
	parts := strings.SplitN(s, ":", 6)
	if len(parts) != 6 || parts[0] != "arn" {
		return ARN{}, fmt.Errorf("%q is not an ARN: want arn:<partition>:<service>:<region>:<account>:<resource>", s)
	}
	a := ARN{Partition: parts[1], Service: parts[2], Region: parts[3], AccountID: parts[4], Resource: parts[5]}
	var errs []string
	if !partitionRE.MatchString(a.Partition) {
		errs = append(errs, fmt.Sprintf("partition %q is not an AWS partition", a.Partition))
	}
	if a.Service == "" {
		errs = append(errs, "the service is empty")
	}
	if a.Region != "" && !regionRE.MatchString(a.Region) {
		errs = append(errs, fmt.Sprintf("region %q is not a region name", a.Region))
	}
	if a.AccountID != "" && !accountRE.MatchString(a.AccountID) {
		errs = append(errs, fmt.Sprintf("account %q is not 12 digits", a.AccountID))
	}
	if len(errs) > 0 {
		return ARN{}, fmt.Errorf("%q is not a valid ARN: %s", s, strings.Join(errs, ", "))
	}
	return a, nil
}

// ErrNoSecretName is returned for a secret ARN whose resource has no name after "secret:".
var ErrNoSecretName = errors.New("invalid ARN format: no secret name")

// Secret is a parsed Secrets Manager secret ARN.
type Secret struct {
	ARN
	// Name is the name part of the resource, with the 6-character suffix if the ARN had one.
	Name string
}

// ParseSecret parses arn:<partition>:secretsmanager:<region>:<account>:secret:<name>.
// The region and the 12-digit account are required.
func ParseSecret(s string) (Secret, error) {
	a, err := Parse(s)
	if err != nil {
		return Secret{}, err
	}
	const want = "want arn:<partition>:secretsmanager:<region>:<12-digit account>:secret:<name>"
	switch {
	case a.Service != "secretsmanager":
		return Secret{}, fmt.Errorf("%q is not a Secrets Manager ARN: service is %q, %s", s, a.Service, want)
	case a.Region == "" || a.AccountID == "":
		return Secret{}, fmt.Errorf("%q is missing its region or account: %s", s, want)
	case a.Resource == "secret" || a.Resource == "secret:":
		return Secret{}, ErrNoSecretName
	case !strings.HasPrefix(a.Resource, "secret:"):
		return Secret{}, fmt.Errorf("%q is not a secret ARN: resource %q does not start with \"secret:\", %s", s, a.Resource, want)
	}
	name := strings.TrimPrefix(a.Resource, "secret:")
	if !secretNameRE.MatchString(name) {
		return Secret{}, fmt.Errorf("%q has an invalid secret name %q: use letters, digits and /_+=.@-", s, name)
	}
	return Secret{ARN: a, Name: name}, nil
}

// HasSuffix reports whether name ends in a hyphen and six letters or digits, the suffix
// Secrets Manager appends to a secret's name in its complete ARN.
func HasSuffix(name string) bool { return suffixRE.MatchString(name) }

// TrimSuffix removes the 6-character suffix from name if it has one.
func TrimSuffix(name string) string {
	if HasSuffix(name) {
		return name[:len(name)-7]
	}
	return name
}

// ValidSecretName reports whether name has only characters Secrets Manager allows.
func ValidSecretName(name string) bool { return secretNameRE.MatchString(name) }

// IsKMSKey reports whether s is the ARN of a KMS key (arn:<partition>:kms:<region>:<account>:key/<id>),
// the only form IAM policies and grants accept for a key: not a key ID, an alias or an alias ARN.
func IsKMSKey(s string) bool {
	a, err := Parse(s)
	return err == nil && a.Service == "kms" && a.Region != "" && a.AccountID != "" && strings.HasPrefix(a.Resource, "key/") && len(a.Resource) > len("key/")
}
