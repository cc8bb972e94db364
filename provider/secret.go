package main

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/problems"
	"github.com/secretsmith/secretsmith/replica"
	"github.com/secretsmith/secretsmith/secrets"
)

// SecretArgs are secrets.SecretArgs on the wire.
type SecretArgs struct {
	SecretName           pulumi.StringInput    `pulumi:"secretName,optional"`
	Description          pulumi.StringInput    `pulumi:"description,optional"`
	EncryptionKey        pulumi.StringInput    `pulumi:"encryptionKey,optional"`
	Tags                 pulumi.StringMapInput `pulumi:"tags,optional"`
	GenerateSecretString *Generator            `pulumi:"generateSecretString,optional"`
	SecretStringValue    pulumi.StringInput    `pulumi:"secretStringValue,optional" provider:"secret"`
	SecretObjectValue    pulumi.StringMapInput `pulumi:"secretObjectValue,optional" provider:"secret"`
	SecretBinaryValue    pulumi.StringInput    `pulumi:"secretBinaryValue,optional" provider:"secret"`
	GenerateInAWS        bool                  `pulumi:"generateInAws,optional"`
	Target               *Target               `pulumi:"target,optional"`
	ReplicaRegions       []ReplicaRegion       `pulumi:"replicaRegions,optional"`
	ForceOverwrite       bool                  `pulumi:"forceOverwriteReplicaSecret,optional"`
	ResourcePolicy       []Statement           `pulumi:"resourcePolicy,optional"`
	BlockPublicPolicy    *bool                 `pulumi:"blockPublicPolicy,optional"`
	DenyRootDelete       bool                  `pulumi:"denyAccountRootDelete,optional"`
	RemovalPolicy        *RemovalPolicy        `pulumi:"removalPolicy,optional"`
	RecoveryWindowInDays *int                  `pulumi:"recoveryWindowInDays,optional"`
}

// Annotate documents the arguments.
func (a *SecretArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.SecretName, "The secret's name: 1 to 512 letters, digits and /_+=.@-. If left out, Pulumi names the secret after the component with a random suffix.")
	an.Describe(&a.Description, "Describes the secret. If left out, the secret has no description.")
	an.Describe(&a.EncryptionKey, "The ARN of the KMS key that encrypts the secret. If left out, Secrets Manager uses the AWS managed key aws/secretsmanager, which cannot be shared with other accounts.")
	an.Describe(&a.Tags, "The secret's tags. If left out, none (beyond the provider's default tags).")
	an.Describe(&a.GenerateSecretString, "Generates the value, with Secrets Manager's GetRandomPassword semantics. It is the default when no value is given.")
	an.Describe(&a.SecretStringValue, "The value, as given.")
	an.Describe(&a.SecretObjectValue, "A value made of fields, stored as one JSON object with the keys in sorted order.")
	an.Describe(&a.SecretBinaryValue, "A binary value, base64-encoded.")
	an.Describe(&a.GenerateInAWS, "Keeps the generated value out of the stack's state: the secret is created without a version and a Go rotation function writes the first value. If left out, false: the program sets the value.")
	an.Describe(&a.Target, "The database the credentials belong to: its engine, host and port are merged into the JSON value. If left out, the value is stored as set.")
	an.Describe(&a.ReplicaRegions, "The regions the secret is replicated to, each optionally with a KMS key of that region. If left out, the secret lives in the provider's region only.")
	an.Describe(&a.ForceOverwrite, "Overwrites a secret of the same name already in a replica region. If left out, false: replication to such a region fails.")
	an.Describe(&a.ResourcePolicy, "The statements of the secret's resource policy, for principals outside the program. Principals of other accounts need encryptionKey and get a kms.Grant on it. If left out (and denyAccountRootDelete is false), the secret has no resource policy.")
	an.Describe(&a.BlockPublicPolicy, "Makes Secrets Manager reject a resource policy that would give public access. If left out, true.")
	an.Describe(&a.DenyRootDelete, "Adds a statement denying secretsmanager:DeleteSecret to the account root. If left out, false.")
	an.Describe(&a.RemovalPolicy, "Whether the secret is deleted or kept when Pulumi deletes it. If left out, destroy.")
	an.Describe(&a.RecoveryWindowInDays, "How long a deleted secret can be restored: 0 deletes it at once, otherwise 7 to 30 days. If left out, 30 days.")
}

// Generator is secrets.SecretStringGenerator on the wire.
type Generator struct {
	SecretStringTemplate    string `pulumi:"secretStringTemplate,optional"`
	GenerateStringKey       string `pulumi:"generateStringKey,optional"`
	PasswordLength          int    `pulumi:"passwordLength,optional"`
	ExcludeCharacters       string `pulumi:"excludeCharacters,optional"`
	ExcludePunctuation      bool   `pulumi:"excludePunctuation,optional"`
	ExcludeUppercase        bool   `pulumi:"excludeUppercase,optional"`
	ExcludeLowercase        bool   `pulumi:"excludeLowercase,optional"`
	ExcludeNumbers          bool   `pulumi:"excludeNumbers,optional"`
	IncludeSpace            bool   `pulumi:"includeSpace,optional"`
	RequireEachIncludedType *bool  `pulumi:"requireEachIncludedType,optional"`
}

