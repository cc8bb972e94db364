package policy

import "testing"

// The JSON has a stable shape: fields in IAM's order, empty optional fields left out, and
// condition operators and keys sorted.
func TestJSON(t *testing.T) {
	t.Parallel()
	d := New(
		Statement{Effect: "Allow", Action: []string{"a:B"}},
		Statement{Sid: "s", Effect: "Deny", Principal: &Principal{AWS: []string{"arn:aws:iam::1:root"}, Service: []string{"x.amazonaws.com"}},
			Action: []string{"a:C"}, Resource: []string{"*"},
			Condition: Conditions{"StringEquals": {"k2": {"v"}, "k1": {"v"}}, "Bool": {"k": {"true"}}}},
	)
	want := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["a:B"]},` +
		`{"Sid":"s","Effect":"Deny","Principal":{"AWS":["arn:aws:iam::1:root"],"Service":["x.amazonaws.com"]},"Action":["a:C"],"Resource":["*"],` +
		`"Condition":{"Bool":{"k":["true"]},"StringEquals":{"k1":["v"],"k2":["v"]}}}]}`
	if got := d.JSON(); got != want {
		t.Errorf("JSON =\n%s\nwant\n%s", got, want)
	}
}
