package secrets

import (
	"fmt"
	"slices"
	"sort"
	"sync"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/kms"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/secretsmanager"
	"github.com/pulumi/pulumi-random/sdk/v4/go/random"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/internal/arn"
	"github.com/secretsmith/secretsmith/internal/grantshook"
	"github.com/secretsmith/secretsmith/replica"
)

// SecretType is the Pulumi type token of the Secret component.
const SecretType = "secretsmith:secrets:Secret"

// RemovalPolicy says what happens to the secret when it leaves the program.
type RemovalPolicy int

const (
	// RemovalPolicyDestroy deletes the secret on `pulumi destroy` or when it is removed
	// from the program, after RecoveryWindowInDays. It is the default.
	RemovalPolicyDestroy RemovalPolicy = iota
	// RemovalPolicyRetain leaves the secret and its value in AWS when Pulumi deletes it
	// (pulumi.RetainOnDelete on every child that holds data).
	RemovalPolicyRetain
)

// String returns the policy's name.
func (p RemovalPolicy) String() string {
	switch p {
	case RemovalPolicyDestroy:
		return "RemovalPolicyDestroy"
	case RemovalPolicyRetain:
		return "RemovalPolicyRetain"
	}
	return fmt.Sprintf("RemovalPolicy(%d)", int(p))
}

