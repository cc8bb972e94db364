package rotation

import (
	"errors"
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/secrets"
)

// DefaultExcludeCharacters are the characters hosted rotation leaves out of new passwords
// when neither the options nor the secret's generator say otherwise (CDK's default).
const DefaultExcludeCharacters = " %+~`#$&*()|[]{}:;<>?!'/@\"\\"

// VPC places a rotation function in a VPC.
type VPC struct {
	// ID is the VPC's ID. Required: a security group for the function is created in it
	// when no SecurityGroupIDs are given.
	ID pulumi.StringInput `pulumi:"id"`
	// SubnetIDs are the subnets the function runs in, usually private ones with a route to
	// Secrets Manager (or a VPC endpoint) and to the database. Required.
	SubnetIDs pulumi.StringArrayInput `pulumi:"subnetIds"`
}

// HostedRotationOptions adjust a hosted rotation function.
type HostedRotationOptions struct {
	// FunctionName is the rotation Lambda's name, at most 64 characters. If empty, it is
	// "<project>-<stack>-<RotationSchedule name>": its last 64 letters, digits, - and _.
	FunctionName string `pulumi:"functionName"`
	// VPC runs the function in a VPC. If nil, the function runs outside any VPC.
	VPC *VPC `pulumi:"vpc"`
	// SecurityGroupIDs are the function's security groups; they need VPC. If empty and VPC
	// is given, a security group is created (RotationSchedule.SecurityGroupIDs): allow it
	// into the database.
	SecurityGroupIDs pulumi.StringArrayInput `pulumi:"securityGroupIds"`
	// ExcludeCharacters are left out of the passwords the function generates. If nil, they
	// are the secret's generator's ExcludeCharacters when it has any, else
	// DefaultExcludeCharacters.
	ExcludeCharacters *string `pulumi:"excludeCharacters"`
}

// HostedRotation is a rotation function that AWS publishes, deployed from the Serverless
// Application Repository. Make one with a factory such as MySQLSingleUser.
type HostedRotation struct {
	rotationType string
	app          Application
	master       secrets.Reference // the multi-user scheme's master secret
	opts         HostedRotationOptions
}

// RotationType is the hosted rotation's type, as CloudFormation names it (MySQLSingleUser).
func (h *HostedRotation) RotationType() string { return h.rotationType }

func hosted(rotationType string, app Application, master secrets.Reference, opts *HostedRotationOptions) *HostedRotation {
	h := &HostedRotation{rotationType: rotationType, app: app, master: master}
	if opts != nil {
		h.opts = *opts
	}
	return h
}

// MySQLSingleUser rotates a MySQL user's own password. opts may be nil.
func MySQLSingleUser(opts *HostedRotationOptions) *HostedRotation {
	return hosted("MySQLSingleUser", MySQLRotationSingleUser, nil, opts)
}

// MySQLMultiUser alternates two MySQL users, changed with master's credentials. opts
// may be nil.
func MySQLMultiUser(master secrets.Reference, opts *HostedRotationOptions) *HostedRotation {
	return hosted("MySQLMultiUser", MySQLRotationMultiUser, master, opts)
}

// PostgreSQLSingleUser rotates a PostgreSQL user's own password. opts may be nil.
func PostgreSQLSingleUser(opts *HostedRotationOptions) *HostedRotation {
	return hosted("PostgreSQLSingleUser", PostgresRotationSingleUser, nil, opts)
}

// PostgreSQLMultiUser alternates two PostgreSQL users, changed with master's credentials. opts
// may be nil.
func PostgreSQLMultiUser(master secrets.Reference, opts *HostedRotationOptions) *HostedRotation {
	return hosted("PostgreSQLMultiUser", PostgresRotationMultiUser, master, opts)
}

// OracleSingleUser rotates an Oracle user's own password. opts may be nil.
func OracleSingleUser(opts *HostedRotationOptions) *HostedRotation {
	return hosted("OracleSingleUser", OracleRotationSingleUser, nil, opts)
}

// OracleMultiUser alternates two Oracle users, changed with master's credentials. opts
// may be nil.
func OracleMultiUser(master secrets.Reference, opts *HostedRotationOptions) *HostedRotation {
	return hosted("OracleMultiUser", OracleRotationMultiUser, master, opts)
}

// MariaDBSingleUser rotates a MariaDB user's own password. opts may be nil.
func MariaDBSingleUser(opts *HostedRotationOptions) *HostedRotation {
	return hosted("MariaDBSingleUser", MariaDBRotationSingleUser, nil, opts)
}

// MariaDBMultiUser alternates two MariaDB users, changed with master's credentials. opts
// may be nil.
func MariaDBMultiUser(master secrets.Reference, opts *HostedRotationOptions) *HostedRotation {
	return hosted("MariaDBMultiUser", MariaDBRotationMultiUser, master, opts)
}

// SQLServerSingleUser rotates a SQL Server user's own password. opts may be nil.
func SQLServerSingleUser(opts *HostedRotationOptions) *HostedRotation {
	return hosted("SQLServerSingleUser", SQLServerRotationSingleUser, nil, opts)
}

