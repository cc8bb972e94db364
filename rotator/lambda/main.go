// Command lambda is secretsmith's rotation function: built as bootstrap for Lambda's
// provided.al2023 runtime, it runs the rotation step Secrets Manager invokes it with.
// rotation.GoRotation builds and deploys it; its environment chooses what it rotates:
//
//	SECRETSMITH_STRATEGY      postgres-single-user, postgres-alternating-users,
//	                          mysql-single-user, mysql-alternating-users or generate (required)
//	SECRETSMITH_PASSWORD      the password options as JSON: {"Length": 32,
//	                          "ExcludeCharacters": "...", "ExcludePunctuation": false, ...}
//	                          (rotator.PasswordOptions); if empty, Secrets Manager's defaults
//	SECRETSMITH_TEMPLATE      generate: the JSON object the first value is made from
//	SECRETSMITH_KEY           generate: the field that holds the password; if empty, the
//	                          value is the bare password
//	SECRETSMITH_CA_BUNDLE     a PEM file of certificates that verify database servers (such
//	                          as RDS's bundle), beside the system's roots
//	SECRETS_MANAGER_ENDPOINT  Secrets Manager's endpoint, such as a VPC endpoint's; if
//	                          empty, the region's
package main

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"

	"github.com/secretsmith/secretsmith/rotator"
	"github.com/secretsmith/secretsmith/rotator/dbrotation"
	"github.com/secretsmith/secretsmith/rotator/mysql"
	"github.com/secretsmith/secretsmith/rotator/postgres"
)

func main() {
	ctx := context.Background()
	r, err := fromEnv(ctx, os.Getenv)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	lambda.StartWithOptions(r.Handle, lambda.WithContext(ctx))
}

// fromEnv builds the rotator the environment describes.
func fromEnv(ctx context.Context, getenv func(string) string) (*rotator.Rotator, error) {
	var opts rotator.PasswordOptions
	if p := getenv("SECRETSMITH_PASSWORD"); p != "" {
		if err := json.Unmarshal([]byte(p), &opts); err != nil {
			return nil, fmt.Errorf("SECRETSMITH_PASSWORD is not rotator.PasswordOptions as JSON: %w", err)
		}
	}
	passwords, err := rotator.NewPasswords(opts)
	if err != nil {
		return nil, fmt.Errorf("SECRETSMITH_PASSWORD: %w", err)
	}
	roots, err := rootCAs(getenv("SECRETSMITH_CA_BUNDLE"))
	if err != nil {
		return nil, err
	}
	strategy, err := strategyFor(getenv, roots)
	if err != nil {
		return nil, err
	}
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return nil, fmt.Errorf("loading the AWS configuration: %w", err)
	}
	client := secretsmanager.NewFromConfig(cfg, func(o *secretsmanager.Options) {
		if e := getenv("SECRETS_MANAGER_ENDPOINT"); e != "" {
			o.BaseEndpoint = aws.String(e)
		}
	})
	return &rotator.Rotator{Client: client, Strategy: strategy, Passwords: passwords}, nil
}

// strategyFor is the strategy SECRETSMITH_STRATEGY names.
func strategyFor(getenv func(string) string, roots *x509.CertPool) (rotator.Strategy, error) {
	dialing := dbrotation.Dialing{RootCAs: roots}
	pg, my := &postgres.Database{Dialing: dialing}, &mysql.Database{Dialing: dialing}
	switch s := getenv("SECRETSMITH_STRATEGY"); s {
	case "postgres-single-user":
		return dbrotation.SingleUser(pg), nil
	case "postgres-alternating-users":
		return dbrotation.AlternatingUsers(pg), nil
	case "mysql-single-user":
		return dbrotation.SingleUser(my), nil
	case "mysql-alternating-users":
		return dbrotation.AlternatingUsers(my), nil
	case "generate":
		return rotator.Generate{Template: getenv("SECRETSMITH_TEMPLATE"), Key: getenv("SECRETSMITH_KEY")}, nil
	case "":
		return nil, errors.New("SECRETSMITH_STRATEGY is required")
	default:
		return nil, fmt.Errorf("SECRETSMITH_STRATEGY %q is not one of postgres-single-user, postgres-alternating-users, mysql-single-user, mysql-alternating-users and generate", s)
	}
}

// rootCAs are the system's roots with the certificates in the PEM file at path, if any.
func rootCAs(path string) (*x509.CertPool, error) {
	if path == "" {
		return nil, nil
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	pem, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("SECRETSMITH_CA_BUNDLE: %w", err)
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("SECRETSMITH_CA_BUNDLE: %s holds no PEM certificate", path)
	}
	return pool, nil
}