// SecretArgs are the arguments of NewSecret. Every field is optional: nil args create a
// secret with a generated 32-character value, named by Pulumi.
//
// The value is exactly one of GenerateSecretString, SecretStringValue, SecretObjectValue or
// SecretBinaryValue; if none is given, a value is generated with SecretStringGenerator's
// defaults.
type SecretArgs struct {
	// SecretName is the name of the secret: 1 to 512 letters, digits and /_+=.@-. Do not end
	// it with a hyphen followed by six characters: Secrets Manager appends such a suffix to
	// complete ARNs, and partial-ARN matching gets confused. If nil, Pulumi names the secret
	// after the component with a random suffix.
	SecretName pulumi.StringInput `pulumi:"secretName"`
	// Description describes the secret. If nil, the secret has no description.
	Description pulumi.StringInput `pulumi:"description"`
	// EncryptionKey is the ARN of the KMS key that encrypts the secret. If nil, Secrets
	// Manager uses the AWS managed key aws/secretsmanager, which cannot be shared with other
	// accounts.
	EncryptionKey pulumi.StringInput `pulumi:"encryptionKey"`
	// Tags are the secret's tags. If nil, the secret has none (beyond provider default tags).
	Tags pulumi.StringMapInput `pulumi:"tags"`

	// GenerateSecretString generates the value. It is the default when no value is given.
	GenerateSecretString *SecretStringGenerator `pulumi:"generateSecretString"`
	// SecretStringValue is the value, as given. It is stored as a Pulumi secret.
	SecretStringValue pulumi.StringInput `pulumi:"secretStringValue"`
	// SecretObjectValue is a value made of fields: it is stored as one JSON object with the
	// keys in sorted order. The values may come from other resources.
	SecretObjectValue pulumi.StringMapInput `pulumi:"secretObjectValue"`
	// SecretBinaryValue is a binary value, base64-encoded.
	SecretBinaryValue pulumi.StringInput `pulumi:"secretBinaryValue"`
	// GenerateInAWS keeps the generated value out of the stack's state: the secret is
	// created without a version and without a seed, and the rotation function that a
	// rotation.GoGenerate schedule deploys writes the first value (GenerateSecretString's
	// template and options, or its defaults) as the schedule is created, then a new one at
	// each rotation. CDK gets this from CloudFormation's server-side generation, Terraform
	// from write-only attributes. SecretValue has nothing to return; CurrentValue reads the
	// value once the first rotation ran, and puts it in the state of whatever uses it. For
	// an RDS master password, RDS's own manageMasterUserPassword is the better choice: RDS
	// keeps and rotates the secret itself. If false, the value is set by the program.
	GenerateInAWS bool `pulumi:"generateInAws"`

	// Target is the database the credentials belong to: its engine, host and port are
	// merged into the JSON value (CDK's attach, CloudFormation's SecretTargetAttachment). The
	// value must be a JSON object: a template, an object value or a JSON string. If nil, the
	// value is stored as set.
	Target *TargetAttachment `pulumi:"target"`

	// ReplicaRegions are the regions the secret is replicated to, each optionally with a KMS
	// key of that region (replica.NewKeys makes such keys). If empty, the secret lives in the
	// provider's region only. Replicas are part of the secret resource, so they are declared
	// here: there is no adding one after construction. Grants cover every replica.
	ReplicaRegions []replica.Region `pulumi:"replicaRegions"`
	// ForceOverwriteReplicaSecret overwrites a secret of the same name already in a replica
	// region. If false, replication to such a region fails.
	ForceOverwriteReplicaSecret bool `pulumi:"forceOverwriteReplicaSecret"`

	// ResourcePolicy are the statements of the secret's resource policy, for principals
	// outside the program: grants.AllowRead(grants.Account("222222222222")),
	// grants.AllowWrite(...) or free-form grants.Statement values, whose Resources default to
	// the secret. AWS allows one resource policy per secret, so it is declared here, once.
	// Principals of other accounts need EncryptionKey (the AWS managed key cannot be shared)
	// and then each get a kms.Grant on it. If empty (and DenyAccountRootDelete is false),
	// the secret has no resource policy.
	ResourcePolicy []grants.Statement `pulumi:"resourcePolicy"`
	// BlockPublicPolicy makes Secrets Manager reject a resource policy that would give
	// public access. If nil, it is true.
	BlockPublicPolicy *bool `pulumi:"blockPublicPolicy"`
	// DenyAccountRootDelete adds a statement denying secretsmanager:DeleteSecret to the
	// account root (CDK's denyAccountRootDelete, which CDK adds to rotated secrets). If
	// false, there is no such statement.
	DenyAccountRootDelete bool `pulumi:"denyAccountRootDelete"`

	// RemovalPolicy says whether the secret is deleted or kept when Pulumi deletes it. If
	// zero, it is RemovalPolicyDestroy.
	RemovalPolicy RemovalPolicy `pulumi:"removalPolicy"`
	// RecoveryWindowInDays is how long a deleted secret can be restored: 0 deletes it at once,
	// otherwise 7 to 30 days. If nil, Secrets Manager keeps it for 30 days. (CloudFormation,
	// and so CDK, always deletes at once.)
	RecoveryWindowInDays *int `pulumi:"recoveryWindowInDays"`
}

// Secret is a Secrets Manager secret that the program owns: an aws.secretsmanager.Secret and
// the SecretVersion holding its value, with a random.RandomBytes seed when the value is
// generated. Create it with NewSecret.
type Secret struct {
	pulumi.ResourceState

	// ARN is the secret's complete ARN, with the 6-character suffix.
	ARN pulumi.StringOutput `pulumi:"arn"`
	// Name is the secret's name.
	Name pulumi.StringOutput `pulumi:"name"`

	// Resource is the underlying aws.secretsmanager.Secret.
	Resource *secretsmanager.Secret
	// Version is the SecretVersion that holds the value the program set; nil with
	// GenerateInAWS.
	Version *secretsmanager.SecretVersion
	// Policy is the secret's resource policy, or nil when none was declared.
	Policy *secretsmanager.SecretPolicy
	// KMSGrants are the kms.Grant resources given to principals outside the program by the
	// ResourcePolicy's AllowRead and AllowWrite statements.
	KMSGrants []*kms.Grant

	ctx            *pulumi.Context
	name           string
	key            pulumi.StringInput
	value          pulumi.StringOutput
	current        func() pulumi.StringOutput // reads AWSCURRENT, once asked
	generator      *SecretStringGenerator
	inAWS          bool
	denyRootDelete bool
	replicas       []replica.Region
}

