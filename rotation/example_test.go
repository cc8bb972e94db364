package rotation_test

import (
	"fmt"
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lambda"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/rotation"
	"github.com/secretsmith/secretsmith/secrets"
	"github.com/secretsmith/secretsmith/synth"
)

// A custom rotation function defined in the program: it gets an invoke permission limited
// to this account and exactly the access rotation needs.
func ExampleNewRotationSchedule_customLambda() {
	printPlan(func(ctx *pulumi.Context) error {
		role, err := iam.NewRole(ctx, "rotator-role", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(`{"Version":"2012-10-17","Statement":[]}`)})
		if err != nil {
			return err
		}
		fn, err := lambda.NewFunction(ctx, "rotator", &lambda.FunctionArgs{
			Role: role.Arn, Runtime: pulumi.String("python3.12"), Handler: pulumi.String("rotate.handler"),
			Code: pulumi.NewFileArchive("./rotator"),
		})
		if err != nil {
			return err
		}
		s, err := secrets.NewSecret(ctx, "api", &secrets.SecretArgs{DenyAccountRootDelete: true})
		if err != nil {
			return err
		}
		_, err = rotation.NewRotationSchedule(ctx, "api-rotation", &rotation.RotationScheduleArgs{
			Secret:             s,
			RotationLambda:     fn,
			AutomaticallyAfter: 15 * 24 * time.Hour,
		})
		return err
	})
	// Output:
	// secretsmith:secrets:Secret api
	// aws:secretsmanager/secretPolicy:SecretPolicy api-policy
	// aws:secretsmanager/secret:Secret api-secret
	// random:index/randomBytes:RandomBytes api-seed
	// aws:secretsmanager/secretVersion:SecretVersion api-version
	// secretsmith:rotation:RotationSchedule api-rotation
	// aws:lambda/permission:Permission api-rotation-invoke
	// aws:iam/rolePolicy:RolePolicy api-rotation-policy
	// aws:secretsmanager/secretRotation:SecretRotation api-rotation-rotation
	// aws:lambda/function:Function rotator
	// aws:iam/role:Role rotator-role
}

// One function rotating a set of secrets: one policy and one permission for the function,
// one component for the rotations.
func ExampleNewRotationScheduleSet() {
	printPlan(func(ctx *pulumi.Context) error {
		role, err := iam.NewRole(ctx, "rotator-role", &iam.RoleArgs{AssumeRolePolicy: pulumi.String(`{"Version":"2012-10-17","Statement":[]}`)})
		if err != nil {
			return err
		}
		fn, err := lambda.NewFunction(ctx, "rotator", &lambda.FunctionArgs{
			Role: role.Arn, Runtime: pulumi.String("python3.12"), Handler: pulumi.String("rotate.handler"),
			Code: pulumi.NewFileArchive("./rotator"),
		})
		if err != nil {
			return err
		}
		rotator, err := rotation.NewRotationFunction(ctx, "rotator", &rotation.RotationFunctionArgs{
			Function: fn, Secrets: grants.NamePrefix("payments/"),
		})
		if err != nil {
			return err
		}
		set, err := secrets.NewSecretSet(ctx, "payments", &secrets.SecretSetArgs{Secrets: map[string]*secrets.SecretArgs{
			"billing": {SecretName: pulumi.String("payments/billing"), DenyAccountRootDelete: true},
			"ledger":  {SecretName: pulumi.String("payments/ledger"), DenyAccountRootDelete: true},
		}})
		if err != nil {
			return err
		}
		_, err = rotation.NewRotationScheduleSet(ctx, "payments-rotation", &rotation.RotationScheduleSetArgs{
			Secrets: set.References(), RotationFunction: rotator, AutomaticallyAfter: 7 * 24 * time.Hour,
		})
		return err
	})
	// Output:
	// secretsmith:secrets:SecretSet payments
	// aws:secretsmanager/secretPolicy:SecretPolicy billing-policy
	// aws:secretsmanager/secret:Secret billing-secret
	// aws:secretsmanager/secretVersion:SecretVersion billing-version
	// aws:secretsmanager/secretPolicy:SecretPolicy ledger-policy
	// aws:secretsmanager/secret:Secret ledger-secret
	// aws:secretsmanager/secretVersion:SecretVersion ledger-version
	// random:index/randomBytes:RandomBytes payments-seed
	// secretsmith:rotation:RotationScheduleSet payments-rotation
	// aws:secretsmanager/secretRotation:SecretRotation billing-rotation
	// aws:secretsmanager/secretRotation:SecretRotation ledger-rotation
	// aws:lambda/function:Function rotator
	// secretsmith:rotation:RotationFunction rotator
	// secretsmith:grants:Grant rotator-access
	// aws:iam/rolePolicy:RolePolicy rotator-access-policy
	// aws:lambda/permission:Permission rotator-invoke
	// aws:iam/role:Role rotator-role
}

