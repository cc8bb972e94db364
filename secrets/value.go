package secrets

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/arn"
	"github.com/secretsmith/secretsmith/internal/grantshook"
)

// valuePlan is where a secret's value comes from, from SecretArgs checked by planKnown.
type valuePlan struct {
	generator     *generator             // non-nil when the value is generated
	generatorArgs *SecretStringGenerator // the generator as given (rotation reads its exclusions)
	value         pulumi.StringOutput    // the value when it is given
	binary        bool                   // value is base64 for SecretBinary
}

// planKnown checks every field of args whose value is known now, returning every problem,
// and says where the value comes from. gens compiles its generator (nil: compile it anew).
func planKnown(args *SecretArgs, gens generators) (*valuePlan, []error) {
	var problems []error
	var given []string
	if args.GenerateSecretString != nil {
		given = append(given, "GenerateSecretString")
	}
	if args.SecretStringValue != nil {
		given = append(given, "SecretStringValue")
	}
	if args.SecretObjectValue != nil {
		given = append(given, "SecretObjectValue")
	}
	if args.SecretBinaryValue != nil {
		given = append(given, "SecretBinaryValue")
	}
	if len(given) > 1 {
		problems = append(problems, fmt.Errorf("only one of GenerateSecretString, SecretStringValue, SecretObjectValue and SecretBinaryValue may be given, got %s", strings.Join(given, " and ")))
	}
	if args.GenerateInAWS {
		for _, g := range given {
			if g != "GenerateSecretString" {
				problems = append(problems, fmt.Errorf("GenerateInAWS generates the value in AWS: it cannot go with %s", g))
			}
		}
		if args.Target != nil {
			problems = append(problems, errors.New("GenerateInAWS generates the value in AWS: it cannot go with Target, which the program merges into the value; put the connection fields in GenerateSecretString.SecretStringTemplate"))
		}
	}

	plan := &valuePlan{}
	if args.GenerateSecretString != nil || len(given) == 0 {
		g := args.GenerateSecretString
		if g == nil {
			g = &SecretStringGenerator{}
		}
		gen, errs := gens.compile(g, "GenerateSecretString")
		problems = append(problems, errs...)
		plan.generator, plan.generatorArgs = gen, g
	}
	switch {
	case args.SecretStringValue != nil:
		plan.value = pulumi.ToSecret(args.SecretStringValue).(pulumi.StringOutput)
	case args.SecretObjectValue != nil:
		plan.value = pulumi.ToSecret(args.SecretObjectValue.ToStringMapOutput().ApplyT(objectJSON)).(pulumi.StringOutput)
	case args.SecretBinaryValue != nil:
		plan.binary = true
		plan.value = pulumi.ToSecret(args.SecretBinaryValue.ToStringOutput().ApplyT(checkBase64)).(pulumi.StringOutput)
	}

	problems = append(problems, limitProblems(args)...)
	if t := args.Target; t != nil {
		problems = append(problems, t.check()...)
		if g := plan.generatorArgs; g != nil && g.GenerateStringKey != "" && slices.Contains(t.keys(), g.GenerateStringKey) {
			problems = append(problems, fmt.Errorf("GenerateSecretString.GenerateStringKey %q is also a field of Target: the Target would overwrite the password", g.GenerateStringKey))
		}
		switch {
		case plan.binary:
			problems = append(problems, errors.New("Target needs a JSON value, not SecretBinaryValue"))
		case plan.generatorArgs != nil && plan.generatorArgs.SecretStringTemplate == "":
			problems = append(problems, errors.New("Target needs a JSON value: give GenerateSecretString a SecretStringTemplate and GenerateStringKey"))
		}
	}
	if k, ok := args.EncryptionKey.(pulumi.String); ok {
		problems = append(problems, keyProblems("EncryptionKey", string(k))...)
	}
	if n, ok := args.SecretName.(pulumi.String); ok {
		problems = append(problems, nameProblems(string(n))...)
	}
	if w := args.RecoveryWindowInDays; w != nil && *w != 0 && (*w < 7 || *w > 30) {
		problems = append(problems, fmt.Errorf("RecoveryWindowInDays must be 0 (delete without recovery) or between 7 and 30, got %d", *w))
	}
	if p := args.RemovalPolicy; p != RemovalPolicyDestroy && p != RemovalPolicyRetain {
		problems = append(problems, fmt.Errorf("RemovalPolicy must be RemovalPolicyDestroy or RemovalPolicyRetain, got %v", p))
	}
	problems = append(problems, replicaProblems(args.ReplicaRegions)...)
	policy := grantshook.ResourcePolicyOf(args.ResourcePolicy)
	for _, p := range policy.Problems() {
		problems = append(problems, fmt.Errorf("ResourcePolicy%w", p))
	}
	if policy.NeedKMSGrants() {
		for i, r := range args.ReplicaRegions {
			if r.EncryptionKey != nil && r.Provider == nil {
				problems = append(problems, fmt.Errorf("ReplicaRegions[%d].Provider is required: the kms.Grant that lets principals of another account use its EncryptionKey is made in %s", i, r.Region))
			}
		}
	}
	return plan, problems
}