// NewSecret creates a secret and its value. It validates args before registering anything
// and reports every problem at once.
func NewSecret(ctx *pulumi.Context, name string, args *SecretArgs, opts ...pulumi.ResourceOption) (*Secret, error) {
	p, err := planSecret(ctx, name, args, opts)
	if err != nil {
		return nil, err
	}
	return p.register(ctx)
}

// secretPlan is SecretArgs checked, with defaults applied: the component, registered once
// every known field passed, and the inputs of its children, whose unknown values are
// checked once known. register makes the children from it and nothing else.
type secretPlan struct {
	s      *Secret
	args   *SecretArgs // for what only passes through to the children (resource policy, replica keys)
	value  *valuePlan  // nil with GenerateInAWS
	secret *secretsmanager.SecretArgs
	gate   pulumi.ResourceOption // fails the secret when another account needs the AWS managed key
	retain pulumi.ResourceOption
	policy *secretsmanager.SecretPolicyArgs // nil without a resource policy; SecretArn and Policy set by register
	// statements are args.ResourcePolicy as grants reads them (document, KMS grants, the
	// cross-account check).
	statements grantshook.ResourcePolicy
}

// planSecret checks args in one place: every field known now (planKnown) before the
// component is registered, then, through the component and the provider it carries, the
// fields known later (name, keys, replicas, the cross-account check), each once known.
func planSecret(ctx *pulumi.Context, name string, args *SecretArgs, opts []pulumi.ResourceOption) (*secretPlan, error) {
	if args == nil {
		args = &SecretArgs{}
	}
	value, err := planKnown(args)
	if err != nil {
		return nil, err
	}
	s := &Secret{ctx: ctx, name: name, key: args.EncryptionKey, generator: value.generatorArgs, inAWS: args.GenerateInAWS,
		denyRootDelete: args.DenyAccountRootDelete, replicas: args.ReplicaRegions}
	if err := ctx.RegisterComponentResource(SecretType, name, s, opts...); err != nil {
		return nil, err
	}
	p := &secretPlan{s: s, args: args, value: value, retain: pulumi.RetainOnDelete(args.RemovalPolicy == RemovalPolicyRetain),
		statements: grantshook.ResourcePolicyOf(args.ResourcePolicy)}
	if args.GenerateInAWS {
		p.value = nil
	}

	// The provider's region, asked once through the component (which carries the provider
	// the caller gave) by the key and replica checks that need it.
	region := sync.OnceValue(func() pulumi.StringOutput {
		return aws.GetRegionOutput(ctx, aws.GetRegionOutputArgs{}, pulumi.Parent(s)).Name()
	})
	p.secret = &secretsmanager.SecretArgs{
		Description: ptr(args.Description),
		KmsKeyId:    checkedKey(ctx, s, args.EncryptionKey, region),
		Tags:        args.Tags,
		Replicas:    replicas(ctx, s, args.ReplicaRegions, region),
	}
	if args.ForceOverwriteReplicaSecret {
		p.secret.ForceOverwriteReplicaSecret = pulumi.Bool(true)
	}
	if args.SecretName != nil {
		p.secret.Name = checkedName(ctx, s, args.SecretName).ToStringPtrOutput()
	}
	if args.RecoveryWindowInDays != nil {
		p.secret.RecoveryWindowInDays = pulumi.IntPtr(*args.RecoveryWindowInDays)
	}
	p.gate = crossAccountCheck(ctx, s, args, p.statements)
	if len(args.ResourcePolicy) > 0 || args.DenyAccountRootDelete {
		block := true
		if args.BlockPublicPolicy != nil {
			block = *args.BlockPublicPolicy
		}
		p.policy = &secretsmanager.SecretPolicyArgs{BlockPublicPolicy: pulumi.Bool(block)}
	}
	return p, nil
}

