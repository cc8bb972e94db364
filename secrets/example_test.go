package secrets_test

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/pulumitest"
	"github.com/secretsmith/secretsmith/secrets"
)

// A secret with a generated 32-character value, named and described.
func ExampleNewSecret() {
	pulumitest.PrintPlan(func(ctx *pulumi.Context) error {
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

// A templated secret: the generated password is added to a JSON object under "password".
// Changing the template's other fields later keeps the password.
func ExampleSecretStringGenerator_templated() {
	pulumitest.PrintPlan(func(ctx *pulumi.Context) error {
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
// secret, so it is masked wherever Pulumi shows it.
func ExampleSecret_SecretValueFromJSON() {
	var username *pulumitest.Captured
	pulumitest.PrintPlan(func(ctx *pulumi.Context) error {
		db, err := secrets.NewSecret(ctx, "db", &secrets.SecretArgs{
			GenerateSecretString: &secrets.SecretStringGenerator{
				SecretStringTemplate: `{"username":"app"}`,
				GenerateStringKey:    "password",
			},
		})
		if err != nil {
			return err
		}
		ctx.Export("dbPassword", db.SecretValueFromJSON("password"))
		username = pulumitest.Capture(ctx, db.SecretValueFromJSON("username"))
		return nil
	})
	fmt.Println("username:", username.String(), "secret:", username.Secret())
	// Output:
	// secretsmith:secrets:Secret db
	// aws:secretsmanager/secret:Secret db-secret
	// random:index/randomBytes:RandomBytes db-seed
	// aws:secretsmanager/secretVersion:SecretVersion db-version
	// username: app secret: true
}

// Existing secrets are referenced, not managed: no resource is created, and the result
// satisfies Reference, so grants and rotation accept it like an owned Secret.
func ExampleFromSecretCompleteARN() {
	pulumitest.PrintPlan(func(ctx *pulumi.Context) error {
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
// generated as a secret's would be and stable from run to run.
func ExampleNewPassword() {
	m := pulumitest.New()
	var pw *pulumitest.Captured
	err := m.Run(func(ctx *pulumi.Context) error {
		p, err := secrets.NewPassword(ctx, "db-master", &secrets.SecretStringGenerator{PasswordLength: 24, ExcludeCharacters: `/@" `})
		if err != nil {
			return err
		}
		pw = pulumitest.Capture(ctx, p.Value)
		return nil
	})
	if err != nil {
		fmt.Println(err)
	}
	fmt.Println(len(pw.String()), pw.Secret())
	// Output:
	// 24 true
}

// The value before the last rotation, read when the program runs, is a Pulumi secret too.
func ExampleSecret_ValueAt() {
	m := pulumitest.New()
	m.SecretValues = map[string]string{"arn:aws:secretsmanager:us-east-1:123456789012:secret:db-" + pulumitest.Suffix("db"): "the previous value"}
	var previous *pulumitest.Captured
	err := m.Run(func(ctx *pulumi.Context) error {
		db, err := secrets.NewSecret(ctx, "db", &secrets.SecretArgs{SecretName: pulumi.String("db")})
		if err != nil {
			return err
		}
		v, err := db.ValueAt(secrets.AtStage("AWSPREVIOUS"))
		previous = pulumitest.Capture(ctx, v)
		return err
	})
	if err != nil {
		fmt.Println(err)
	}
	fmt.Println(previous.Secret())
	// Output:
	// true
}

// Existing secrets found by name prefix and tag, each by its complete ARN, ready to grant.
func ExampleFind() {
	m := pulumitest.New()
	m.Listed = map[string]map[string]string{
		"arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/payments/api-AbC123": {"app": "payments"},
		"arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/payments/db-DeF456":  {"app": "payments"},
		"arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/orders/db-GhI789":    {"app": "orders"},
	}
	var arns []*pulumitest.Captured
	err := m.Run(func(ctx *pulumi.Context) error {
		found, err := secrets.Find(ctx, "payments", &secrets.FindArgs{NamePrefix: "prod/", Tags: map[string]string{"app": "payments"}})
		for _, s := range found {
			arns = append(arns, pulumitest.Capture(ctx, s.ARNForPolicies()))
		}
		return err
	})
	if err != nil {
		fmt.Println(err)
	}
	for _, a := range arns {
		fmt.Println(a.String())
	}
	// Output:
	// arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/payments/api-AbC123
	// arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/payments/db-DeF456
}

// A candidate value kept beside the current one under a label of its own.
func ExampleNewLabelledVersion() {
	m := pulumitest.New()
	err := m.Run(func(ctx *pulumi.Context) error {
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
	v, _ := m.Find("aws:secretsmanager/secretVersion:SecretVersion", "db-candidate-version")
	stages, _ := v.Input("versionStages")
	_, secret := v.Input("secretString")
	fmt.Println(stages.ArrayValue()[0].StringValue(), secret)
	// Output:
	// v2-candidate true
}

// A monitor that notifies a topic of deletions, policy changes, failed rotations and reads
// by roles other than the app's.
func ExampleNewAccessMonitor() {
	m := pulumitest.New()
	err := m.Run(func(ctx *pulumi.Context) error {
		_, err := secrets.NewAccessMonitor(ctx, "secrets-watch", &secrets.AccessMonitorArgs{
			AllowedReaders: pulumi.ToStringArray([]string{"arn:aws:iam::123456789012:role/app"}),
		})
		return err
	})
	if err != nil {
		fmt.Println(err)
	}
	for _, r := range m.ByType("aws:cloudwatch/eventRule:EventRule") {
		fmt.Printf("%s %q\n", r.Name, r.String("state"))
	}
	// Output:
	// secrets-watch-changes ""
	// secrets-watch-reads "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"
}
