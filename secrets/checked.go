package secrets

import "github.com/pulumi/pulumi/sdk/v3/go/pulumi"

// checkNowOrOnceKnown runs check on in at once when in is a plain string, returning its
// error, and otherwise once in is known, failing the output (and whatever uses it).
func checkNowOrOnceKnown(in pulumi.StringInput, check func(string) (string, error)) (pulumi.StringOutput, error) {
	if known, ok := in.(pulumi.String); ok {
		if _, err := check(string(known)); err != nil {
			return pulumi.StringOutput{}, err
		}
		return in.ToStringOutput(), nil
	}
	return in.ToStringOutput().ApplyT(check).(pulumi.StringOutput), nil
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