// Secrets Manager's limits (CreateSecret, PutSecretValue, TagResource).
const (
	maxValueBytes     = 65536
	maxDescription    = 2048
	maxTags           = 50
	maxTagKey         = 128
	maxTagValue       = 256
	reservedTagPrefix = "aws:"
)

// limitProblems reports what AWS would refuse mid-deployment, for the values known now: an
// empty or oversized explicit value (neither quoted nor measured in the message), a long
// description, and tags AWS does not accept.
func limitProblems(args *SecretArgs) []error {
	var out []error
	for _, f := range []struct {
		field string
		in    pulumi.StringInput
	}{{"SecretStringValue", args.SecretStringValue}, {"SecretBinaryValue", args.SecretBinaryValue}} {
		field := f.field
		v, ok := f.in.(pulumi.String)
		switch {
		case !ok:
		case v == "":
			out = append(out, fmt.Errorf("%s must not be empty", field))
		case len(v) > maxValueBytes && field == "SecretStringValue",
			field == "SecretBinaryValue" && base64.StdEncoding.DecodedLen(len(v)) > maxValueBytes:
			out = append(out, fmt.Errorf("%s is larger than the %d bytes Secrets Manager stores (value withheld)", field, maxValueBytes))
		}
	}
	if v, ok := args.SecretStringValue.(pulumi.String); ok && !utf8.ValidString(string(v)) {
		out = append(out, errors.New("SecretStringValue must be valid UTF-8 (value withheld)"))
	}
	if d, ok := args.Description.(pulumi.String); ok && !utf8.ValidString(string(d)) {
		out = append(out, errors.New("Description must be valid UTF-8"))
	}
	if g := args.GenerateSecretString; g != nil {
		if !utf8.ValidString(g.SecretStringTemplate) {
			out = append(out, errors.New("GenerateSecretString.SecretStringTemplate must be valid UTF-8 (template withheld)"))
		}
		if !utf8.ValidString(g.ExcludeCharacters) || !utf8.ValidString(g.GenerateStringKey) {
			out = append(out, errors.New("GenerateSecretString.ExcludeCharacters and GenerateStringKey must be valid UTF-8"))
		}
	}
	if d, ok := args.Description.(pulumi.String); ok && utf8.RuneCountInString(string(d)) > maxDescription {
		out = append(out, fmt.Errorf("Description must be at most %d characters, got %d", maxDescription, utf8.RuneCountInString(string(d))))
	}
	if tags, ok := args.Tags.(pulumi.StringMap); ok {
		if len(tags) > maxTags {
			out = append(out, fmt.Errorf("Tags must be at most %d, got %d", maxTags, len(tags)))
		}
		keys := make([]string, 0, len(tags))
		for k := range tags {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			switch n := utf8.RuneCountInString(k); {
			case !utf8.ValidString(k):
				out = append(out, fmt.Errorf("Tags key %q must be valid UTF-8", k))
			case n < 1 || n > maxTagKey:
				out = append(out, fmt.Errorf("Tags key %q must be 1 to %d characters", k, maxTagKey))
			case strings.HasPrefix(strings.ToLower(k), reservedTagPrefix):
				out = append(out, fmt.Errorf("Tags key %q starts with %q, which AWS reserves for its own tags", k, reservedTagPrefix))
			}
			if v, ok := tags[k].(pulumi.String); ok && !utf8.ValidString(string(v)) {
				out = append(out, fmt.Errorf("Tags[%q] must be valid UTF-8", k))
			} else if ok && utf8.RuneCountInString(string(v)) > maxTagValue {
				out = append(out, fmt.Errorf("Tags[%q] must be at most %d characters", k, maxTagValue))
			}
		}
	}
	return out
}

// keyProblems reports a key that is not a KMS key ARN: grants name the key in IAM policies,
// which accept no key ID or alias.
func keyProblems(field, key string) []error {
	if arn.IsKMSKey(key) {
		return nil
	}
	return []error{fmt.Errorf("%s must be a KMS key ARN (arn:<partition>:kms:<region>:<account>:key/<id>), got %q: "+
		"IAM policies cannot name a key by ID or alias", field, key)}
}

