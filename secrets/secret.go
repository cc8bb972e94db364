package secrets

import (
	"fmt"
	"slices"
	"sort"
	"sync"

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

// Secret is a Secrets Manager secret that the program owns, as a component resource of its
// own: an aws.secretsmanager.Secret and the SecretVersion holding its value, with a
// random.RandomBytes seed when the value is generated. Its fields (ARN, Name, Resource...)
// and methods (GrantRead, SecretValue...) are Owned's. Create it with NewSecret; for many
// secrets in one component, NewSecretSet.
type Secret struct {
	pulumi.ResourceState
	Owned
}

// NewSecret creates a secret and its value. It validates args before registering anything
// and reports every problem at once.
func NewSecret(ctx *pulumi.Context, name string, args *SecretArgs, opts ...pulumi.ResourceOption) (*Secret, error) {
	if args == nil {
		args = &SecretArgs{}
	}
	value, found := planKnown(args, nil)
	if err := invalid(found); err != nil {
		return nil, err
	}
	s := &Secret{}
	if err := ctx.RegisterComponentResource(SecretType, name, s, opts...); err != nil {
		return nil, err
	}
	s.Owned = Owned{ctx: ctx, name: name, parent: s}
	seed := func() (seedSource, error) {
		r, err := random.NewRandomBytes(ctx, name+"-seed", &random.RandomBytesArgs{Length: pulumi.Int(seedLength)}, pulumi.Parent(s))
		if err != nil {
			return seedSource{}, err
		}
		return newSeedSource(r), nil
	}
	if err := planSecret(&s.Owned, args, value, askProvider(ctx, s)).register(seed); err != nil {
		return nil, err
	}
	// The key's output is "" for the AWS managed key (EncryptionKeyARN is nil then).
	key := pulumi.String("").ToStringOutput()
	if args.EncryptionKey != nil {
		key = args.EncryptionKey.ToStringOutput()
	}
	if err := ctx.RegisterResourceOutputs(s, pulumi.Map{
		"arn": s.registeredARN(), "name": s.Name, "kmsKeyArn": key,
	}); err != nil {
		return nil, err
	}
	return s, nil
}

// secretPlan is SecretArgs checked, with defaults applied: the inputs of the secret's
// children, whose unknown values are checked once known. register makes the children from
// it and nothing else.
type secretPlan struct {
	s      *Owned
	args   *SecretArgs // for what only passes through to the children (resource policy, replica keys)
	value  *valuePlan  // nil with GenerateInAWS
	secret *secretsmanager.SecretArgs
	gate   pulumi.ResourceOption // fails the secret when another account needs the AWS managed key
	retain pulumi.ResourceOption
	policy *secretsmanager.SecretPolicyArgs // nil without a resource policy; SecretArn and Policy set by register
	facts  *providerFacts
	// statements are args.ResourcePolicy as grants reads them (document, KMS grants, the
	// cross-account check).
	statements grantshook.ResourcePolicy
}

// planSecret plans s from args, whose known fields planKnown passed (value is what it
// returned): the fields known later (name, keys, replicas, the cross-account check) are
// checked once known, through what the provider of s's component says (facts).
func planSecret(s *Owned, args *SecretArgs, value *valuePlan, facts *providerFacts) *secretPlan {
	s.key, s.generator, s.inAWS = args.EncryptionKey, value.generatorArgs, args.GenerateInAWS
	s.denyRootDelete, s.replicas = args.DenyAccountRootDelete, args.ReplicaRegions
	p := &secretPlan{s: s, args: args, value: value, retain: pulumi.RetainOnDelete(args.RemovalPolicy == RemovalPolicyRetain),
		statements: grantshook.ResourcePolicyOf(args.ResourcePolicy), facts: facts}
	if args.GenerateInAWS {
		p.value = nil
	}
	p.secret = &secretsmanager.SecretArgs{
		Description: ptr(args.Description),
		KmsKeyId:    checkedKey(s, args.EncryptionKey, facts),
		Tags:        args.Tags,
		Replicas:    replicas(s, args.ReplicaRegions, facts),
	}
	if args.ForceOverwriteReplicaSecret {
		p.secret.ForceOverwriteReplicaSecret = pulumi.Bool(true)
	}
	if args.SecretName != nil {
		p.secret.Name = checkedName(s, args.SecretName)
	}
	if args.RecoveryWindowInDays != nil {
		p.secret.RecoveryWindowInDays = pulumi.IntPtr(*args.RecoveryWindowInDays)
	}
	p.gate = crossAccountCheck(s, args, p.statements, facts)
	if len(args.ResourcePolicy) > 0 || args.DenyAccountRootDelete {
		block := true
		if args.BlockPublicPolicy != nil {
			block = *args.BlockPublicPolicy
		}
		p.policy = &secretsmanager.SecretPolicyArgs{BlockPublicPolicy: pulumi.Bool(block)}
	}
	return p
}

// register makes the planned children, named after the secret and parented to its
// component. seed registers or derives the random seed of a generated or merged value,
// when there is one.
func (p *secretPlan) register(seed func() (seedSource, error)) error {
	s, args, name, ctx := p.s, p.args, p.s.name, p.s.ctx
	parent := pulumi.Parent(s.parent)
	res, err := secretsmanager.NewSecret(ctx, name+"-secret", p.secret, parent, p.retain, p.gate)
	if err != nil {
		return err
	}
	if p.value != nil {
		var written pulumi.StringPtrOutput
		if s.Version, written, err = writeValue(s, res, p.value, args, p.retain, seed); err != nil {
			return err
		}
		s.value = sync.OnceValue(written.Elem) // asked for rarely: no output until then
	}
	if p.policy != nil {
		p.policy.SecretArn = res.Arn
		if shared := p.facts.denyRootDelete; shared != nil && len(args.ResourcePolicy) == 0 {
			p.policy.Policy = shared()
		} else {
			p.policy.Policy = p.statements.Document(res.Arn, replicaRegions(args.ReplicaRegions), args.DenyAccountRootDelete)
		}
		if s.Policy, err = secretsmanager.NewSecretPolicy(ctx, name+"-policy", p.policy, parent); err != nil {
			return err
		}
	}
	if s.KMSGrants, err = kmsGrants(ctx, name, res.Arn, args, p.statements, parent); err != nil {
		return err
	}
	s.Resource = res
	s.current = sync.OnceValue(func() pulumi.StringOutput {
		v, _ := s.ValueAt(AtStage("AWSCURRENT")) // a valid label: no error
		return v
	})
	s.ARN, s.Name = res.Arn, res.Name
	return nil
}

// writeValue registers the program's value: the version "<name>-version" (kept.go and
// version.go say why it is registered so), with newSeed's seed when the value is generated
// or merged.
func writeValue(s *Owned, res *secretsmanager.Secret, plan *valuePlan, args *SecretArgs, retain pulumi.ResourceOption,
	newSeed func() (seedSource, error),
) (*secretsmanager.SecretVersion, pulumi.StringPtrOutput, error) {
	ctx, name, parent := s.ctx, s.name, pulumi.Parent(s.parent)
	var fields []string // what secretsmith lays over a JSON value (kept.go)
	if g := plan.generator; g != nil {
		for k := range g.template {
			fields = append(fields, k)
		}
	}
	if args.Target != nil {
		fields = append(fields, args.Target.keys()...)
	}
	var seed seedSource
	var err error
	if plan.generator != nil || len(fields) > 0 {
		if seed, err = newSeed(); err != nil {
			return nil, pulumi.StringPtrOutput{}, err
		}
	}
	program := programValue{out: plan.value}
	if g := plan.generator; g != nil {
		program = programValue{generated: g}
	}
	if args.Target != nil {
		program = programValue{out: args.Target.attach(program.output(seed))}
	}
	stages := pulumi.StringArray{pulumi.String("AWSCURRENT"), pulumi.String(ManagedVersionStage)}
	var written pulumi.StringPtrOutput
	var m *merged
	if len(fields) > 0 {
		sort.Strings(fields)
		m = &merged{fields: fields, seed: seed}
		var label pulumi.StringOutput
		written, label = m.deployValue(ctx, res.Arn, program, s.invalid, parent)
		stages = append(stages, label)
	} else {
		written = program.checked(seed, plan.binary, s.invalid)
	}
	version, err := newVersion(ctx, name+"-version", res, written, stages, plan.binary, parent, retain)
	if err == nil && m != nil {
		s.settledARN = m.base.checked(ctx, res.Arn, version.VersionId, parent)
	}
	return version, written, err
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
func crossAccountCheck(s *Owned, args *SecretArgs, policy grantshook.ResourcePolicy, facts *providerFacts) pulumi.ResourceOption {
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
	return pulumi.DependsOnInputs(facts.account().ApplyT(func(acct string) ([]pulumi.Resource, error) {
		var found []error
		for _, fix := range fixes {
			for _, err := range policy.CrossAccountProblems(acct, fix) {
				found = append(found, fmt.Errorf("ResourcePolicy%w", err))
			}
		}
		return nil, s.invalid(found)
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

// checkedName validates the secret name now if it is known, and once known otherwise.
func checkedName(s *Owned, name pulumi.StringInput) pulumi.StringPtrInput {
	check := func(n, shown string) (string, error) {
		if arn.HasSuffix(n) {
			_ = s.ctx.Log.Warn(fmt.Sprintf("secrets: %sSecretName %s ends with a hyphen and six characters, "+
				"like the suffix Secrets Manager appends to complete ARNs: references by partial ARN "+
				"or name may match the wrong secret", s.where(), shown), &pulumi.LogArgs{Resource: s.parent})
		}
		return n, s.invalid(nameProblems(n))
	}
	// A plain name passed planKnown's checks: this only warns for it, and it goes to the
	// provider as it is.
	out, _ := checkNowOrOnceKnown(name, check)
	if n, ok := name.(pulumi.String); ok {
		return pulumi.StringPtr(string(n))
	}
	return out.ToStringPtrOutput()
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
func replicas(s *Owned, regions []replica.Region, facts *providerFacts) secretsmanager.SecretReplicaArrayInput {
	if len(regions) == 0 {
		return nil
	}
	out := make(secretsmanager.SecretReplicaArray, len(regions))
	for i, r := range regions {
		field, region := fmt.Sprintf("ReplicaRegions[%d]", i), r.Region
		key := checkedPtr(s, r.EncryptionKey, func(k string) []error { return errs(replicaKeyProblem(field, region, k)) })
		out[i] = secretsmanager.SecretReplicaArgs{Region: pulumi.String(r.Region), KmsKeyId: key}
	}
	// The primary region is the provider's, and the regions that exist those of its
	// partition (opt-in ones included).
	return pulumi.All(facts.region(), facts.regions()).ApplyT(func(v []any) (secretsmanager.SecretReplicaArrayOutput, error) {
		found := errs(primaryReplicaProblem(regions, v[0].(string)))
		for i, r := range regions {
			if !slices.Contains(v[1].([]string), r.Region) {
				found = append(found, fmt.Errorf("ReplicaRegions[%d].Region %q is not a region of the provider's partition", i, r.Region))
			}
		}
		return out.ToSecretReplicaArrayOutput(), s.invalid(found)
	}).(secretsmanager.SecretReplicaArrayOutput)
}

// checkedKey is the secret's key, checked once known: a KMS key ARN (plain ones were
// checked by planKnown) in the provider's region and partition, where Secrets Manager looks
// for it. A key that is a Pulumi secret is not quoted. The secrets of a set that name the
// same plain key share one check, whose message names the key instead of a secret.
func checkedKey(s *Owned, key pulumi.StringInput, facts *providerFacts) pulumi.StringPtrInput {
	if key == nil {
		return nil
	}
	if plain, ok := key.(pulumi.String); ok && s.at != "" {
		return facts.placedKey(string(plain))
	}
	k := key.ToStringOutput()
	return pulumi.All(k, facts.region(), facts.partition()).ApplyT(func(v []any) (*string, error) {
		key := v[0].(string)
		found := keyProblems("EncryptionKey", key)
		if len(found) == 0 {
			found = keyPlaceProblems("EncryptionKey", key, v[1].(string), v[2].(string))
		}
		err := s.invalid(found)
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
