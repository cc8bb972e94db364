// Package pulumitest is the one recording mock engine that every secretsmith test, example and
// the offline synth command run programs against.
//
// It records every registered resource (type, name, parent, provider, inputs with their
// secretness and unknowns, and the options that matter) and every invoke, answers invokes for
// the AWS partition, region and account, and gives custom resources plausible outputs (ARNs,
// random bytes) so that programs run end to end with no engine, no cloud and no network.
package pulumitest

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/arn"
)

// Resource is one registration the program made.
type Resource struct {
	Type     string
	Name     string
	URN      string
	Parent   string // the parent's URN; the stack's for top-level resources
	Provider string // the provider reference ("urn::id"), empty for the default provider
	Custom   bool
	// Inputs are the registered inputs, with secrets as resource.Secret values and values
	// unknown at registration as computed values.
	Inputs                  resource.PropertyMap
	IgnoreChanges           []string
	RetainOnDelete          bool
	DeleteBeforeReplace     bool
	DependsOn               []string // URNs
	AdditionalSecretOutputs []string
	Aliases                 []string // alias URNs, or "name=<n>"/"type=<t>" for alias specs
}

// Input returns the input named key, unwrapped from any secret, and whether it was secret.
func (r Resource) Input(key string) (v resource.PropertyValue, secret bool) {
	v = r.Inputs[resource.PropertyKey(key)]
	for v.IsSecret() {
		v, secret = v.SecretValue().Element, true
	}
	return v, secret
}

// String returns the input named key as a string ("" if it is not a known string).
func (r Resource) String(key string) string {
	v, _ := r.Input(key)
	if v.IsString() {
		return v.StringValue()
	}
	return ""
}

// Invoke is one provider function call.
type Invoke struct {
	Token    string
	Args     resource.PropertyMap
	Provider string
}

// Mock is the recording engine. Set its fields before Run; read its records after.
type Mock struct {
	// Partition, Region and AccountID answer aws:index/getPartition, getRegion and
	// getCallerIdentity. An explicit aws provider's "region" input overrides Region for
	// invokes made through it.
	Partition, Region, AccountID string
	// DryRun runs the program as a preview: custom resources return no outputs, so every
	// output they compute is unknown, as in `pulumi preview` of a new stack. (Random bytes
	// are the exception: see NewResource.)
	DryRun bool
	// Config is the stack configuration, keyed "project:<key>" (the mock's project is
	// "project").
	Config map[string]string
	// SecretValues answers aws:secretsmanager/getSecretVersion:getSecretVersion by secretId.
	SecretValues map[string]string
	// SecretKeys answers aws:secretsmanager/getSecret:getSecret's kmsKeyId by secret name or
	// ARN; others have none (the AWS managed key).
	SecretKeys map[string]string
	// Secrets answers aws:secretsmanager/getSecret:getSecret by name or ARN with the secret's
	// complete ARN; another name gets a complete ARN made up in the mock's account, another
	// ARN ending in a 6-character suffix is taken to be complete, and any other ARN partial.
	Secrets map[string]string
	// Listed answers aws:secretsmanager/getSecrets:getSecrets: the complete ARN of each
	// secret the account has, with its tags, which getSecret also returns for that ARN.
	Listed map[string]map[string]string
	// Versions answers aws:secretsmanager/getSecretVersions:getSecretVersions, and
	// getSecretVersion by version ID or stage, for the secrets named by its keys, as AWS
	// holds them; any other secret has no version yet (a secret being deployed).
	Versions map[string][]Version

	mu        sync.Mutex
	resources []Resource
	invokes   []Invoke
	warnings  []string
}

// New returns a mock for partition aws, region us-east-1 and account 123456789012.
func New() *Mock {
	return &Mock{Partition: "aws", Region: "us-east-1", AccountID: "123456789012"}
}

