package rotator

// Step is one of the four steps of a rotation.
type Step string

// The steps, in the order Secrets Manager invokes them.
const (
	CreateSecret Step = "createSecret"
	SetSecret    Step = "setSecret"
	TestSecret   Step = "testSecret"
	FinishSecret Step = "finishSecret"
)

// Steps are the four steps in order.
func Steps() []Step { return []Step{CreateSecret, SetSecret, TestSecret, FinishSecret} }

// Event is what Secrets Manager invokes a rotation function with.
type Event struct {
	// Step is the step to run.
	Step Step `json:"Step"`
	// SecretID is the secret's ARN.
	SecretID string `json:"SecretId"`
	// ClientRequestToken is the rotation's token: the ID of the version it creates.
	ClientRequestToken string `json:"ClientRequestToken"`
	// RotationToken identifies the rotation to Secrets Manager; it is passed on to the calls
	// that write the secret when present. Older events have none.
	RotationToken string `json:"RotationToken,omitempty"`
}
