package secrets

import (
	"errors"
	"strconv"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// checkNowOrOnceKnown runs check on in at once when in is a plain string, returning its
// error, and otherwise once in is known, failing the output (and whatever uses it). The
// error of a value that is a Pulumi secret (a name or key from another stack's secret
// output, say) never quotes it.
func checkNowOrOnceKnown(in pulumi.StringInput, check func(string) (string, error)) (pulumi.StringOutput, error) {
	if known, ok := in.(pulumi.String); ok {
		if _, err := check(string(known)); err != nil {
			return pulumi.StringOutput{}, err
		}
		return in.ToStringOutput(), nil
	}
	out := in.ToStringOutput()
	return out.ApplyT(func(v string) (string, error) {
		got, err := check(v)
		if err != nil && pulumi.IsSecret(out) {
			return "", withheld(err, v)
		}
		return got, err
	}).(pulumi.StringOutput), nil
}

// withheld is err with v taken out of its text.
func withheld(err error, v string) error {
	msg := err.Error()
	if v != "" {
		msg = strings.ReplaceAll(strings.ReplaceAll(msg, strconv.Quote(v), "(secret value withheld)"), v, "(secret value withheld)")
	}
	return errors.New(msg)
}

// checkedPtr is in as an optional input; when in is not a plain string (plain ones were
// checked by planSecret) it is checked with problems once known.
func checkedPtr(in pulumi.StringInput, problems func(string) []error) pulumi.StringPtrInput {
	if _, known := in.(pulumi.String); known || in == nil {
		return ptr(in)
	}
	out, _ := checkNowOrOnceKnown(in, func(v string) (string, error) { return v, invalid(problems(v)) })
	return out.ToStringPtrOutput()
}