// Run runs body as a Pulumi program against m and returns the program's error.
// Warnings the program logs are recorded (see Warnings).
func (m *Mock) Run(body pulumi.RunFunc) error {
	return pulumi.RunErr(func(ctx *pulumi.Context) error {
		ctx.Log = &recordingLog{Log: ctx.Log, m: m}
		return body(ctx)
	}, pulumi.WithMocks("project", "stack", m), func(info *pulumi.RunInfo) {
		info.DryRun = m.DryRun
		info.Config = m.Config
	})
}

// NewResource implements pulumi.MockResourceMonitor.
func (m *Mock) NewResource(args pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	rec := Resource{Type: args.TypeToken, Name: args.Name, Provider: args.Provider, Custom: args.Custom, Inputs: args.Inputs}
	if rpc := args.RegisterRPC; rpc != nil {
		rec.Parent = rpc.GetParent()
		rec.IgnoreChanges = rpc.GetIgnoreChanges()
		rec.RetainOnDelete = rpc.GetRetainOnDelete()
		rec.DeleteBeforeReplace = rpc.GetDeleteBeforeReplace()
		rec.DependsOn = rpc.GetDependencies()
		rec.AdditionalSecretOutputs = rpc.GetAdditionalSecretOutputs()
		rec.Aliases = append(rec.Aliases, rpc.GetAliasURNs()...)
		for _, a := range rpc.GetAliases() {
			switch {
			case a.GetUrn() != "":
				rec.Aliases = append(rec.Aliases, a.GetUrn())
			case a.GetSpec().GetName() != "":
				rec.Aliases = append(rec.Aliases, "name="+a.GetSpec().GetName())
			case a.GetSpec().GetType() != "":
				rec.Aliases = append(rec.Aliases, "type="+a.GetSpec().GetType())
			}
		}
		// The SDK's own unmarshal drops unknown inputs; keep them.
		full, err := plugin.UnmarshalProperties(rpc.GetObject(), plugin.MarshalOptions{
			KeepUnknowns: true, KeepSecrets: true, KeepResources: true,
		})
		if err != nil {
			return "", nil, err
		}
		rec.Inputs = full
	}
	parentType := tokens.Type("")
	if p := resource.URN(rec.Parent); p != "" && p.QualifiedType() != resource.RootStackType {
		parentType = p.QualifiedType()
	} else {
		rec.Parent = ""
	}
	// The same URN the SDK's mock monitor gives the resource.
	rec.URN = string(resource.NewURN("stack", "project", parentType, tokens.Type(args.TypeToken), args.Name))
	m.mu.Lock()
	m.resources = append(m.resources, rec)
	m.mu.Unlock()

	if !args.Custom {
		return "", args.Inputs, nil
	}
	if m.DryRun {
		// A preview knows no computed outputs, except that random bytes and secrets still get
		// theirs: the SDK's mock monitor rejects a secret whose value is unknown ("malformed
		// RPC secret"), which is what a value derived from them (a generated value, a value
		// read against the secret's versions) would be in a real preview.
		// The same holds for a database whose endpoint a secret's Target carries.
		switch rec.Type {
		case randomBytesType, "aws:secretsmanager/secret:Secret", "aws:rds/instance:Instance", "aws:rds/cluster:Cluster":
			return "", m.outputs(rec, args.Inputs), nil
		}
		return "", args.Inputs, nil
	}
	return args.Name + "-id", m.outputs(rec, args.Inputs), nil
}

