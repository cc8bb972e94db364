// Command secretsmith-demo is the demo program of secretsmith.
//
// Under the Pulumi CLI (`pulumi up`, with AWS credentials) it deploys the demo for real.
// `go run . synth` runs the same program in-process against a mock engine and prints the
// planned resources, with every secret shown as [secret] and every value unknown at plan
// time as [unknown]; `go run . synth --json` prints the same as JSON. Neither needs AWS, the
// Pulumi CLI or a network.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/internal/plan"
	"github.com/secretsmith/secretsmith/internal/pulumitest"
	"github.com/secretsmith/secretsmith/secrets"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "synth" {
		if err := synth(os.Stdout, os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	pulumi.Run(demo)
}

// synth runs demo against the recording mock as a preview and writes the plan.
func synth(w io.Writer, args []string) error {
	fs := flag.NewFlagSet("synth", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print the plan as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	m := pulumitest.New()
	m.DryRun = true
	if err := m.Run(demo); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	entries := plan.Build(m.Resources())
	if *asJSON {
		return plan.WriteJSON(w, entries)
	}
	return plan.WriteText(w, entries)
}

// demo is the program `pulumi up` deploys: a customer managed key, a generated database
// credential in a JSON template encrypted with it, a Lambda role that may read it, and an
// API token made of fields.
func demo(ctx *pulumi.Context) error {
	key, err := kms.NewKey(ctx, "secrets-key", &kms.KeyArgs{
		Description:       pulumi.String("encrypts the demo's secrets"),
		EnableKeyRotation: pulumi.Bool(true),
	})
	if err != nil {
		return err
	}
	db, err := secrets.NewSecret(ctx, "db", &secrets.SecretArgs{
		SecretName:    pulumi.String("demo/db"),
		Description:   pulumi.String("demo database credentials"),
		EncryptionKey: key.Arn,
		GenerateSecretString: &secrets.SecretStringGenerator{
			SecretStringTemplate: `{"username":"app","engine":"postgres","port":5432}`,
			GenerateStringKey:    "password",
			PasswordLength:       24,
			ExcludeCharacters:    `/@" `,
		},
		RemovalPolicy: secrets.RemovalPolicyRetain,
	})
	if err != nil {
		return err
	}
	role, err := iam.NewRole(ctx, "app", &iam.RoleArgs{
		AssumeRolePolicy: pulumi.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow",` +
			`"Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`),
	})
	if err != nil {
		return err
	}
	if _, err := db.GrantRead(ctx, "app-reads-db", grants.Role(role), grants.VersionStages("AWSCURRENT")); err != nil {
		return err
	}
	token, err := secrets.NewSecret(ctx, "api-token", &secrets.SecretArgs{
		Description: pulumi.String("third-party API token"),
		SecretObjectValue: pulumi.StringMap{
			"token":    pulumi.ToSecret(pulumi.String("demo-token-not-real")).(pulumi.StringOutput),
			"endpoint": pulumi.String("https://api.example.com"),
		},
	})
	if err != nil {
		return err
	}
	ctx.Export("dbSecretArn", db.ARN)
	ctx.Export("dbUsername", db.SecretValueFromJSON("username"))
	ctx.Export("apiTokenSecretArn", token.ARN)
	return nil
}