// SQLServerMultiUser alternates two SQL Server users, changed with master's credentials. opts
// may be nil.
func SQLServerMultiUser(master secrets.Reference, opts *HostedRotationOptions) *HostedRotation {
	return hosted("SQLServerMultiUser", SQLServerRotationMultiUser, master, opts)
}

// RedshiftSingleUser rotates a Redshift user's own password. opts may be nil.
func RedshiftSingleUser(opts *HostedRotationOptions) *HostedRotation {
	return hosted("RedshiftSingleUser", RedshiftRotationSingleUser, nil, opts)
}

// RedshiftMultiUser alternates two Redshift users, changed with master's credentials. opts
// may be nil.
func RedshiftMultiUser(master secrets.Reference, opts *HostedRotationOptions) *HostedRotation {
	return hosted("RedshiftMultiUser", RedshiftRotationMultiUser, master, opts)
}

// MongoDBSingleUser rotates a MongoDB user's own password. opts may be nil.
func MongoDBSingleUser(opts *HostedRotationOptions) *HostedRotation {
	return hosted("MongoDBSingleUser", MongoDBRotationSingleUser, nil, opts)
}

// MongoDBMultiUser alternates two MongoDB users, changed with master's credentials. opts
// may be nil.
func MongoDBMultiUser(master secrets.Reference, opts *HostedRotationOptions) *HostedRotation {
	return hosted("MongoDBMultiUser", MongoDBRotationMultiUser, master, opts)
}

// check reports what is wrong with h's options (CDK V15, V16).
func (h *HostedRotation) check() []error {
	if h.rotationType == "" {
		return []error{errors.New("HostedRotation must be made with one of its factories, such as rotation.MySQLSingleUser")}
	}
	var errs []error
	prefix := "HostedRotation " + h.rotationType
	if h.app.MultiUser() && missing(h.master) {
		errs = append(errs, fmt.Errorf("%s: the master secret must be specified when using the multi user scheme", prefix))
	}
	errs = append(errs, vpcProblems(prefix, h.opts.VPC, h.opts.SecurityGroupIDs)...)
	if n := h.opts.FunctionName; n != "" && (len(n) > 64 || lambdaName(n) != n) {
		errs = append(errs, fmt.Errorf("%s: FunctionName must be 1 to 64 letters, digits, - and _, got %q", prefix, n))
	}
	return errs
}

// vpcProblems reports a function's VPC options that do not go together (CDK V16).
func vpcProblems(prefix string, vpc *VPC, groups pulumi.StringArrayInput) []error {
	var errs []error
	if groups != nil && vpc == nil {
		errs = append(errs, fmt.Errorf("%s: VPC must be specified when specifying SecurityGroupIDs", prefix))
	}
	if vpc != nil && (vpc.ID == nil || vpc.SubnetIDs == nil) {
		errs = append(errs, fmt.Errorf("%s: VPC needs both ID and SubnetIDs", prefix))
	}
	return errs
}

// groupCount is how many security groups a function gets: none outside a VPC, the one
// created, or those given when given plainly; -1 when only deployment knows.
func groupCount(vpc *VPC, given pulumi.StringArrayInput) int {
	switch {
	case vpc == nil:
		return 0
	case given == nil:
		return 1
	default:
		if plain, ok := given.(pulumi.StringArray); ok {
			return len(plain)
		}
		return -1
	}
}

// deploy deploys the hosted function for secret under parent, and returns its ARN and, in a
// VPC, its security groups.
func (h *HostedRotation) deploy(ctx *pulumi.Context, name string, secret secrets.Reference, parent pulumi.Resource) (pulumi.StringOutput, pulumi.StringArrayOutput, error) {
	p := appParams{
		functionName:      h.opts.FunctionName,
		excludeCharacters: excludeCharacters(h.opts.ExcludeCharacters, secret),
		secret:            secret,
		securityGroupIDs:  pulumi.StringArray{}.ToStringArrayOutput(),
	}
	if p.functionName == "" {
		p.functionName = functionName(ctx, name)
	}
	if h.app.MultiUser() {
		p.master = h.master
		warnRootDelete(ctx, name, "master secret", p.master)
	}
	if v := h.opts.VPC; v != nil {
		groups, err := securityGroups(ctx, name, v.ID, h.opts.SecurityGroupIDs, parent)
		if err != nil {
			return pulumi.StringOutput{}, pulumi.StringArrayOutput{}, err
		}
		p.subnetIDs, p.securityGroupIDs = v.SubnetIDs, groups
	}
	arn, err := deployApp(ctx, name, h.app, p, parent)
	return arn, p.securityGroupIDs, err
}

// excludeCharacters are the characters a rotation function leaves out: given, else the
// secret's generator's, else DefaultExcludeCharacters.
func excludeCharacters(given *string, secret secrets.Reference) string {
	if given != nil {
		return *given
	}
	if g := generatorOf(secret); g != nil && g.ExcludeCharacters != "" {
		return g.ExcludeCharacters
	}
	return DefaultExcludeCharacters
}