// register makes the planned children and the component's outputs.
func (p *secretPlan) register(ctx *pulumi.Context) (*Secret, error) {
	s, args, name := p.s, p.args, p.s.name
	parent := pulumi.Parent(s)
	res, err := secretsmanager.NewSecret(ctx, name+"-secret", p.secret, parent, p.retain, p.gate)
	if err != nil {
		return nil, err
	}
	if p.value != nil {
		if s.Version, s.value, err = writeValue(ctx, name, s, res, p.value, args, p.retain); err != nil {
			return nil, err
		}
	}
	if p.policy != nil {
		p.policy.SecretArn = res.Arn
		p.policy.Policy = p.statements.Document(res.Arn, replicaRegions(args.ReplicaRegions), args.DenyAccountRootDelete)
		if s.Policy, err = secretsmanager.NewSecretPolicy(ctx, name+"-policy", p.policy, parent); err != nil {
			return nil, err
		}
	}
	if s.KMSGrants, err = kmsGrants(ctx, name, res.Arn, args, p.statements, parent); err != nil {
		return nil, err
	}

	s.Resource = res
	s.current = sync.OnceValue(func() pulumi.StringOutput {
		v, _ := s.ValueAt(AtStage("AWSCURRENT")) // a valid label: no error
		return v
	})
	s.ARN, s.Name = res.Arn, res.Name
	// The key's output is "" for the AWS managed key (EncryptionKeyARN is nil then).
	key := pulumi.String("").ToStringOutput()
	if args.EncryptionKey != nil {
		key = args.EncryptionKey.ToStringOutput()
	}
	if err := ctx.RegisterResourceOutputs(s, pulumi.Map{
		"arn": s.ARN, "name": s.Name, "kmsKeyArn": key,
	}); err != nil {
		return nil, err
	}
	return s, nil
}

// writeValue registers the program's value: the seed when it is generated or merged, and
// the version "<name>-version" (kept.go and version.go say why it is registered so).
func writeValue(ctx *pulumi.Context, name string, s *Secret, res *secretsmanager.Secret, plan *valuePlan, args *SecretArgs,
	retain pulumi.ResourceOption,
) (*secretsmanager.SecretVersion, pulumi.StringOutput, error) {
	parent := pulumi.Parent(s)
	var value pulumi.StringOutput
	var fields []string // what secretsmith lays over a JSON value (kept.go)
	if g := plan.generator; g != nil {
		for k := range g.template {
			fields = append(fields, k)
		}
	}
	if args.Target != nil {
		fields = append(fields, args.Target.keys()...)
	}
	var seed *random.RandomBytes
	var err error
	if plan.generator != nil || len(fields) > 0 {
		if seed, err = random.NewRandomBytes(ctx, name+"-seed", &random.RandomBytesArgs{Length: pulumi.Int(seedLength)}, parent); err != nil {
			return nil, value, err
		}
	}
	if plan.generator != nil {
		value = plan.generator.seededValue(seed.Base64)
	} else {
		value = plan.value
	}
	if args.Target != nil {
		value = args.Target.attach(value)
	}
	stages := pulumi.StringArray{pulumi.String("AWSCURRENT"), pulumi.String(ManagedVersionStage)}
	if len(fields) > 0 {
		sort.Strings(fields)
		var label pulumi.StringOutput
		value, label = (&merged{fields: fields, seed: seed.Base64}).deployValue(ctx, res.Arn, value, parent)
		stages = append(stages, label)
	}
	value = checkedValue(value, plan.binary)
	version, err := newVersion(ctx, name+"-version", res, value, stages, plan.binary, parent, retain)
	return version, value, err
}

