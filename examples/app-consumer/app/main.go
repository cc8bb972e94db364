// Command app is the application of the app-consumer example: a Lambda function
// (provided.al2023, built as bootstrap) that reads the secret whose ARN is in its
// SECRET_ARN environment variable and keeps the value in memory for a few minutes, as AWS
// recommends (cache the value; do not read it on every request), so that a rotated value
// is picked up within that time.
//
// AWS's aws-secretsmanager-caching-go is written for the AWS SDK for Go v1, which is past
// its end of support; with SDK v2 a cache of one value is the few lines of cache.go.
//
// Build: GOOS=linux GOARCH=arm64 CGO_ENABLED=0 go build -tags lambda.norpc -o bootstrap .
package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
)

// credential is the secret's JSON value.
type credential struct {
	Client string `json:"client"`
	Token  string `json:"token"`
}

func main() {
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		panic(err)
	}
	arn := os.Getenv("SECRET_ARN")
	if arn == "" {
		panic("SECRET_ARN is not set")
	}
	c := newCache(secretsmanager.NewFromConfig(cfg), arn, 5*time.Minute)
	lambda.Start(func(ctx context.Context) (string, error) { return handle(ctx, c) })
}

// handle is one request: it uses the credential without ever returning or logging any of
// it (the client name is part of the secret too).
func handle(ctx context.Context, c *cache) (string, error) {
	v, err := c.value(ctx)
	if err != nil {
		return "", err
	}
	var cred credential
	if err := json.Unmarshal([]byte(v), &cred); err != nil || cred.Client == "" || cred.Token == "" {
		return "", errors.New("the secret is not the JSON credential this app expects")
	}
	// Call the third-party API as cred.Client with cred.Token here.
	return "ok", nil
}
