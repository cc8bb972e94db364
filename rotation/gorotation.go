package rotation

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lambda"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/internal/password"
	"github.com/secretsmith/secretsmith/secrets"
)

// GoRotationOptions adjust a Go rotation function.
type GoRotationOptions struct {
	// VPC runs the function in a VPC, next to the database. If nil, the function runs
	// outside any VPC.
	VPC *VPC `pulumi:"vpc"`
	// SecurityGroupIDs are the function's security groups; they need VPC. If empty and VPC
	// is given, a security group is created (RotationSchedule.SecurityGroupIDs): allow it
	// into the database, for instance with RotationSchedule.AllowInto.
	SecurityGroupIDs pulumi.StringArrayInput `pulumi:"securityGroupIds"`
	// ExcludeCharacters are left out of new passwords. If nil, the secret's generator's
	// options make new passwords (length and classes too) when it has a generator, else
	// 32 characters without DefaultExcludeCharacters.
	ExcludeCharacters *string `pulumi:"excludeCharacters"`
	// SecretsManagerEndpoint is the Secrets Manager endpoint the function calls, such as a
	// VPC endpoint's URL (https://vpce-...secretsmanager.<region>.vpce.amazonaws.com) for a
	// function in private subnets without a NAT. If nil, the region's public endpoint.
	SecretsManagerEndpoint pulumi.StringInput `pulumi:"secretsManagerEndpoint"`
	// CABundle is the path of a PEM file of the certificate authorities that sign the
	// database's certificate, such as RDS's global-bundle.pem, packed with the function: a
	// secret whose value says "ssl": true is verified against them and the system's roots.
	// If empty, only the system's roots.
	CABundle string `pulumi:"caBundle"`
	// Archive is the function's code, a zip holding bootstrap built from
	// github.com/secretsmith/secretsmith/rotator/lambda for linux/arm64, for programs that
	// build it elsewhere. If nil, the program builds it with the go command (once per run,
	// from the secretsmith module it uses) into the user's cache directory.
	Archive pulumi.Archive `pulumi:"-"`
}

// GoRotation is a rotation function of secretsmith's own, written in Go
// (github.com/secretsmith/secretsmith/rotator): built by the program, deployed as a Lambda
// function (provided.al2023 on arm64) with a role that may rotate the secret, and given to
// the schedule. Unlike HostedRotation, its code is in this module, read and tested here
// against PostgreSQL, MariaDB and Secrets Manager. Make one with a factory such as
// GoPostgreSQLSingleUser.
type GoRotation struct {
	strategy string
	master   secrets.Reference
	opts     GoRotationOptions
}

// Strategy is the function's SECRETSMITH_STRATEGY, such as postgres-single-user.
func (g *GoRotation) Strategy() string { return g.strategy }

func goRotation(strategy string, master secrets.Reference, opts *GoRotationOptions) *GoRotation {
	g := &GoRotation{strategy: strategy, master: master}
	if opts != nil {
		g.opts = *opts
	}
	return g
}

// GoPostgreSQLSingleUser rotates a PostgreSQL user's own password. opts may be nil.
func GoPostgreSQLSingleUser(opts *GoRotationOptions) *GoRotation {
	return goRotation("postgres-single-user", nil, opts)
}

// GoPostgreSQLAlternatingUsers alternates a PostgreSQL user and its clone (<user>_clone,
// a member of the user), created and changed with master's credentials; the secret's value
// names master in its masterarn field. opts may be nil.
func GoPostgreSQLAlternatingUsers(master secrets.Reference, opts *GoRotationOptions) *GoRotation {
	return goRotation("postgres-alternating-users", master, opts)
}

// GoMySQLSingleUser rotates a MySQL or MariaDB user's own password. opts may be nil.
func GoMySQLSingleUser(opts *GoRotationOptions) *GoRotation {
	return goRotation("mysql-single-user", nil, opts)
}

// GoMySQLAlternatingUsers alternates a MySQL or MariaDB user and its clone
// (<user>_clone, with the user's grants), created and changed with master's credentials;
// the secret's value names master in its masterarn field. opts may be nil.
func GoMySQLAlternatingUsers(master secrets.Reference, opts *GoRotationOptions) *GoRotation {
	return goRotation("mysql-alternating-users", master, opts)
}

// GoGenerate puts a new generated value in the secret at each rotation and tells no other
// system: for values that only Secrets Manager holds, such as a token that clients and a
// service both read from the secret. The secret's generator (template and key) shapes the
// value; without one the value is the bare password. opts may be nil.
func GoGenerate(opts *GoRotationOptions) *GoRotation {
	return goRotation("generate", nil, opts)
}

// check reports what is wrong with g's options.
func (g *GoRotation) check() []error {
	if g.strategy == "" {
		return []error{errors.New("GoRotation must be made with one of its factories, such as rotation.GoPostgreSQLSingleUser")}
	}
	var errs []error
	prefix := "GoRotation " + g.strategy
	if g.strategy == "postgres-alternating-users" || g.strategy == "mysql-alternating-users" {
		if missing(g.master) {
			errs = append(errs, fmt.Errorf("%s: the master secret is required", prefix))
		}
	}
	errs = append(errs, vpcProblems(prefix, g.opts.VPC, g.opts.SecurityGroupIDs)...)
	if g.opts.Archive != nil && g.opts.CABundle != "" {
		errs = append(errs, fmt.Errorf("%s: CABundle is packed into the archive the program builds: it cannot go with Archive", prefix))
	}
	return errs
}

