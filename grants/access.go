package grants

import "slices"

// Access is what a grant allows: Secrets Manager actions on the secrets, the KMS actions on
// their keys those need, and any identity statements granted besides. Read and Write are
// CDK's; NewAccess makes others. An Access is a value: nothing it is made from or hands
// out shares memory with it.
type Access struct {
	name       string
	actions    []string
	kmsActions []string
	extra      []Statement
}

// NewAccess is access named name (in errors, such as "rotate") that allows actions on the
// secrets, kmsActions on their customer managed keys through Secrets Manager only (left out
// for the AWS managed key), and the extra identity statements, whose Principals must be
// empty and whose Resources default to the secrets. The slices are copied.
func NewAccess(name string, actions, kmsActions []string, extra ...Statement) Access {
	a := Access{name: name, actions: slices.Clone(actions), kmsActions: slices.Clone(kmsActions)}
	for _, s := range extra {
		a.extra = append(a.extra, s.clone())
	}
	return a
}

// Name describes the access in errors, such as "read".
func (a Access) Name() string { return a.name }

// Actions are the Secrets Manager actions allowed on the secrets (a copy).
func (a Access) Actions() []string { return slices.Clone(a.actions) }

// KMSActions are the KMS actions allowed on the secrets' customer managed keys, through
// Secrets Manager only (a copy).
func (a Access) KMSActions() []string { return slices.Clone(a.kmsActions) }

// Read is CDK's grantRead: read the value and describe the secret.
var Read = NewAccess("read",
	[]string{"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"},
	[]string{"kms:Decrypt"})

// Write is CDK's grantWrite: put new values, update the secret, move staging labels.
var Write = NewAccess("write",
	[]string{"secretsmanager:PutSecretValue", "secretsmanager:UpdateSecret", "secretsmanager:UpdateSecretVersionStage"},
	[]string{"kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"})

// kmsGrantOperations are the operations a kms.Grant gives a cross-account principal: what a
// caller outside the key's account needs for GetSecretValue (Decrypt) or PutSecretValue
// (Encrypt and GenerateDataKey) through Secrets Manager.
var kmsGrantOperations = map[string][]string{
	"read":  {"Decrypt"},
	"write": {"Encrypt", "GenerateDataKey"},
}