// Call implements pulumi.MockResourceMonitor: it answers invokes.
func (m *Mock) Call(args pulumi.MockCallArgs) (resource.PropertyMap, error) {
	m.mu.Lock()
	m.invokes = append(m.invokes, Invoke{Token: args.Token, Args: args.Args, Provider: args.Provider})
	m.mu.Unlock()
	str := func(k string) string {
		if v := args.Args[resource.PropertyKey(k)]; v.IsString() {
			return v.StringValue()
		}
		return ""
	}
	switch args.Token {
	case "pulumi:pulumi:getResource":
		return getResource(str("urn")), nil
	case "aws:index/getPartition:getPartition":
		return resource.NewPropertyMapFromMap(map[string]any{
			"partition": m.Partition, "id": m.Partition, "dnsSuffix": dnsSuffix(m.Partition),
			"reverseDnsPrefix": "com.amazonaws",
		}), nil
	case "aws:index/getRegion:getRegion":
		region := m.regionOf(args.Provider)
		return resource.NewPropertyMapFromMap(map[string]any{
			"name": region, "id": region, "description": region,
			"endpoint": "ec2." + region + "." + dnsSuffix(m.Partition),
		}), nil
	case "aws:index/getRegions:getRegions":
		return resource.NewPropertyMapFromMap(map[string]any{"id": m.Partition, "names": regionsOf(m.Partition)}), nil
	case "aws:index/getCallerIdentity:getCallerIdentity":
		return resource.NewPropertyMapFromMap(map[string]any{
			"accountId": m.AccountID, "id": m.AccountID, "userId": "AIDAEXAMPLE",
			"arn": "arn:" + m.Partition + ":iam::" + m.AccountID + ":user/test",
		}), nil
	case "aws:secretsmanager/getSecret:getSecret":
		key := str("arn")
		if key == "" {
			key = str("name")
		}
		full, ok := m.Secrets[key]
		switch {
		case ok:
		case strings.HasPrefix(key, "arn:") && arn.HasSuffix(key[strings.LastIndex(key, ":")+1:]):
			full = key // looked up by its complete ARN
		case strings.HasPrefix(key, "arn:"):
			full = key + "-" + Suffix(key) // looked up by a partial ARN
		default:
			full = fmt.Sprintf("arn:%s:secretsmanager:%s:%s:secret:%s-%s", m.Partition, m.regionOf(args.Provider), m.AccountID, key, Suffix(key))
		}
		name := full[strings.LastIndex(full, ":")+1:]
		tags := map[string]any{}
		for k, v := range m.Listed[full] {
			tags[k] = v
		}
		return resource.NewPropertyMapFromMap(map[string]any{
			"arn": full, "id": full, "name": name[:len(name)-7], "kmsKeyId": m.SecretKeys[key], "description": "", "policy": "",
			"tags": tags,
		}), nil
	case "aws:secretsmanager/getSecrets:getSecrets":
		return m.list(args.Args["filters"]), nil
	case "aws:kms/getAlias:getAlias":
		alias := str("name")
		region := m.regionOf(args.Provider)
		return resource.NewPropertyMapFromMap(map[string]any{
			"name": alias, "id": alias, "targetKeyId": "key-" + Suffix(alias),
			"arn":          fmt.Sprintf("arn:%s:kms:%s:%s:%s", m.Partition, region, m.AccountID, alias),
			"targetKeyArn": fmt.Sprintf("arn:%s:kms:%s:%s:key/key-%s", m.Partition, region, m.AccountID, Suffix(alias)),
		}), nil
	case "aws:secretsmanager/getSecretVersions:getSecretVersions":
		id := str("secretId")
		versions := []any{}
		for _, v := range m.versionsOf(id) {
			stages := make([]any, len(v.Stages))
			for i, s := range v.Stages {
				stages[i] = s
			}
			versions = append(versions, map[string]any{"versionId": v.ID, "versionStages": stages, "createdTime": "", "lastAccessedDate": ""})
		}
		return resource.NewPropertyMapFromMap(map[string]any{
			"arn": id, "id": id, "secretId": id, "name": id, "versions": versions,
		}), nil
	case "aws:secretsmanager/getSecretVersion:getSecretVersion":
		id := str("secretId")
		for _, v := range m.versionsOf(id) {
			if v.ID == str("versionId") || (str("versionId") == "" && slices.Contains(v.Stages, str("versionStage"))) {
				stages := make([]resource.PropertyValue, len(v.Stages))
				for i, s := range v.Stages {
					stages[i] = resource.NewProperty(s)
				}
				return resource.PropertyMap{
					"arn": resource.NewProperty(id), "id": resource.NewProperty(id + "|" + v.ID),
					"secretId": resource.NewProperty(id), "versionId": resource.NewProperty(v.ID),
					"secretString": resource.NewProperty(v.Value), "secretBinary": resource.NewProperty(""),
					"versionStages": resource.NewProperty(stages),
				}, nil
			}
		}
		v, ok := m.SecretValues[id]
		if !ok {
			return nil, fmt.Errorf("mock: no value for secret %s", id)
		}
		return resource.PropertyMap{
			"arn": resource.NewProperty(id), "id": resource.NewProperty(id + "|AWSCURRENT"),
			"secretId": resource.NewProperty(id), "versionId": resource.NewProperty("v1"),
			"secretString": resource.NewProperty(v), "secretBinary": resource.NewProperty(""),
			"versionStages": resource.NewProperty([]resource.PropertyValue{resource.NewProperty("AWSCURRENT")}),
		}, nil
	}
	return nil, fmt.Errorf("mock: no answer for invoke %s", args.Token)
}

