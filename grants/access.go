package grants

// Access is what a grant allows: Secrets Manager actions on the secret, the KMS actions on
// its key they need, and any statements granted besides.
type Access struct {
	// Name describes the access in errors, such as "read".
	Name string
	// Actions are allowed on the secret's ARN for policies.
	Actions []string
	// KMSActions are allowed on the secret's KMS key, through Secrets Manager only. Left out
	// when the secret uses the AWS managed key.
	KMSActions []string
	// Extra are identity statements granted besides; their Principals must be empty.
	Extra []Statement
}

// Read is CDK's grantRead: read the value and describe the secret.
var Read = Access{
	Name:       "read",
	Actions:    []string{"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"},
	KMSActions: []string{"kms:Decrypt"},
}

// Write is CDK's grantWrite: put new values, update the secret, move staging labels.
var Write = Access{
	Name:       "write",
	Actions:    []string{"secretsmanager:PutSecretValue", "secretsmanager:UpdateSecret", "secretsmanager:UpdateSecretVersionStage"},
	KMSActions: []string{"kms:Encrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*"},
}

// kmsGrantOperations are the operations a kms.Grant gives a cross-account principal: what a
// caller outside the key's account needs for GetSecretValue (Decrypt) or PutSecretValue
// (Encrypt and GenerateDataKey) through Secrets Manager.
var kmsGrantOperations = map[string][]string{
	"read":  {"Decrypt"},
	"write": {"Encrypt", "GenerateDataKey"},
}