// goFunction is the deployed function and what the schedule reports of it.
type goFunction struct {
	function *lambda.Function
	role     *iam.Role
	groups   pulumi.StringArrayOutput
}

// deploy builds and deploys g's function for secret under parent: the role "<name>-role"
// with AWS's execution policies attached ("<name>-logs", and in a VPC "<name>-vpc"), its
// read access to the master secret "<name>-master", a security group "<name>-sg" when in a VPC without given
// groups, and the function "<name>-function".
func (g *GoRotation) deploy(ctx *pulumi.Context, name string, secret secrets.Reference, parent pulumi.Resource) (*goFunction, error) {
	code := g.opts.Archive
	if code == nil {
		path, err := rotatorArchive(g.opts.CABundle)
		if err != nil {
			return nil, fmt.Errorf("rotation: %s: %w", name, err)
		}
		code = pulumi.NewFileArchive(path)
	}
	env, err := g.environment(secret)
	if err != nil {
		return nil, fmt.Errorf("rotation: %s: %w", name, err)
	}
	role, err := iam.NewRole(ctx, name+"-role", &iam.RoleArgs{
		Description:      pulumi.String("rotation function of " + name),
		AssumeRolePolicy: pulumi.String(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`),
	}, pulumi.Parent(parent))
	if err != nil {
		return nil, err
	}
	out := &goFunction{role: role, groups: pulumi.StringArray{}.ToStringArrayOutput()}
	deps := []pulumi.Resource{role}
	// AWS's execution policies: logs, and in a VPC the network interfaces.
	managed := map[string]string{"logs": "AWSLambdaBasicExecutionRole"}
	if g.opts.VPC != nil {
		managed["vpc"] = "AWSLambdaVPCAccessExecutionRole"
	}
	part := aws.GetPartitionOutput(ctx, aws.GetPartitionOutputArgs{}, pulumi.Parent(parent)).Partition()
	for _, suffix := range []string{"logs", "vpc"} {
		if managed[suffix] == "" {
			continue
		}
		a, err := iam.NewRolePolicyAttachment(ctx, name+"-"+suffix, &iam.RolePolicyAttachmentArgs{
			Role:      role.Name,
			PolicyArn: pulumi.Sprintf("arn:%s:iam::aws:policy/service-role/%s", part, managed[suffix]),
		}, pulumi.Parent(parent))
		if err != nil {
			return nil, err
		}
		deps = append(deps, a)
	}
	if g.master != nil {
		read, err := grants.New(ctx, name+"-master", grants.Role(role), grants.Read, grants.Secrets(g.master),
			grants.PrimaryOnly(), grants.ResourceOptions(pulumi.Parent(parent)))
		if err != nil {
			return nil, err
		}
		deps = append(deps, read)
		warnRootDelete(ctx, name, "master secret", g.master)
	}
	fnArgs := &lambda.FunctionArgs{
		Description:   pulumi.String("secretsmith rotation (" + g.strategy + ") of " + name),
		Runtime:       pulumi.String("provided.al2023"),
		Handler:       pulumi.String("bootstrap"),
		Architectures: pulumi.ToStringArray([]string{"arm64"}),
		Code:          code,
		Role:          role.Arn,
		Timeout:       pulumi.Int(30),
		MemorySize:    pulumi.Int(256),
		Environment:   &lambda.FunctionEnvironmentArgs{Variables: env},
	}
	if v := g.opts.VPC; v != nil {
		out.groups, err = securityGroups(ctx, name, v.ID, g.opts.SecurityGroupIDs, parent)
		if err != nil {
			return nil, err
		}
		fnArgs.VpcConfig = &lambda.FunctionVpcConfigArgs{SubnetIds: v.SubnetIDs, SecurityGroupIds: out.groups}
	}
	out.function, err = lambda.NewFunction(ctx, name+"-function", fnArgs, pulumi.Parent(parent), pulumi.DependsOn(deps))
	return out, err
}

// environment is the function's environment: its strategy, the password options, the
// generator's template and key for GoGenerate, the endpoint and the CA bundle.
func (g *GoRotation) environment(secret secrets.Reference) (pulumi.StringMap, error) {
	env := pulumi.StringMap{"SECRETSMITH_STRATEGY": pulumi.String(g.strategy)}
	opts := password.Request{ExcludeCharacters: DefaultExcludeCharacters}
	if gen := generatorOf(secret); gen != nil {
		opts = gen.PasswordOptions()
		if g.strategy == "generate" && gen.GenerateStringKey != "" {
			env["SECRETSMITH_TEMPLATE"] = pulumi.String(gen.SecretStringTemplate)
			env["SECRETSMITH_KEY"] = pulumi.String(gen.GenerateStringKey)
		}
	}
	if g.opts.ExcludeCharacters != nil {
		opts.ExcludeCharacters = *g.opts.ExcludeCharacters
	}
	b, err := json.Marshal(opts)
	if err != nil {
		return nil, err
	}
	env["SECRETSMITH_PASSWORD"] = pulumi.String(b)
	if e := g.opts.SecretsManagerEndpoint; e != nil {
		env["SECRETS_MANAGER_ENDPOINT"] = e
	}
	if g.opts.CABundle != "" {
		env["SECRETSMITH_CA_BUNDLE"] = pulumi.String("/var/task/" + caBundleFile)
	}
	return env, nil
}