// Annotate documents the generator.
func (g *Generator) Annotate(an infer.Annotator) {
	an.Describe(g, "Generates a secret's value with the semantics of Secrets Manager's GetRandomPassword, optionally inside a JSON template. Every field left out takes GetRandomPassword's default.")
	an.Describe(&g.SecretStringTemplate, "A JSON object the generated password is added to, under generateStringKey. If left out, the value is the password alone.")
	an.Describe(&g.GenerateStringKey, "The key of the password in secretStringTemplate. Required with secretStringTemplate.")
	an.Describe(&g.PasswordLength, "The password's length, 1 to 4096. If left out, 32.")
	an.Describe(&g.ExcludeCharacters, "Characters the password never contains. If left out, none.")
	an.Describe(&g.ExcludePunctuation, "Leaves punctuation out. If left out, false.")
	an.Describe(&g.ExcludeUppercase, "Leaves uppercase letters out. If left out, false.")
	an.Describe(&g.ExcludeLowercase, "Leaves lowercase letters out. If left out, false.")
	an.Describe(&g.ExcludeNumbers, "Leaves digits out. If left out, false.")
	an.Describe(&g.IncludeSpace, "Lets the password contain spaces. If left out, false.")
	an.Describe(&g.RequireEachIncludedType, "Requires a character of every included type. If left out, true.")
}

// Target is secrets.TargetAttachment on the wire.
type Target struct {
	Engine               pulumi.StringInput `pulumi:"engine"`
	Host                 pulumi.StringInput `pulumi:"host"`
	Port                 pulumi.IntInput    `pulumi:"port"`
	DBInstanceIdentifier pulumi.StringInput `pulumi:"dbInstanceIdentifier,optional"`
	DBClusterIdentifier  pulumi.StringInput `pulumi:"dbClusterIdentifier,optional"`
	MasterSecretARN      pulumi.StringInput `pulumi:"masterSecretArn,optional"`
}

// Annotate documents the target.
func (t *Target) Annotate(an infer.Annotator) {
	an.Describe(t, "The database a secret's credentials belong to: its connection fields are merged into the secret's JSON value, as CloudFormation's SecretTargetAttachment does, so that rotation functions find the database.")
	an.Describe(&t.Engine, `The database engine, such as "mysql" or "postgres": the "engine" field.`)
	an.Describe(&t.Host, `The database's endpoint address: the "host" field.`)
	an.Describe(&t.Port, `The database's port: the "port" field.`)
	an.Describe(&t.DBInstanceIdentifier, `The RDS instance's identifier: the "dbInstanceIdentifier" field. If left out, the field is left out.`)
	an.Describe(&t.DBClusterIdentifier, `The cluster's identifier: the "dbClusterIdentifier" field. If left out, the field is left out.`)
	an.Describe(&t.MasterSecretARN, `The ARN of the secret whose user changes this one's password: the "masterarn" field, which the alternating-users rotation functions read. If left out, the field is left out.`)
}

// ReplicaRegion is replica.Region on the wire.
type ReplicaRegion struct {
	Region        string             `pulumi:"region"`
	EncryptionKey pulumi.StringInput `pulumi:"encryptionKey,optional"`
	Provider      *aws.Provider      `pulumi:"provider,optional" provider:"type=aws@6.83.4:index:Provider"`
}

// Annotate documents the replica.
func (r *ReplicaRegion) Annotate(an infer.Annotator) {
	an.Describe(r, "A region the secret is replicated to.")
	an.Describe(&r.Region, `The region's name, such as "eu-west-1".`)
	an.Describe(&r.EncryptionKey, "The ARN of the KMS key, in region, that encrypts the replica. If left out, the AWS managed key of that region.")
	an.Describe(&r.Provider, "An explicit AWS provider for region. Needed only where a resource is made there: the kms.Grant on encryptionKey for the principals of other accounts that the resource policy lets read or write. If left out, there must be none.")
}

// RemovalPolicy is secrets.RemovalPolicy on the wire.
type RemovalPolicy string

// The removal policies.
const (
	RemovalPolicyDestroy RemovalPolicy = "destroy"
	RemovalPolicyRetain  RemovalPolicy = "retain"
)

// Values lists the removal policies.
func (RemovalPolicy) Values() []infer.EnumValue[RemovalPolicy] {
	return []infer.EnumValue[RemovalPolicy]{
		{Name: "Destroy", Value: RemovalPolicyDestroy, Description: "Deletes the secret when Pulumi deletes it, after recoveryWindowInDays."},
		{Name: "Retain", Value: RemovalPolicyRetain, Description: "Leaves the secret and its value in AWS when Pulumi deletes it."},
	}
}