// Version is a version of a secret, as Mock.Versions holds it.
type Version struct {
	ID     string
	Stages []string
	Value  string
}

// versionsOf are the versions Versions holds for the secret arn.
func (m *Mock) versionsOf(arn string) []Version {
	for name, vs := range m.Versions {
		if strings.Contains(arn, ":secret:"+name+"-") {
			return vs
		}
	}
	return nil
}

// getResource answers the engine's read of an existing resource by URN, as the SDK makes
// it for a resource reference (a provider passed to a component that a plugin constructs):
// a resource of another program, with no state and its name as its ID.
func getResource(urn string) resource.PropertyMap {
	name := urn[strings.LastIndex(urn, "::")+2:]
	return resource.PropertyMap{"urn": resource.NewProperty(urn), "id": resource.NewProperty(name), "state": resource.NewProperty(resource.PropertyMap{})}
}

// regionOf returns the region of the explicit aws provider ref, or m.Region.
func (m *Mock) regionOf(providerRef string) string {
	if providerRef == "" {
		return m.Region
	}
	urn := providerRef[:max(strings.LastIndex(providerRef, "::"), 0)]
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, r := range m.resources {
		if r.URN == urn {
			if s := r.String("region"); s != "" {
				return s
			}
		}
	}
	return m.Region
}