// kmsGrants gives the principals of other accounts in the resource policy a kms.Grant on
// each customer managed key of the secret: the primary's, and each replica's in its region.
func kmsGrants(ctx *pulumi.Context, name string, secretARN pulumi.StringOutput, args *SecretArgs, policy grantshook.ResourcePolicy,
	parent pulumi.ResourceOption,
) ([]*kms.Grant, error) {
	if !policy.NeedKMSGrants() {
		return nil, nil
	}
	var out []*kms.Grant
	if args.EncryptionKey != nil {
		gs, err := policy.NewKMSGrants(ctx, name, secretARN, args.EncryptionKey, parent)
		if err != nil {
			return nil, err
		}
		out = append(out, gs...)
	}
	for _, r := range args.ReplicaRegions {
		if r.EncryptionKey == nil {
			continue
		}
		gs, err := policy.NewKMSGrants(ctx, name+"-"+r.Region, replicaARN(secretARN, r.Region), r.EncryptionKey,
			parent, pulumi.Provider(r.Provider))
		if err != nil {
			return nil, err
		}
		out = append(out, gs...)
	}
	return out, nil
}

// crossAccountCheck fails the secret, in preview already, when its resource policy lets a
// principal of another account than the program's (asked through the component's provider)
// read or write it but the secret or one of its replicas uses the AWS managed key, which
// only its own account can use (CDK's "KMS Key must be provided for cross account access
// to Secret"). It is nil when the policy names no other account or every key is given.
func crossAccountCheck(ctx *pulumi.Context, s *Secret, args *SecretArgs, policy grantshook.ResourcePolicy) pulumi.ResourceOption {
	var fixes []string
	if args.EncryptionKey == nil {
		fixes = append(fixes, "set EncryptionKey to a customer managed key")
	}
	for i, r := range args.ReplicaRegions {
		if r.EncryptionKey == nil {
			fixes = append(fixes, fmt.Sprintf("give ReplicaRegions[%d] (%s) an EncryptionKey: its replica uses the AWS managed key", i, r.Region))
		}
	}
	// With no account to compare, every principal of an account is a candidate.
	if len(fixes) == 0 || len(policy.CrossAccountProblems("", "")) == 0 {
		return pulumi.DependsOn(nil)
	}
	account := aws.GetCallerIdentityOutput(ctx, aws.GetCallerIdentityOutputArgs{}, pulumi.Parent(s)).AccountId()
	return pulumi.DependsOnInputs(account.ApplyT(func(acct string) ([]pulumi.Resource, error) {
		var found []error
		for _, fix := range fixes {
			for _, err := range policy.CrossAccountProblems(acct, fix) {
				found = append(found, fmt.Errorf("ResourcePolicy%w", err))
			}
		}
		return nil, invalid(found)
	}).(pulumi.ResourceArrayOutput))
}

// replicaRegions are the names of regions.
func replicaRegions(regions []replica.Region) []string {
	out := make([]string, len(regions))
	for i, r := range regions {
		out[i] = r.Region
	}
	return out
}

// seedLength is the number of random bytes behind a generated value: 256 bits.
const seedLength = 32

// checkedName validates the secret name now if it is known, and once known otherwise.
func checkedName(ctx *pulumi.Context, s *Secret, name pulumi.StringInput) pulumi.StringOutput {
	check := func(n, shown string) (string, error) {
		if arn.HasSuffix(n) {
			_ = ctx.Log.Warn(fmt.Sprintf("secrets: SecretName %s ends with a hyphen and six characters, "+
				"like the suffix Secrets Manager appends to complete ARNs: references by partial ARN "+
				"or name may match the wrong secret", shown), &pulumi.LogArgs{Resource: s})
		}
		return n, invalid(nameProblems(n))
	}
	// A plain name passed planKnown's checks: this only warns for it.
	out, _ := checkNowOrOnceKnown(name, check)
	return out
}

func nameProblems(n string) []error {
	if len(n) < 1 || len(n) > 512 || !arn.ValidSecretName(n) {
		return []error{fmt.Errorf("SecretName must be 1 to 512 letters, digits and /_+=.@-, got %q", n)}
	}
	return nil
}