// Secret is the secretsmith:secrets:Secret component: secrets.Secret with its outputs.
type Secret struct {
	*secrets.Secret
	// ARN and Name shadow the Go component's fields: the construct result reads only the
	// wrapper's own.
	ARN  pulumi.StringOutput `pulumi:"arn"`
	Name pulumi.StringOutput `pulumi:"name"`
	// KMSKeyARN is the key's ARN, or "" for the AWS managed key.
	KMSKeyARN pulumi.StringOutput `pulumi:"kmsKeyArn"`
	// ReplicaARNs maps each replica region to the replica's ARN.
	ReplicaARNs pulumi.StringMapOutput `pulumi:"replicaArns"`
	// Value is the value the program set, a Pulumi secret; empty with generateInAws.
	Value pulumi.StringOutput `pulumi:"secretValue" provider:"secret"`
}

// Annotate documents the component and its outputs.
func (s *Secret) Annotate(an infer.Annotator) {
	embedded(&s.Secret)
	an.SetToken("secrets", "Secret")
	an.Describe(&s.ARN, "The secret's complete ARN, with the 6-character suffix.")
	an.Describe(&s.Name, "The secret's name.")
	an.Describe(s, "A Secrets Manager secret the program owns: the secret, the version holding its value and, when the value is generated, the random seed behind it.")
	an.Describe(&s.KMSKeyARN, "The ARN of the key given as encryptionKey, or empty for the AWS managed key.")
	an.Describe(&s.ReplicaARNs, "Each replica region's replica ARN.")
	an.Describe(&s.Value, "The value the program set (always a secret). Empty with generateInAws. After a rotation AWS holds a newer one: hand applications the ARN and a grant instead.")
}

// newSecret constructs the component from its wire arguments.
func newSecret(ctx *pulumi.Context, name string, args SecretArgs, opts ...pulumi.ResourceOption) (*Secret, error) {
	goArgs, found := args.toGo()
	if err := problems.Join("secrets", found); err != nil {
		return nil, err
	}
	s, err := secrets.NewSecret(ctx, name, goArgs, opts...)
	if err != nil {
		return nil, err
	}
	out := &Secret{Secret: s, ARN: s.ARN, Name: s.Name, ReplicaARNs: s.ReplicaARNs(), KMSKeyARN: pulumi.String("").ToStringOutput()}
	if k := s.EncryptionKeyARN(); k != nil {
		out.KMSKeyARN = k.ToStringOutput()
	}
	out.Value = pulumi.ToSecret(pulumi.String("")).(pulumi.StringOutput)
	if !args.GenerateInAWS {
		out.Value = s.SecretValue()
	}
	return out, nil
}

// toGo is a as secrets.SecretArgs.
func (a SecretArgs) toGo() (*secrets.SecretArgs, []error) {
	out := &secrets.SecretArgs{
		SecretName: a.SecretName, Description: a.Description, EncryptionKey: a.EncryptionKey, Tags: a.Tags,
		SecretStringValue: a.SecretStringValue, SecretObjectValue: a.SecretObjectValue, SecretBinaryValue: a.SecretBinaryValue,
		GenerateInAWS: a.GenerateInAWS, ForceOverwriteReplicaSecret: a.ForceOverwrite, BlockPublicPolicy: a.BlockPublicPolicy,
		DenyAccountRootDelete: a.DenyRootDelete, RecoveryWindowInDays: a.RecoveryWindowInDays,
	}
	if g := a.GenerateSecretString; g != nil {
		out.GenerateSecretString = &secrets.SecretStringGenerator{
			SecretStringTemplate: g.SecretStringTemplate, GenerateStringKey: g.GenerateStringKey, PasswordLength: g.PasswordLength,
			ExcludeCharacters: g.ExcludeCharacters, ExcludePunctuation: g.ExcludePunctuation, ExcludeUppercase: g.ExcludeUppercase,
			ExcludeLowercase: g.ExcludeLowercase, ExcludeNumbers: g.ExcludeNumbers, IncludeSpace: g.IncludeSpace,
			RequireEachIncludedType: g.RequireEachIncludedType,
		}
	}
	if t := a.Target; t != nil {
		out.Target = &secrets.TargetAttachment{Engine: t.Engine, Host: t.Host, Port: t.Port,
			DBInstanceIdentifier: t.DBInstanceIdentifier, DBClusterIdentifier: t.DBClusterIdentifier, MasterSecretARN: t.MasterSecretARN}
	}
	for _, r := range a.ReplicaRegions {
		region := replica.Region{Region: r.Region, EncryptionKey: r.EncryptionKey}
		if r.Provider != nil { // a nil *aws.Provider is not a nil ProviderResource
			region.Provider = r.Provider
		}
		out.ReplicaRegions = append(out.ReplicaRegions, region)
	}
	var found []error
	for i, st := range a.ResourcePolicy {
		s, err := st.toGo()
		if err != nil {
			found = append(found, fmt.Errorf("resourcePolicy[%d]: %w", i, err))
		}
		out.ResourcePolicy = append(out.ResourcePolicy, s)
	}
	if p := a.RemovalPolicy; p != nil {
		switch *p {
		case RemovalPolicyDestroy:
		case RemovalPolicyRetain:
			out.RemovalPolicy = secrets.RemovalPolicyRetain
		default:
			found = append(found, fmt.Errorf("removalPolicy must be %q or %q, got %q", RemovalPolicyDestroy, RemovalPolicyRetain, *p))
		}
	}
	return out, found
}
