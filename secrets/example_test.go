package secrets_test

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ssm"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/secrets"
	"github.com/secretsmith/secretsmith/synth"
)

// A secret with a generated 32-character value, named and described.
func ExampleNewSecret() {
	printPlan(func(ctx *pulumi.Context) error {
		db, err := secrets.NewSecret(ctx, "db", &secrets.SecretArgs{
			SecretName:  pulumi.String("prod/db"),
			Description: pulumi.String("app database"),
		})
		if err != nil {
			return err
		}
		ctx.Export("dbSecretArn", db.ARN)
		return nil
	})
	// Output:
	// secretsmith:secrets:Secret db
	// aws:secretsmanager/secret:Secret db-secret
	// random:index/randomBytes:RandomBytes db-seed
	// aws:secretsmanager/secretVersion:SecretVersion db-version
}

// Many secrets in one component: each has a Secret's resources, named after its key, and
// their values derive from the set's one seed.
func ExampleNewSecretSet() {
	printPlan(func(ctx *pulumi.Context) error {
		declared := map[string]*secrets.SecretArgs{}
		for _, svc := range []string{"billing", "ledger"} {
			declared[svc] = &secrets.SecretArgs{
				SecretName: pulumi.String("payments/" + svc),
				GenerateSecretString: &secrets.SecretStringGenerator{
					SecretStringTemplate: `{"username":"` + svc + `"}`, GenerateStringKey: "password",
				},
			}
		}
		set, err := secrets.NewSecretSet(ctx, "payments", &secrets.SecretSetArgs{Secrets: declared})
		if err != nil {
			return err
		}
		ctx.Export("ledgerArn", set.Secrets["ledger"].ARN)
		return nil
	})
	// Output:
	// secretsmith:secrets:SecretSet payments
	// aws:secretsmanager/secret:Secret billing-secret
	// aws:secretsmanager/secretVersion:SecretVersion billing-version
	// aws:secretsmanager/secret:Secret ledger-secret
	// aws:secretsmanager/secretVersion:SecretVersion ledger-version
	// random:index/randomBytes:RandomBytes payments-seed
}

// A templated secret: the generated password is added to a JSON object under "password".
// Changing the template's other fields later keeps the password.
func ExampleSecretStringGenerator_templated() {
	printPlan(func(ctx *pulumi.Context) error {
		_, err := secrets.NewSecret(ctx, "db", &secrets.SecretArgs{
			GenerateSecretString: &secrets.SecretStringGenerator{
				SecretStringTemplate: `{"username":"app"}`,
				GenerateStringKey:    "password",
				PasswordLength:       24,
				ExcludeCharacters:    `/@" `,
			},
			RemovalPolicy: secrets.RemovalPolicyRetain,
		})
		return err
	})
	// Output:
	// secretsmith:secrets:Secret db
	// aws:secretsmanager/secret:Secret db-secret
	// random:index/randomBytes:RandomBytes db-seed
	// aws:secretsmanager/secretVersion:SecretVersion db-version
}

// SecretValueFromJSON reads one field of a JSON secret; the result is always a Pulumi
// secret, so it is masked wherever Pulumi shows it, here in a parameter's input.
func ExampleSecret_SecretValueFromJSON() {
	resources, err := synth.Plan(func(ctx *pulumi.Context) error {
		db, err := secrets.NewSecret(ctx, "db", &secrets.SecretArgs{
			GenerateSecretString: &secrets.SecretStringGenerator{
				SecretStringTemplate: `{"username":"app"}`,
				GenerateStringKey:    "password",
			},
		})
		if err != nil {
			return err
		}
		_, err = ssm.NewParameter(ctx, "db-username", &ssm.ParameterArgs{
			Type: pulumi.String("SecureString"), Value: db.SecretValueFromJSON("username"),
		})
		return err
	}, synth.Deployed())
	if err != nil {
		fmt.Println(err)
	}
	p, _ := synth.Find(resources, "aws:ssm/parameter:Parameter", "db-username")
	fmt.Println("value:", p.Input("value"))
	// Output:
	// value: [secret]
}

// Existing secrets are referenced, not managed: no resource is created, and the result
// satisfies Reference, so grants and rotation accept it like an owned Secret.
func ExampleFromSecretCompleteARN() {
	printPlan(func(ctx *pulumi.Context) error {
		legacy, err := secrets.FromSecretCompleteARN(ctx, "legacy",
			pulumi.String("arn:aws:secretsmanager:us-east-1:123456789012:secret:legacy-AbC123"))
		if err != nil {
			return err
		}
		byName, err := secrets.FromSecretName(ctx, "shared", pulumi.String("shared/api-key"))
		if err != nil {
			return err
		}
		ctx.Export("legacyPolicyArn", legacy.ARNForPolicies()) // the exact ARN
		ctx.Export("sharedPolicyArn", byName.ARNForPolicies()) // ...:secret:shared/api-key-??????
		return nil
	})
	fmt.Println("no resources")
	// Output:
	// no resources
}