// Hosted single-user rotation for a MySQL credential: AWS's rotation function, deployed from
// the Serverless Application Repository.
func ExampleMySQLSingleUser() {
	printPlan(func(ctx *pulumi.Context) error {
		db, err := secrets.NewSecret(ctx, "db", &secrets.SecretArgs{
			GenerateSecretString: &secrets.SecretStringGenerator{
				SecretStringTemplate: `{"engine":"mysql","host":"db.internal","username":"app"}`,
				GenerateStringKey:    "password",
			},
			DenyAccountRootDelete: true,
		})
		if err != nil {
			return err
		}
		_, err = rotation.NewRotationSchedule(ctx, "db-rotation", &rotation.RotationScheduleArgs{
			Secret:         db,
			HostedRotation: rotation.MySQLSingleUser(nil),
		})
		return err
	})
	// Output:
	// secretsmith:secrets:Secret db
	// aws:secretsmanager/secretPolicy:SecretPolicy db-policy
	// aws:secretsmanager/secret:Secret db-secret
	// random:index/randomBytes:RandomBytes db-seed
	// aws:secretsmanager/secretVersion:SecretVersion db-version
	// secretsmith:rotation:RotationSchedule db-rotation
	// aws:serverlessrepository/cloudFormationStack:CloudFormationStack db-rotation-app
	// aws:secretsmanager/secretRotation:SecretRotation db-rotation-rotation
}

// Hosted multi-user rotation in a VPC: the user's password is changed with the master
// credentials; a security group is created for the function, which the database must let in.
func ExamplePostgreSQLMultiUser() {
	printPlan(func(ctx *pulumi.Context) error {
		master, err := secrets.FromSecretName(ctx, "master", pulumi.String("prod/postgres/master"))
		if err != nil {
			return err
		}
		app, err := secrets.NewSecret(ctx, "app", &secrets.SecretArgs{DenyAccountRootDelete: true})
		if err != nil {
			return err
		}
		sched, err := rotation.NewRotationSchedule(ctx, "app-rotation", &rotation.RotationScheduleArgs{
			Secret: app,
			HostedRotation: rotation.PostgreSQLMultiUser(master, &rotation.HostedRotationOptions{
				VPC: &rotation.VPC{
					ID:        pulumi.String("vpc-0123"),
					SubnetIDs: pulumi.ToStringArray([]string{"subnet-a", "subnet-b"}),
				},
			}),
			AutomaticallyAfter: 7 * 24 * time.Hour,
			Duration:           3 * time.Hour,
		})
		if err != nil {
			return err
		}
		ctx.Export("rotationSecurityGroups", sched.SecurityGroupIDs)
		return nil
	})
	// Output:
	// secretsmith:secrets:Secret app
	// aws:secretsmanager/secretPolicy:SecretPolicy app-policy
	// aws:secretsmanager/secret:Secret app-secret
	// random:index/randomBytes:RandomBytes app-seed
	// aws:secretsmanager/secretVersion:SecretVersion app-version
	// secretsmith:rotation:RotationSchedule app-rotation
	// aws:serverlessrepository/cloudFormationStack:CloudFormationStack app-rotation-app
	// aws:secretsmanager/secretRotation:SecretRotation app-rotation-rotation
	// aws:ec2/securityGroup:SecurityGroup app-rotation-sg
}

// SecretRotation deploys a rotation application next to a database and lets it in.
func ExampleNewSecretRotation() {
	printPlan(func(ctx *pulumi.Context) error {
		db, err := secrets.NewSecret(ctx, "db", &secrets.SecretArgs{DenyAccountRootDelete: true})
		if err != nil {
			return err
		}
		_, err = rotation.NewSecretRotation(ctx, "db-rotation", &rotation.SecretRotationArgs{
			Application: rotation.MySQLRotationSingleUser,
			Secret:      db,
			VPC:         &rotation.VPC{ID: pulumi.String("vpc-0123"), SubnetIDs: pulumi.ToStringArray([]string{"subnet-a"})},
			Database:    &rotation.Database{SecurityGroupID: pulumi.String("sg-db"), Port: 3306},
		})
		return err
	})
	// Output:
	// secretsmith:secrets:Secret db
	// aws:secretsmanager/secretPolicy:SecretPolicy db-policy
	// aws:secretsmanager/secret:Secret db-secret
	// random:index/randomBytes:RandomBytes db-seed
	// aws:secretsmanager/secretVersion:SecretVersion db-version
	// secretsmith:rotation:SecretRotation db-rotation
	// aws:serverlessrepository/cloudFormationStack:CloudFormationStack db-rotation-app
	// aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule db-rotation-ingress
	// secretsmith:rotation:RotationSchedule db-rotation-schedule
	// aws:secretsmanager/secretRotation:SecretRotation db-rotation-schedule-rotation
	// aws:ec2/securityGroup:SecurityGroup db-rotation-sg
}

