package rotator_test

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/secretsmith/secretsmith/rotator"
)

// A rotation function of your own that regenerates an API token: the Rotator runs the step
// Secrets Manager invokes it with (use it as the Lambda handler, as rotator/lambda does).
func ExampleRotator() {
	ctx := context.Background()
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		panic(err)
	}
	passwords, err := rotator.NewPasswords(rotator.PasswordOptions{Length: 40, ExcludePunctuation: true})
	if err != nil {
		panic(err)
	}
	r := &rotator.Rotator{
		Client:    secretsmanager.NewFromConfig(cfg),
		Strategy:  rotator.Generate{Template: `{"client":"billing"}`, Key: "token"},
		Passwords: passwords,
	}
	_ = r.Handle // lambda.Start(r.Handle)
}