// A password for another resource than a secret, such as a database's master password,
// generated as a secret's would be and stable from run to run; always a Pulumi secret.
func ExampleNewPassword() {
	resources, err := synth.Plan(func(ctx *pulumi.Context) error {
		p, err := secrets.NewPassword(ctx, "db-master", &secrets.SecretStringGenerator{PasswordLength: 24, ExcludeCharacters: `/@" `})
		if err != nil {
			return err
		}
		_, err = ssm.NewParameter(ctx, "db-master", &ssm.ParameterArgs{Type: pulumi.String("SecureString"), Value: p.Value})
		return err
	}, synth.Deployed())
	if err != nil {
		fmt.Println(err)
	}
	p, _ := synth.Find(resources, "aws:ssm/parameter:Parameter", "db-master")
	fmt.Println("value:", p.Input("value"))
	// Output:
	// value: [secret]
}

// The value before the last rotation, read when the program runs, is a Pulumi secret too:
// here it becomes a parameter's value, masked wherever Pulumi shows it.
func ExampleSecret_ValueAt() {
	program := func(ctx *pulumi.Context) error {
		db, err := secrets.NewSecret(ctx, "db", &secrets.SecretArgs{SecretName: pulumi.String("db")})
		if err != nil {
			return err
		}
		previous, err := db.ValueAt(secrets.AtStage("AWSPREVIOUS"))
		if err != nil {
			return err
		}
		_, err = ssm.NewParameter(ctx, "db-previous", &ssm.ParameterArgs{Type: pulumi.String("SecureString"), Value: previous})
		return err
	}
	pulumi.Run(program)
}

// Existing secrets found by name prefix and tag, each by its complete ARN, ready to grant.
func ExampleFind() {
	existing := map[string]map[string]string{
		"arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/payments/api-AbC123": {"app": "payments"},
		"arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/payments/db-DeF456":  {"app": "payments"},
		"arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/orders/db-GhI789":    {"app": "orders"},
	}
	resources, err := synth.Plan(func(ctx *pulumi.Context) error {
		role, err := iam.NewRole(ctx, "app", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(`{"Version":"2012-10-17","Statement":[]}`)})
		if err != nil {
			return err
		}
		found, err := secrets.Find(ctx, "payments", &secrets.FindArgs{NamePrefix: "prod/", Tags: map[string]string{"app": "payments"}})
		if err != nil {
			return err
		}
		targets := make([]grants.Target, len(found))
		for i, s := range found {
			targets[i] = s
		}
		_, err = grants.New(ctx, "app-read", grants.Role(role), grants.Read, grants.Secrets(targets...))
		return err
	}, synth.Deployed(), synth.WithSecrets(existing))
	if err != nil {
		fmt.Println(err)
	}
	p, _ := synth.Find(resources, "aws:iam/rolePolicy:RolePolicy", "app-read-policy")
	fmt.Println(p.Input("policy"))
	// Output:
	// {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["secretsmanager:GetSecretValue","secretsmanager:DescribeSecret"],"Resource":["arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/payments/api-AbC123","arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/payments/db-DeF456"]}]}
}

// A candidate value kept beside the current one under a label of its own.
func ExampleNewLabelledVersion() {
	resources, err := synth.Plan(func(ctx *pulumi.Context) error {
		db, err := secrets.NewSecret(ctx, "db", &secrets.SecretArgs{SecretName: pulumi.String("db")})
		if err != nil {
			return err
		}
		_, err = secrets.NewLabelledVersion(ctx, "db-candidate", &secrets.LabelledVersionArgs{
			Secret: db, Label: "v2-candidate", Value: pulumi.String(`{"username":"app","password":"next"}`),
		})
		return err
	})
	if err != nil {
		fmt.Println(err)
	}
	v, _ := synth.Find(resources, "aws:secretsmanager/secretVersion:SecretVersion", "db-candidate-version")
	fmt.Println(v.Input("versionStages"), v.Input("secretString"))
	// Output:
	// ["v2-candidate"] [secret]
}

// A monitor that notifies a topic of deletions, policy changes, failed rotations and reads
// by roles other than the app's.
func ExampleNewAccessMonitor() {
	resources, err := synth.Plan(func(ctx *pulumi.Context) error {
		_, err := secrets.NewAccessMonitor(ctx, "secrets-watch", &secrets.AccessMonitorArgs{
			AllowedReaders: pulumi.ToStringArray([]string{"arn:aws:iam::123456789012:role/app"}),
		})
		return err
	})
	if err != nil {
		fmt.Println(err)
	}
	for _, r := range resources {
		if r.Type == "aws:cloudwatch/eventRule:EventRule" {
			fmt.Printf("%s %q\n", r.Name, r.Input("state"))
		}
	}
	// Output:
	// secrets-watch-changes ""
	// secrets-watch-reads "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"
}

// printPlan prints the type and name of each resource program registers once deployed,
// parents first, or its error.
func printPlan(program pulumi.RunFunc) {
	resources, err := synth.Plan(program, synth.Deployed())
	if err != nil {
		fmt.Println("error:", err)
	}
	for _, r := range resources {
		fmt.Println(r.Type, r.Name)
	}
}
