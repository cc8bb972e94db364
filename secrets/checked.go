package secrets

import (
	"errors"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// secretShown stands for a value that is a Pulumi secret in a message.
const secretShown = "(secret value withheld)"

// checkNowOrOnceKnown runs check on in at once when in is a plain string, returning its
// error, and otherwise once in is known, failing the output (and whatever uses it). check
// gets the value and how a message may show it: quoted, or secretShown when it is a Pulumi
// secret (a name or key from another stack's secret output, say); its error never quotes
// a secret value either.
func checkNowOrOnceKnown(in pulumi.StringInput, check func(v, shown string) (string, error)) (pulumi.StringOutput, error) {
	if known, ok := in.(pulumi.String); ok {
		if _, err := check(string(known), strconv.Quote(string(known))); err != nil {
			return pulumi.StringOutput{}, err
		}
		return in.ToStringOutput(), nil
	}
	out := in.ToStringOutput()
	return out.ApplyT(func(v string) (string, error) {
		if !pulumi.IsSecret(out) {
			return check(v, strconv.Quote(v))
		}
		got, err := check(v, secretShown)
		if err != nil {
			return "", withheld(err, v)
		}
		return got, nil
	}).(pulumi.StringOutput), nil
}

// withheld is err with v taken out of its text.
func withheld(err error, v string) error {
	msg := err.Error()
	if v != "" {
		msg = strings.ReplaceAll(strings.ReplaceAll(msg, strconv.Quote(v), secretShown), v, secretShown)
	}
	return errors.New(msg)
}

// checkedPtr is in as an optional input; when in is not a plain string (plain ones were
// checked by planKnown) it is checked with problems once known.
func checkedPtr(s *Owned, in pulumi.StringInput, problems func(string) []error) pulumi.StringPtrInput {
	if _, known := in.(pulumi.String); known || in == nil {
		return ptr(in)
	}
	out, _ := checkNowOrOnceKnown(in, func(v, _ string) (string, error) { return v, s.invalid(problems(v)) })
	return out.ToStringPtrOutput()
}