// replicas maps regions to the secret's replicas. The regions were validated in planKnown;
// what needs the provider (its region, the regions of its partition) or unknown key ARNs is
// checked once known.
func replicas(ctx *pulumi.Context, s *Secret, regions []replica.Region, region func() pulumi.StringOutput) secretsmanager.SecretReplicaArrayInput {
	if len(regions) == 0 {
		return nil
	}
	out := make(secretsmanager.SecretReplicaArray, len(regions))
	for i, r := range regions {
		field, region := fmt.Sprintf("ReplicaRegions[%d]", i), r.Region
		key := checkedPtr(r.EncryptionKey, func(k string) []error { return errs(replicaKeyProblem(field, region, k)) })
		out[i] = secretsmanager.SecretReplicaArgs{Region: pulumi.String(r.Region), KmsKeyId: key}
	}
	// The primary region is the provider's, and the regions that exist those of its
	// partition (opt-in ones included): ask it through the component, which carries the
	// provider the caller gave.
	all := aws.GetRegionsOutput(ctx, aws.GetRegionsOutputArgs{AllRegions: pulumi.Bool(true)}, pulumi.Parent(s)).Names()
	return pulumi.All(region(), all).ApplyT(func(v []any) (secretsmanager.SecretReplicaArrayOutput, error) {
		found := errs(primaryReplicaProblem(regions, v[0].(string)))
		for i, r := range regions {
			if !slices.Contains(v[1].([]string), r.Region) {
				found = append(found, fmt.Errorf("ReplicaRegions[%d].Region %q is not a region of the provider's partition", i, r.Region))
			}
		}
		return out.ToSecretReplicaArrayOutput(), invalid(found)
	}).(secretsmanager.SecretReplicaArrayOutput)
}

// checkedKey is the secret's key, checked once known: a KMS key ARN (plain ones were
// checked by planKnown) in the provider's region and partition, where Secrets Manager looks
// for it. A key that is a Pulumi secret is not quoted.
func checkedKey(ctx *pulumi.Context, s *Secret, key pulumi.StringInput, region func() pulumi.StringOutput) pulumi.StringPtrInput {
	if key == nil {
		return nil
	}
	k := key.ToStringOutput()
	partition := aws.GetPartitionOutput(ctx, aws.GetPartitionOutputArgs{}, pulumi.Parent(s)).Partition()
	return pulumi.All(k, region(), partition).ApplyT(func(v []any) (*string, error) {
		key := v[0].(string)
		found := keyProblems("EncryptionKey", key)
		if len(found) == 0 {
			found = keyPlaceProblems("EncryptionKey", key, v[1].(string), v[2].(string))
		}
		err := invalid(found)
		if err != nil && pulumi.IsSecret(k) {
			err = withheld(err, key)
		}
		return &key, err
	}).(pulumi.StringPtrOutput)
}

// keyPlaceProblems reports a key, at field, in another region or partition than the
// secret's: Secrets Manager uses keys of the secret's region only.
func keyPlaceProblems(field, key, region, partition string) []error {
	a, err := arn.Parse(key)
	switch {
	case err != nil:
		return nil // keyProblems reports it
	case a.Partition != partition:
		return []error{fmt.Errorf("%s is in partition %s, but the secret is in %s", field, a.Partition, partition)}
	case a.Region != region:
		return []error{fmt.Errorf("%s is in region %s, but the secret is in %s: Secrets Manager needs a key in the secret's region", field, a.Region, region)}
	}
	return nil
}

// errs is err as a list of problems: empty when err is nil.
func errs(err error) []error {
	if err == nil {
		return nil
	}
	return []error{err}
}

// ptr turns an optional string input into the provider's optional input type.
func ptr(in pulumi.StringInput) pulumi.StringPtrInput {
	switch v := in.(type) {
	case nil:
		return nil
	case pulumi.String:
		return pulumi.StringPtr(string(v))
	}
	return in.ToStringOutput().ToStringPtrOutput()
}