// secretsmith's own rotation function, in Go, for a PostgreSQL user in a VPC: the schedule
// builds it, deploys it with its role and security group, and lets it rotate the secret.
func ExampleGoPostgreSQLSingleUser() {
	printPlan(func(ctx *pulumi.Context) error {
		db, err := secrets.NewSecret(ctx, "db", &secrets.SecretArgs{
			GenerateSecretString: &secrets.SecretStringGenerator{
				SecretStringTemplate: `{"engine":"postgres","host":"db.internal","port":5432,"username":"app"}`,
				GenerateStringKey:    "password",
				ExcludeCharacters:    `/@"' `,
			},
			DenyAccountRootDelete: true,
		})
		if err != nil {
			return err
		}
		_, err = rotation.NewRotationSchedule(ctx, "db-rotation", &rotation.RotationScheduleArgs{
			Secret: db,
			GoRotation: rotation.GoPostgreSQLSingleUser(&rotation.GoRotationOptions{
				VPC: &rotation.VPC{ID: pulumi.String("vpc-0123"), SubnetIDs: pulumi.ToStringArray([]string{"subnet-a", "subnet-b"})},
			}),
		})
		return err
	})
	// Output:
	// secretsmith:secrets:Secret db
	// aws:secretsmanager/secretPolicy:SecretPolicy db-policy
	// aws:secretsmanager/secret:Secret db-secret
	// random:index/randomBytes:RandomBytes db-seed
	// aws:secretsmanager/secretVersion:SecretVersion db-version
	// secretsmith:rotation:RotationSchedule db-rotation
	// aws:lambda/function:Function db-rotation-function
	// aws:lambda/permission:Permission db-rotation-invoke
	// aws:iam/rolePolicyAttachment:RolePolicyAttachment db-rotation-logs
	// aws:iam/rolePolicy:RolePolicy db-rotation-policy
	// aws:iam/role:Role db-rotation-role
	// aws:secretsmanager/secretRotation:SecretRotation db-rotation-rotation
	// aws:ec2/securityGroup:SecurityGroup db-rotation-sg
	// aws:iam/rolePolicyAttachment:RolePolicyAttachment db-rotation-vpc
}

// A token only AWS holds: the secret has no version or seed in the state, and the GoGenerate
// function writes its first value as the schedule is created.
func ExampleGoGenerate() {
	printPlan(func(ctx *pulumi.Context) error {
		api, err := secrets.NewSecret(ctx, "api", &secrets.SecretArgs{
			GenerateInAWS: true,
			GenerateSecretString: &secrets.SecretStringGenerator{
				SecretStringTemplate: `{"client":"billing"}`, GenerateStringKey: "token", ExcludePunctuation: true,
			},
			DenyAccountRootDelete: true,
		})
		if err != nil {
			return err
		}
		_, err = rotation.NewRotationSchedule(ctx, "api-rotation", &rotation.RotationScheduleArgs{
			Secret: api, GoRotation: rotation.GoGenerate(nil), AutomaticallyAfter: 90 * 24 * time.Hour,
		})
		return err
	})
	// Output:
	// secretsmith:secrets:Secret api
	// aws:secretsmanager/secretPolicy:SecretPolicy api-policy
	// aws:secretsmanager/secret:Secret api-secret
	// secretsmith:rotation:RotationSchedule api-rotation
	// aws:lambda/function:Function api-rotation-function
	// aws:lambda/permission:Permission api-rotation-invoke
	// aws:iam/rolePolicyAttachment:RolePolicyAttachment api-rotation-logs
	// aws:iam/rolePolicy:RolePolicy api-rotation-policy
	// aws:iam/role:Role api-rotation-role
	// aws:secretsmanager/secretRotation:SecretRotation api-rotation-rotation
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
