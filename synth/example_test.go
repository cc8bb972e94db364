package synth_test

import (
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/secrets"
	"github.com/secretsmith/secretsmith/synth"
)

// The plan of a program with one generated secret, offline: the value is [secret] and what
// AWS assigns is [unknown].
func ExampleRun() {
	program := func(ctx *pulumi.Context) error {
		_, err := secrets.NewSecret(ctx, "api", &secrets.SecretArgs{SecretName: pulumi.String("prod/api")})
		return err
	}
	if err := synth.Run(os.Stdout, program, nil, nil); err != nil {
		panic(err)
	}
	// Output:
	// + secretsmith:secrets:Secret api
	//     + aws:secretsmanager/secret:Secret api-secret
	//         name: "prod/api"
	//     + random:index/randomBytes:RandomBytes api-seed
	//         length: 32
	//     + aws:secretsmanager/secretVersion:SecretVersion api-version
	//         [ignoreChanges=versionStages deleteBeforeReplace dependsOn=api-secret,api-seed]
	//         secretId: "[unknown]"
	//         secretString: "[secret]"
	//         versionStages: ["AWSCURRENT","SECRETSMITH"]
	// 4 resources
}