// outputs returns the state a custom resource reports after create: its inputs plus the
// attributes AWS or the random provider compute.
func (m *Mock) outputs(r Resource, in resource.PropertyMap) resource.PropertyMap {
	out := in.Copy()
	set := func(k string, v any) {
		if _, ok := out[resource.PropertyKey(k)]; !ok {
			out[resource.PropertyKey(k)] = resource.NewPropertyValue(v)
		}
	}
	acct, part := m.AccountID, m.Partition
	region := m.regionOf(r.Provider)
	switch r.Type {
	case "aws:secretsmanager/secret:Secret":
		name := r.String("name")
		if name == "" {
			name = r.Name + "-" + Suffix(r.Name)
			set("name", name)
		}
		set("arn", fmt.Sprintf("arn:%s:secretsmanager:%s:%s:secret:%s-%s", part, region, acct, name, Suffix(name)))
	case "aws:secretsmanager/secretVersion:SecretVersion":
		set("versionId", "v-"+Suffix(r.Name))
		set("arn", r.String("secretId"))
	case randomBytesType:
		n := 32
		if v, _ := r.Input("length"); v.IsNumber() {
			n = int(v.NumberValue())
		}
		b := Seed(r.Name, n)
		out["base64"] = resource.MakeSecret(resource.NewProperty(base64.StdEncoding.EncodeToString(b)))
		out["hex"] = resource.MakeSecret(resource.NewProperty(hex.EncodeToString(b)))
	case "random:index/randomPassword:RandomPassword":
		n := 16
		if v, _ := r.Input("length"); v.IsNumber() {
			n = int(v.NumberValue())
		}
		out["result"] = resource.MakeSecret(resource.NewProperty(hex.EncodeToString(Seed(r.Name, n))[:n]))
	case "aws:iam/role:Role", "aws:iam/user:User", "aws:iam/group:Group":
		kind := strings.ToLower(r.Type[strings.LastIndex(r.Type, ":")+1:])
		name := r.String("name")
		if name == "" {
			name = r.Name
			set("name", name)
		}
		set("arn", fmt.Sprintf("arn:%s:iam::%s:%s/%s", part, acct, kind, name))
	case "aws:rds/instance:Instance", "aws:rds/cluster:Cluster":
		id := r.String("identifier") + r.String("clusterIdentifier")
		if id == "" {
			id = r.Name
			set("identifier", id)
			set("clusterIdentifier", id)
		}
		port := 3306
		if strings.Contains(r.String("engine"), "postgres") {
			port = 5432
		}
		set("port", port)
		set("address", id+".abcdefghij."+region+".rds.amazonaws.com")
		set("endpoint", id+".abcdefghij."+region+".rds.amazonaws.com")
	case "aws:sns/topic:Topic":
		set("arn", fmt.Sprintf("arn:%s:sns:%s:%s:%s", part, region, acct, r.Name))
	case "aws:cloudwatch/eventRule:EventRule":
		set("name", r.Name)
		set("arn", fmt.Sprintf("arn:%s:events:%s:%s:rule/%s", part, region, acct, r.Name))
	case "aws:iam/policy:Policy":
		set("arn", fmt.Sprintf("arn:%s:iam::%s:policy/%s", part, acct, r.Name))
	case "aws:kms/key:Key", "aws:kms/replicaKey:ReplicaKey":
		id := "key-" + Suffix(r.Name)
		set("keyId", id)
		set("arn", fmt.Sprintf("arn:%s:kms:%s:%s:key/%s", part, region, acct, id))
	case "aws:lambda/function:Function":
		name := r.String("name")
		if name == "" {
			name = r.Name
			set("name", name)
		}
		set("arn", fmt.Sprintf("arn:%s:lambda:%s:%s:function:%s", part, region, acct, name))
	case "aws:ec2/securityGroup:SecurityGroup":
		set("arn", fmt.Sprintf("arn:%s:ec2:%s:%s:security-group/sg-%s", part, region, acct, Suffix(r.Name)))
	case "aws:serverlessrepository/cloudFormationStack:CloudFormationStack":
		fn := r.String("name")
		if params, _ := r.Input("parameters"); params.IsObject() && params.ObjectValue()["functionName"].IsString() {
			fn = params.ObjectValue()["functionName"].StringValue()
		}
		set("outputs", map[string]any{
			"RotationLambdaARN": fmt.Sprintf("arn:%s:lambda:%s:%s:function:%s", part, region, acct, fn),
		})
	}
	return out
}

// Suffix returns the 6-character suffix the mock gives a secret's complete ARN, derived from
// the name so that runs are repeatable.
func Suffix(name string) string {
	const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	h := sha256.Sum256([]byte(name))
	var b [6]byte
	for i := range b {
		b[i] = chars[int(h[i])%len(chars)]
	}
	return string(b[:])
}

// Seed returns the n bytes the mock's random.RandomBytes named name produces.
func Seed(name string, n int) []byte {
	var out []byte
	for i := 0; len(out) < n; i++ {
		h := sha256.Sum256([]byte(fmt.Sprintf("%s/%d", name, i)))
		out = append(out, h[:]...)
	}
	return out[:n]
}

func dnsSuffix(partition string) string {
	if partition == "aws-cn" {
		return "amazonaws.com.cn"
	}
	return "amazonaws.com"
}

