// Command secretsmith-demo is the demo program of secretsmith.
//
// Under the Pulumi CLI (`pulumi up`, with AWS credentials) it deploys the demo for real.
// `go run . synth` runs the same program in-process against a mock engine and prints the
// planned resources, with every secret shown as [secret] and every value unknown at plan
// time as [unknown]; `go run . synth --json` prints the same as JSON, and `go run . synth
// ./examples/<name>` an example's plan. None needs AWS, the Pulumi CLI or a network.
package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/secrets"
	"github.com/secretsmith/secretsmith/synth"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "synth" {
		if err := synthOf(os.Stdout, os.Args[2:]); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	pulumi.Run(demo)
}

// synthOf writes the plan of the demo, or of the example whose folder the last argument
// names (`synth ./examples/database`), which is run with `go run <folder> synth`.
func synthOf(w io.Writer, args []string) error {
	if n := len(args); n > 0 && !strings.HasPrefix(args[n-1], "-") {
		cmd := exec.Command("go", append([]string{"run", args[n-1], "synth"}, args[:n-1]...)...)
		cmd.Stdout, cmd.Stderr = w, os.Stderr
		return cmd.Run()
	}
	return synth.Run(w, demo, nil, args)
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