// checkedValue is v, failed once known when valueProblem finds one (joined by invalid),
// as the pointer a SecretVersion takes.
func checkedValue(v pulumi.StringOutput, binary bool, invalid func([]error) error) pulumi.StringPtrOutput {
	return v.ApplyT(valueCheck(binary, invalid)).(pulumi.StringPtrOutput)
}

// programValue is the value the program sets, before what AWS holds is taken into account
// (kept.go): generated from the secret's own seed inside the apply that uses it, which
// costs a program with thousands of secrets an output fewer each, or an output.
type programValue struct {
	generated *generator // nil: out
	out       pulumi.StringOutput
}

// output is the value as an output: a secret, as the seed is, when it is generated.
func (p programValue) output(seed seedSource) pulumi.StringOutput {
	if p.generated == nil {
		return p.out
	}
	return seed.base64.ApplyT(p.fromSeed(seed)).(pulumi.StringOutput)
}

// checked is the value as checkedValue checks it, in one apply when it is generated.
func (p programValue) checked(seed seedSource, binary bool, invalid func([]error) error) pulumi.StringPtrOutput {
	if p.generated == nil {
		return checkedValue(p.out, binary, invalid)
	}
	check, generate := valueCheck(binary, invalid), p.fromSeed(seed)
	return seed.base64.ApplyT(func(b string) (*string, error) {
		v, err := generate(b)
		if err != nil {
			return nil, err
		}
		return check(v)
	}).(pulumi.StringPtrOutput)
}

// fromSeed generates the value from the bytes of seed, the secret's own seed derived from
// them first.
func (p programValue) fromSeed(seed seedSource) func(base64 string) (string, error) {
	return func(b string) (string, error) {
		own, err := seed.of(b)
		if err != nil {
			return "", err
		}
		return p.generated.value(own)
	}
}

// valueCheck passes a value valueProblem finds nothing wrong with, as the pointer a
// SecretVersion takes, and fails any other with its problem joined by invalid.
func valueCheck(binary bool, invalid func([]error) error) func(string) (*string, error) {
	return func(s string) (*string, error) {
		if err := valueProblem(s, binary); err != nil {
			return nil, invalid([]error{err})
		}
		return &s, nil
	}
}

// valueProblem reports a value AWS would not store: empty, over 65,536 bytes (decoded, for
// a binary value), or a string that is not valid UTF-8. This is the value after the
// template, the generated password and Target are merged, which only deployment knows; the
// message never shows or measures it.
func valueProblem(s string, binary bool) error {
	size := len(s)
	if binary {
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return errors.New("the binary value must be base64-encoded (value withheld)")
		}
		size = len(b)
	}
	switch {
	case size == 0:
		return errors.New("the value must not be empty: Secrets Manager stores no empty value")
	case size > maxValueBytes:
		return fmt.Errorf("the value, with the template, the generated password and Target merged, is larger than the %d bytes Secrets Manager stores (value withheld)", maxValueBytes)
	case !binary && !utf8.ValidString(s):
		return errors.New("the value must be valid UTF-8 (value withheld)")
	}
	return nil
}

// objectJSON encodes fields as one JSON object; encoding/json sorts the keys, so the same
// fields always give the same bytes.
func objectJSON(fields map[string]string) (string, error) {
	b, err := json.Marshal(fields)
	if err != nil {
		return "", fmt.Errorf("secrets: SecretObjectValue cannot be encoded as JSON: %w", errNoDetail)
	}
	return string(b), nil
}

// checkBase64 rejects a binary value that is not base64, without quoting it.
func checkBase64(v string) (string, error) {
	if _, err := base64.StdEncoding.DecodeString(v); err != nil {
		return "", errors.New("secrets: SecretBinaryValue must be base64-encoded (value withheld)")
	}
	return v, nil
}

// fromJSON returns the field key of the JSON object in value. A string field is returned
// as is, any other field as its JSON text. Errors never quote the value.
func fromJSON(key string) func(value string) (string, error) {
	return func(value string) (string, error) {
		var obj map[string]json.RawMessage
		if err := json.Unmarshal([]byte(value), &obj); err != nil || obj == nil {
			return "", fmt.Errorf("secrets: SecretValueFromJSON(%q): the secret value is not a JSON object (value withheld)", key)
		}
		raw, ok := obj[key]
		if !ok {
			return "", fmt.Errorf("secrets: SecretValueFromJSON(%q): the secret value has no key %q", key, key)
		}
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return s, nil
		}
		return string(raw), nil
	}
}

// jsonField is the field key of value, as a secret output.
func jsonField(value pulumi.StringOutput, key string) pulumi.StringOutput {
	return pulumi.ToSecret(value.ApplyT(fromJSON(key))).(pulumi.StringOutput)
}
