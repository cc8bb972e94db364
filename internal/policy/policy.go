// Package policy holds typed IAM policy documents that marshal to JSON with a stable order:
// fields in declaration order, condition operators and keys sorted by encoding/json.
package policy

import "encoding/json"

// Version is the IAM policy language version every document uses.
const Version = "2012-10-17"

// Document is an IAM policy document.
type Document struct {
	Version   string      `json:"Version"`
	Statement []Statement `json:"Statement"`
}

// Statement is one statement of a document.
type Statement struct {
	Sid       string     `json:"Sid,omitempty"`
	Effect    string     `json:"Effect"`
	Principal *Principal `json:"Principal,omitempty"`
	Action    []string   `json:"Action"`
	Resource  []string   `json:"Resource,omitempty"`
	Condition Conditions `json:"Condition,omitempty"`
}

// Principal names who a resource-policy statement applies to.
type Principal struct {
	AWS     []string `json:"AWS,omitempty"`
	Service []string `json:"Service,omitempty"`
}

// Conditions maps an operator (StringEquals) to condition keys and their values.
type Conditions map[string]map[string][]string

// New returns a document of the current version.
func New(statements ...Statement) Document {
	return Document{Version: Version, Statement: statements}
}

// JSON returns the document's JSON.
func (d Document) JSON() string {
	b, err := json.Marshal(d)
	if err != nil {
		// Only strings, slices and maps of strings: Marshal cannot fail.
		panic("policy: " + err.Error())
	}
	return string(b)
}

// DenyRootDelete is CDK's denyAccountRootDelete for a secret's resource policy: the root of
// account (in partition) may not delete the secret ("*" in a resource policy is the
// resource it is attached to).
func DenyRootDelete(partition, account string) Statement {
	return Statement{
		Effect: "Deny", Principal: &Principal{AWS: []string{"arn:" + partition + ":iam::" + account + ":root"}},
		Action: []string{"secretsmanager:DeleteSecret"}, Resource: []string{"*"},
	}
}