const randomBytesType = "random:index/randomBytes:RandomBytes"

// list answers getSecrets as ListSecrets does: every filter must match, any of its values;
// name and tag filters match by prefix.
func (m *Mock) list(filters resource.PropertyValue) resource.PropertyMap {
	var arns, names []any
	keys := make([]string, 0, len(m.Listed))
	for a := range m.Listed {
		keys = append(keys, a)
	}
	sort.Strings(keys)
	for _, a := range keys {
		name := a[strings.LastIndex(a, ":")+1 : len(a)-7]
		ok := true
		if filters.IsArray() {
			for _, f := range filters.ArrayValue() {
				matched := false
				for _, v := range f.ObjectValue()["values"].ArrayValue() {
					want := v.StringValue()
					switch f.ObjectValue()["name"].StringValue() {
					case "name":
						matched = matched || strings.HasPrefix(name, want)
					case "tag-key":
						for k := range m.Listed[a] {
							matched = matched || strings.HasPrefix(k, want)
						}
					case "tag-value":
						for _, tv := range m.Listed[a] {
							matched = matched || strings.HasPrefix(tv, want)
						}
					}
				}
				ok = ok && matched
			}
		}
		if ok {
			arns, names = append(arns, a), append(names, name)
		}
	}
	return resource.NewPropertyMapFromMap(map[string]any{"id": m.Region, "arns": arns, "names": names})
}

// regionsOf lists the regions of partition, as EC2 DescribeRegions with AllRegions does.
func regionsOf(partition string) []string {
	switch partition {
	case "aws-cn":
		return []string{"cn-north-1", "cn-northwest-1"}
	case "aws-us-gov":
		return []string{"us-gov-east-1", "us-gov-west-1"}
	}
	return []string{
		"af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2",
		"ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-7",
		"ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2",
		"eu-west-1", "eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1", "mx-central-1",
		"sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2",
	}
}

// Resources returns every registration, sorted by name and then type so that output is
// stable (registration order depends on goroutine scheduling).
func (m *Mock) Resources() []Resource {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := append([]Resource(nil), m.resources...)
	sort.Slice(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].Type < out[j].Type
	})
	return out
}

// ByType returns the registrations of type typ, sorted by name.
func (m *Mock) ByType(typ string) []Resource {
	var out []Resource
	for _, r := range m.Resources() {
		if r.Type == typ {
			out = append(out, r)
		}
	}
	return out
}

// Find returns the registration of type typ named name.
func (m *Mock) Find(typ, name string) (Resource, bool) {
	for _, r := range m.ByType(typ) {
		if r.Name == name {
			return r, true
		}
	}
	return Resource{}, false
}

// Invokes returns the invokes of token, in call order.
func (m *Mock) Invokes(token string) []Invoke {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []Invoke
	for _, in := range m.invokes {
		if in.Token == token {
			out = append(out, in)
		}
	}
	return out
}

// Warnings returns the warnings the program logged, in order.
func (m *Mock) Warnings() []string {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]string(nil), m.warnings...)
}

// recordingLog records warnings and passes every message on.
type recordingLog struct {
	pulumi.Log
	m *Mock
}

// Warn records msg and logs it.
func (l *recordingLog) Warn(msg string, args *pulumi.LogArgs) error {
	l.m.mu.Lock()
	l.m.warnings = append(l.m.warnings, msg)
	l.m.mu.Unlock()
	return l.Log.Warn(msg, args)
}

// TB is the part of testing.TB that MustFind uses.
type TB interface {
	Helper()
	Fatalf(format string, args ...any)
}

// MustFind returns the registration of type typ named name, and fails t if there is none.
func (m *Mock) MustFind(t TB, typ, name string) Resource {
	t.Helper()
	r, ok := m.Find(typ, name)
	if !ok {
		t.Fatalf("no %s named %s was registered", typ, name)
	}
	return r
}
