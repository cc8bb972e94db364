package badinput_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lambda"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/grants"
	"github.com/secretsmith/secretsmith/replica"
	"github.com/secretsmith/secretsmith/rotation"
	"github.com/secretsmith/secretsmith/secrets"
)

// hidden is secret material some cases carry: no message may contain it.
const hidden = "hunter2-do-not-print"

const (
	key    = "arn:aws:kms:us-east-1:123456789012:key/k"
	euKey  = "arn:aws:kms:eu-west-1:123456789012:key/eu"
	fnARN  = "arn:aws:lambda:us-east-1:123456789012:function:rotator"
	secARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-AbC123"
)

// program is what a case runs: it returns the constructor's error.
type program = pulumi.RunFunc

func secret(args *secrets.SecretArgs) program {
	return func(ctx *pulumi.Context) error {
		_, err := secrets.NewSecret(ctx, "s", args)
		return err
	}
}

func generated(g secrets.SecretStringGenerator) program {
	return secret(&secrets.SecretArgs{GenerateSecretString: &g})
}

func str(s string) pulumi.StringInput { return pulumi.String(s) }
func hiddenStr(s string) pulumi.StringInput {
	return pulumi.ToSecret(pulumi.String(s)).(pulumi.StringOutput)
}
func ptrTo[T any](v T) *T { return &v }

func role(ctx *pulumi.Context) (*iam.Role, error) {
	// An explicit name: the mock's preview knows only inputs, where a real preview also
	// knows the name the provider gives a role.
	return iam.NewRole(ctx, "app", &iam.RoleArgs{Name: str("app"), AssumeRolePolicy: str(`{}`)})
}

// grant runs grants.New for the role "app" and a secret, with scope made from it.
func grant(access grants.Access, scope func(s *secrets.Secret) grants.Scope, opts ...grants.Option) program {
	return func(ctx *pulumi.Context) error {
		r, err := role(ctx)
		if err != nil {
			return err
		}
		s, err := secrets.NewSecret(ctx, "db", nil)
		if err != nil {
			return err
		}
		_, err = grants.New(ctx, "g", grants.Role(r), access, scope(s), opts...)
		return err
	}
}

func grantee(g grants.Grantee) program {
	return func(ctx *pulumi.Context) error {
		s, err := secrets.NewSecret(ctx, "db", nil)
		if err != nil {
			return err
		}
		_, err = s.GrantRead(ctx, "g", g)
		return err
	}
}

func policy(statements ...grants.Statement) program {
	return secret(&secrets.SecretArgs{EncryptionKey: str(key), ResourcePolicy: statements})
}

// schedule runs NewRotationSchedule on the secret "db" with the function "fn" at hand.
func schedule(args func(s *secrets.Secret, fn *lambda.Function) *rotation.RotationScheduleArgs) program {
	return func(ctx *pulumi.Context) error {
		s, err := secrets.NewSecret(ctx, "db", &secrets.SecretArgs{DenyAccountRootDelete: true})
		if err != nil {
			return err
		}
		fn, err := lambda.NewFunction(ctx, "fn", &lambda.FunctionArgs{Role: str("arn:aws:iam::123456789012:role/fn"), Runtime: str("provided.al2023"), Handler: str("bootstrap")})
		if err != nil {
			return err
		}
		_, err = rotation.NewRotationSchedule(ctx, "rot", args(s, fn))
		return err
	}
}

func every(expr string) program {
	return schedule(func(s *secrets.Secret, _ *lambda.Function) *rotation.RotationScheduleArgs {
		return &rotation.RotationScheduleArgs{Secret: s, RotationLambdaARN: str(fnARN), ScheduleExpression: expr}
	})
}

func after(d time.Duration) program {
	return schedule(func(s *secrets.Secret, _ *lambda.Function) *rotation.RotationScheduleArgs {
		return &rotation.RotationScheduleArgs{Secret: s, RotationLambdaARN: str(fnARN), AutomaticallyAfter: d}
	})
}

func window(expr string, d time.Duration) program {
	return schedule(func(s *secrets.Secret, _ *lambda.Function) *rotation.RotationScheduleArgs {
		return &rotation.RotationScheduleArgs{Secret: s, RotationLambdaARN: str(fnARN), ScheduleExpression: expr, Duration: d}
	})
}

func lambdaARN(a string) program {
	return schedule(func(s *secrets.Secret, _ *lambda.Function) *rotation.RotationScheduleArgs {
		return &rotation.RotationScheduleArgs{Secret: s, RotationLambdaARN: str(a)}
	})
}

func hosted(h *rotation.HostedRotation) program {
	return schedule(func(s *secrets.Secret, _ *lambda.Function) *rotation.RotationScheduleArgs {
		return &rotation.RotationScheduleArgs{Secret: s, HostedRotation: h}
	})
}

// goRotation rotates a secret (generated in AWS when inAWS) with g.
func goRotation(g *rotation.GoRotation, inAWS bool) program {
	return func(ctx *pulumi.Context) error {
		s, err := secrets.NewSecret(ctx, "s", &secrets.SecretArgs{GenerateInAWS: inAWS, DenyAccountRootDelete: true})
		if err != nil {
			return err
		}
		_, err = rotation.NewRotationSchedule(ctx, "rot", &rotation.RotationScheduleArgs{Secret: s, GoRotation: g})
		return err
	}
}

// secretRotation runs NewSecretRotation with args completed by fill.
func secretRotation(fill func(a *rotation.SecretRotationArgs, s *secrets.Secret)) program {
	return func(ctx *pulumi.Context) error {
		s, err := secrets.NewSecret(ctx, "db", &secrets.SecretArgs{DenyAccountRootDelete: true})
		if err != nil {
			return err
		}
		a := &rotation.SecretRotationArgs{
			Application: rotation.MySQLRotationSingleUser, Secret: s,
			VPC:      &rotation.VPC{ID: str("vpc-1"), SubnetIDs: pulumi.ToStringArray([]string{"subnet-1"})},
			Database: &rotation.Database{SecurityGroupID: str("sg-1"), Port: 3306},
		}
		fill(a, s)
		_, err = rotation.NewSecretRotation(ctx, "rot", a)
		return err
	}
}

// keys runs replica.NewKeys with a provider for eu-west-1 and eu-central-1 unless told
// otherwise by args.
func keys(args func(p map[string]pulumi.ProviderResource) *replica.KeysArgs) program {
	return func(ctx *pulumi.Context) error {
		providers := map[string]pulumi.ProviderResource{}
		for _, r := range []string{"eu-west-1", "eu-central-1", "us-east-1"} {
			p, err := aws.NewProvider(ctx, r, &aws.ProviderArgs{Region: str(r)})
			if err != nil {
				return err
			}
			providers[r] = p
		}
		_, err := replica.NewKeys(ctx, "keys", args(providers))
		return err
	}
}

func tags(n int) pulumi.StringMap {
	m := pulumi.StringMap{}
	for i := range n {
		m[fmt.Sprintf("t%02d", i)] = str("v")
	}
	return m
}

func statement(p grants.Grantee, actions ...string) grants.Statement {
	return grants.Statement{Principals: []grants.Grantee{p}, Actions: actions}
}

// bad are the inputs that must fail, each with the message in testdata/errors.golden.
var bad = map[string]program{
	// SecretName
	"secrets/name empty":              secret(&secrets.SecretArgs{SecretName: str("")}),
	"secrets/name 513 characters":     secret(&secrets.SecretArgs{SecretName: str(strings.Repeat("n", 513))}),
	"secrets/name with a space":       secret(&secrets.SecretArgs{SecretName: str("app db")}),
	"secrets/name with a star":        secret(&secrets.SecretArgs{SecretName: str("app/*")}),
	"secrets/name with a colon":       secret(&secrets.SecretArgs{SecretName: str("app:db")}),
	"secrets/name non-ASCII":          secret(&secrets.SecretArgs{SecretName: str("app/café")}),
	"secrets/name invalid UTF-8":      secret(&secrets.SecretArgs{SecretName: str("app/\xff")}),
	"secrets/name secret, invalid":    secret(&secrets.SecretArgs{SecretName: hiddenStr(hidden + " x")}),
	"secrets/name from output, space": secret(&secrets.SecretArgs{SecretName: str("a b").ToStringOutput()}),
	// Description
	"secrets/description 2049 characters": secret(&secrets.SecretArgs{Description: str(strings.Repeat("d", 2049))}),
	"secrets/description invalid UTF-8":   secret(&secrets.SecretArgs{Description: str("d\xfe")}),
	// EncryptionKey
	"secrets/key alias":                secret(&secrets.SecretArgs{EncryptionKey: str("alias/app")}),
	"secrets/key alias ARN":            secret(&secrets.SecretArgs{EncryptionKey: str("arn:aws:kms:us-east-1:123456789012:alias/app")}),
	"secrets/key ID":                   secret(&secrets.SecretArgs{EncryptionKey: str("1234abcd-12ab-34cd-56ef-1234567890ab")}),
	"secrets/key empty":                secret(&secrets.SecretArgs{EncryptionKey: str("")}),
	"secrets/key of another service":   secret(&secrets.SecretArgs{EncryptionKey: str("arn:aws:s3:::bucket")}),
	"secrets/key in another region":    secret(&secrets.SecretArgs{EncryptionKey: str(euKey)}),
	"secrets/key in another partition": secret(&secrets.SecretArgs{EncryptionKey: str("arn:aws-us-gov:kms:us-east-1:123456789012:key/k")}),
	"secrets/key secret, alias":        secret(&secrets.SecretArgs{EncryptionKey: hiddenStr("alias/" + hidden)}),
	"secrets/key secret, elsewhere":    secret(&secrets.SecretArgs{EncryptionKey: hiddenStr("arn:aws:kms:eu-west-1:123456789012:key/" + hidden)}),
	// Tags
	"secrets/tag aws: prefix":          secret(&secrets.SecretArgs{Tags: pulumi.StringMap{"aws:owner": str("x")}}),
	"secrets/tag AWS: prefix":          secret(&secrets.SecretArgs{Tags: pulumi.StringMap{"AWS:owner": str("x")}}),
	"secrets/tag 51 tags":              secret(&secrets.SecretArgs{Tags: tags(51)}),
	"secrets/tag key 129 characters":   secret(&secrets.SecretArgs{Tags: pulumi.StringMap{strings.Repeat("k", 129): str("v")}}),
	"secrets/tag value 257 characters": secret(&secrets.SecretArgs{Tags: pulumi.StringMap{"k": str(strings.Repeat("v", 257))}}),
	"secrets/tag key empty":            secret(&secrets.SecretArgs{Tags: pulumi.StringMap{"": str("v")}}),
	"secrets/tag key invalid UTF-8":    secret(&secrets.SecretArgs{Tags: pulumi.StringMap{"k\xff": str("v")}}),
	"secrets/tag value invalid UTF-8":  secret(&secrets.SecretArgs{Tags: pulumi.StringMap{"k": str("v\xff")}}),
	// RecoveryWindowInDays, RemovalPolicy
	"secrets/recovery window 1":  secret(&secrets.SecretArgs{RecoveryWindowInDays: ptrTo(1)}),
	"secrets/recovery window 6":  secret(&secrets.SecretArgs{RecoveryWindowInDays: ptrTo(6)}),
	"secrets/recovery window 31": secret(&secrets.SecretArgs{RecoveryWindowInDays: ptrTo(31)}),
	"secrets/recovery window -1": secret(&secrets.SecretArgs{RecoveryWindowInDays: ptrTo(-1)}),
	"secrets/removal policy 7":   secret(&secrets.SecretArgs{RemovalPolicy: secrets.RemovalPolicy(7)}),
	// GenerateSecretString
	"generator/length -1":                      generated(secrets.SecretStringGenerator{PasswordLength: -1}),
	"generator/length 4097":                    generated(secrets.SecretStringGenerator{PasswordLength: 4097}),
	"generator/every class excluded":           generated(secrets.SecretStringGenerator{ExcludeLowercase: true, ExcludeUppercase: true, ExcludeNumbers: true, ExcludePunctuation: true}),
	"generator/every character excluded":       generated(secrets.SecretStringGenerator{ExcludeCharacters: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"}),
	"generator/required classes exceed length": generated(secrets.SecretStringGenerator{PasswordLength: 3, IncludeSpace: true}),
	"generator/exclude invalid UTF-8":          generated(secrets.SecretStringGenerator{ExcludeCharacters: "\xff"}),
	"generator/template without key":           generated(secrets.SecretStringGenerator{SecretStringTemplate: `{"username":"app"}`}),
	"generator/key without template":           generated(secrets.SecretStringGenerator{GenerateStringKey: "password"}),
	"generator/template not JSON":              generated(secrets.SecretStringGenerator{SecretStringTemplate: `{"username":` + hidden, GenerateStringKey: "password"}),
	"generator/template an array":              generated(secrets.SecretStringGenerator{SecretStringTemplate: `["` + hidden + `"]`, GenerateStringKey: "password"}),
	"generator/template has the key":           generated(secrets.SecretStringGenerator{SecretStringTemplate: `{"password":"` + hidden + `"}`, GenerateStringKey: "password"}),
	"generator/template invalid UTF-8":         generated(secrets.SecretStringGenerator{SecretStringTemplate: "{\"u\":\"\xff" + hidden + "\"}", GenerateStringKey: "password"}),
	"generator/template over 64 KiB":           generated(secrets.SecretStringGenerator{SecretStringTemplate: `{"pad":"` + strings.Repeat("x", 65536) + `"}`, GenerateStringKey: "password"}),
	"generator/key equals a Target field": secret(&secrets.SecretArgs{
		GenerateSecretString: &secrets.SecretStringGenerator{SecretStringTemplate: `{"username":"app"}`, GenerateStringKey: "host"},
		Target:               &secrets.TargetAttachment{Engine: str("mysql"), Host: str("db.internal"), Port: pulumi.Int(3306)},
	}),
	// Values
	"value/empty string":         secret(&secrets.SecretArgs{SecretStringValue: str("")}),
	"value/empty binary":         secret(&secrets.SecretArgs{SecretBinaryValue: str("")}),
	"value/binary not base64":    secret(&secrets.SecretArgs{SecretBinaryValue: hiddenStr(hidden)}),
	"value/string over 64 KiB":   secret(&secrets.SecretArgs{SecretStringValue: hiddenStr(hidden + strings.Repeat("x", 65537))}),
	"value/invalid UTF-8":        secret(&secrets.SecretArgs{SecretStringValue: hiddenStr(hidden + "\xff")}),
	"value/plain invalid UTF-8":  secret(&secrets.SecretArgs{SecretStringValue: str(hidden + "\xfe")}),
	"value/string and binary":    secret(&secrets.SecretArgs{SecretStringValue: hiddenStr(hidden), SecretBinaryValue: str("aGk=")}),
	"value/string and generator": secret(&secrets.SecretArgs{SecretStringValue: hiddenStr(hidden), GenerateSecretString: &secrets.SecretStringGenerator{}}),
	"value/object and string":    secret(&secrets.SecretArgs{SecretObjectValue: pulumi.StringMap{"k": hiddenStr(hidden)}, SecretStringValue: hiddenStr(hidden)}),
	"value/object over 64 KiB":   secret(&secrets.SecretArgs{SecretObjectValue: pulumi.StringMap{"k": hiddenStr(hidden + strings.Repeat("x", 65536))}}),
	"value/binary and target":    secret(&secrets.SecretArgs{SecretBinaryValue: str("aGk="), Target: &secrets.TargetAttachment{Engine: str("mysql"), Host: str("h"), Port: pulumi.Int(1)}}),
	// Target
	"target/port 0":     target(0),
	"target/port 65536": target(65536),
	"target/port -1":    target(-1),
	"target/port output": secret(&secrets.SecretArgs{
		GenerateSecretString: &secrets.SecretStringGenerator{SecretStringTemplate: `{"username":"app"}`, GenerateStringKey: "password"},
		Target:               &secrets.TargetAttachment{Engine: str("mysql"), Host: str("h"), Port: pulumi.Int(70000).ToIntOutput()},
	}),
	"target/empty": secret(&secrets.SecretArgs{Target: &secrets.TargetAttachment{}}),
	// ReplicaRegions
	"replicas/region not a name":           secret(&secrets.SecretArgs{ReplicaRegions: []replica.Region{{Region: "Ireland"}}}),
	"replicas/region empty":                secret(&secrets.SecretArgs{ReplicaRegions: []replica.Region{{}}}),
	"replicas/region twice":                secret(&secrets.SecretArgs{ReplicaRegions: []replica.Region{{Region: "eu-west-1"}, {Region: "eu-west-1"}}}),
	"replicas/own region":                  secret(&secrets.SecretArgs{ReplicaRegions: []replica.Region{{Region: "us-east-1"}}}),
	"replicas/region that does not exist":  secret(&secrets.SecretArgs{ReplicaRegions: []replica.Region{{Region: "eu-west-9"}}}),
	"replicas/region of another partition": secret(&secrets.SecretArgs{ReplicaRegions: []replica.Region{{Region: "cn-north-1"}}}),
	"replicas/key alias":                   secret(&secrets.SecretArgs{ReplicaRegions: []replica.Region{{Region: "eu-west-1", EncryptionKey: str("alias/eu")}}}),
	"replicas/key in another region":       secret(&secrets.SecretArgs{ReplicaRegions: []replica.Region{{Region: "eu-west-1", EncryptionKey: str(key)}}}),
	"replicas/key output elsewhere":        secret(&secrets.SecretArgs{ReplicaRegions: []replica.Region{{Region: "eu-west-1", EncryptionKey: str(key).ToStringOutput()}}}),
	"replicas/cross-account key without provider": secret(&secrets.SecretArgs{EncryptionKey: str(key),
		ReplicaRegions: []replica.Region{{Region: "eu-west-1", EncryptionKey: str(euKey)}},
		ResourcePolicy: []grants.Statement{grants.AllowRead(grants.Account("222222222222"))}}),
	"replicas/cross-account without replica key": secret(&secrets.SecretArgs{EncryptionKey: str(key),
		ReplicaRegions: []replica.Region{{Region: "eu-west-1"}},
		ResourcePolicy: []grants.Statement{grants.AllowRead(grants.Account("222222222222"))}}),
	// ResourcePolicy
	"policy/no actions":                     policy(grants.Statement{Principals: []grants.Grantee{grants.Account("222222222222")}}),
	"policy/no principals":                  policy(grants.Statement{Actions: []string{"secretsmanager:GetSecretValue"}}),
	"policy/effect Maybe":                   policy(grants.Statement{Effect: "Maybe", Principals: []grants.Grantee{grants.Account("222222222222")}, Actions: []string{"secretsmanager:DescribeSecret"}}),
	"policy/group principal":                policy(statement(grants.Group(&iam.Group{}), "secretsmanager:GetSecretValue")),
	"policy/role by name principal":         policy(statement(grants.RoleName(str("app")), "secretsmanager:GetSecretValue")),
	"policy/empty grantee":                  policy(statement(grants.Grantee{}, "secretsmanager:GetSecretValue")),
	"policy/nil role":                       policy(statement(grants.Role(nil), "secretsmanager:GetSecretValue")),
	"policy/account 11 digits":              policy(grants.AllowRead(grants.Account("22222222222"))),
	"policy/account with letters":           policy(grants.AllowRead(grants.Account("22222222222a"))),
	"policy/account wildcard":               policy(grants.AllowRead(grants.Account("*"))),
	"policy/service without dot":            policy(grants.AllowRead(grants.Service("lambda"))),
	"policy/service wildcard":               policy(grants.AllowRead(grants.Service("*"))),
	"policy/ARN of a bucket":                policy(grants.AllowRead(grants.ARN("arn:aws:s3:::bucket"))),
	"policy/ARN wildcard":                   policy(grants.AllowRead(grants.ARN("*"))),
	"policy/ARN with wildcard role":         policy(grants.AllowRead(grants.ARN("arn:aws:iam::222222222222:role/*"))),
	"policy/ARN without account":            policy(grants.AllowRead(grants.ARN("arn:aws:iam:::role/r"))),
	"policy/empty version stage":            policy(grants.AllowRead(grants.Account("222222222222"), grants.VersionStages(""))),
	"policy/no key, another account":        secret(&secrets.SecretArgs{ResourcePolicy: []grants.Statement{grants.AllowRead(grants.Account("222222222222"))}}),
	"policy/no key, ARN of another account": secret(&secrets.SecretArgs{ResourcePolicy: []grants.Statement{grants.AllowWrite(grants.ARN("arn:aws:iam::222222222222:role/r"))}}),
	"policy/no key, wildcard action":        secret(&secrets.SecretArgs{ResourcePolicy: []grants.Statement{statement(grants.Account("222222222222"), "secretsmanager:*")}}),
	"policy/no key, star action":            secret(&secrets.SecretArgs{ResourcePolicy: []grants.Statement{statement(grants.Account("222222222222"), "*")}}),
	"policy/two problems":                   policy(grants.Statement{Effect: "Maybe"}),
	// Imports
	"import/complete ARN nil":              func(ctx *pulumi.Context) error { _, err := secrets.FromSecretCompleteARN(ctx, "imp", nil); return err },
	"import/complete ARN empty":            importComplete(""),
	"import/complete ARN partial":          importComplete("arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db"),
	"import/complete ARN not an ARN":       importComplete("app/db"),
	"import/complete ARN of a bucket":      importComplete("arn:aws:s3:::bucket"),
	"import/complete ARN account 4 digits": importComplete("arn:aws:secretsmanager:us-east-1:1234:secret:app/db-AbC123"),
	"import/complete ARN no name":          importComplete("arn:aws:secretsmanager:us-east-1:123456789012:secret:-AbC123"),
	"import/complete ARN name 513":         importComplete("arn:aws:secretsmanager:us-east-1:123456789012:secret:" + strings.Repeat("n", 513) + "-AbC123"),
	"import/complete ARN region bad":       importComplete("arn:aws:secretsmanager:Virginia:123456789012:secret:app/db-AbC123"),
	"import/complete ARN secret, partial": func(ctx *pulumi.Context) error {
		ref, err := secrets.FromSecretCompleteARN(ctx, "imp", hiddenStr("arn:aws:secretsmanager:us-east-1:123456789012:secret:"+hidden))
		if err == nil {
			ctx.Export("arn", ref.SecretARN())
		}
		return err
	},
	"import/partial ARN empty":     importPartial(""),
	"import/partial ARN no name":   importPartial("arn:aws:secretsmanager:us-east-1:123456789012:secret:"),
	"import/partial ARN of a role": importPartial("arn:aws:iam::123456789012:role/r"),
	"import/partial ARN name 513":  importPartial("arn:aws:secretsmanager:us-east-1:123456789012:secret:" + strings.Repeat("n", 513)),
	"import/name nil":              func(ctx *pulumi.Context) error { _, err := secrets.FromSecretName(ctx, "imp", nil); return err },
	"import/name empty":            importName(""),
	"import/name with a space":     importName("app db"),
	"import/name 513":              importName(strings.Repeat("n", 513)),
	"import/attributes nil":        func(ctx *pulumi.Context) error { _, err := secrets.FromSecretAttributes(ctx, "imp", nil); return err },
	"import/attributes both ARNs": func(ctx *pulumi.Context) error {
		_, err := secrets.FromSecretAttributes(ctx, "imp", &secrets.SecretAttributes{SecretCompleteARN: str(secARN), SecretPartialARN: str(secARN)})
		return err
	},
	"import/attributes key alias": func(ctx *pulumi.Context) error {
		_, err := secrets.FromSecretAttributes(ctx, "imp", &secrets.SecretAttributes{SecretCompleteARN: str(secARN), EncryptionKey: str("alias/app")})
		return err
	},
	"import/attributes key elsewhere": func(ctx *pulumi.Context) error {
		_, err := secrets.FromSecretAttributes(ctx, "imp", &secrets.SecretAttributes{SecretCompleteARN: str(secARN), EncryptionKey: str(euKey)})
		return err
	},
	"import/lookup nil":   func(ctx *pulumi.Context) error { _, err := secrets.LookupSecret(ctx, "imp", nil); return err },
	"import/lookup empty": func(ctx *pulumi.Context) error { _, err := secrets.LookupSecret(ctx, "imp", str("")); return err },
	"import/lookup bad ARN": func(ctx *pulumi.Context) error {
		_, err := secrets.LookupSecret(ctx, "imp", str("arn:aws:secretsmanager:us-east-1:123456789012:secret:"))
		return err
	},
	"import/grant principal": func(ctx *pulumi.Context) error {
		ref, err := secrets.FromSecretCompleteARN(ctx, "imp", str(secARN))
		if err != nil {
			return err
		}
		_, err = ref.GrantRead(ctx, "g", grants.Account("222222222222"))
		return err
	},
	// Grants
	"grant/principal on owned": grantee(grants.Account("222222222222")),
	"grant/service on owned":   grantee(grants.Service("lambda.amazonaws.com")),
	"grant/ARN on owned":       grantee(grants.ARN("arn:aws:iam::222222222222:role/r")),
	"grant/empty grantee":      grantee(grants.Grantee{}),
	"grant/nil role":           grantee(grants.Role(nil)),
	"grant/nil user":           grantee(grants.User(nil)),
	"grant/nil group":          grantee(grants.Group(nil)),
	"grant/role name nil":      grantee(grants.RoleName(nil)),
	"grant/empty version stage": func(ctx *pulumi.Context) error {
		r, err := role(ctx)
		if err != nil {
			return err
		}
		s, err := secrets.NewSecret(ctx, "db", nil)
		if err != nil {
			return err
		}
		_, err = s.GrantRead(ctx, "g", grants.Role(r), grants.VersionStages("AWSCURRENT", ""))
		return err
	},
	"grant/no scope":            grant(grants.Read, func(*secrets.Secret) grants.Scope { return grants.Scope{} }),
	"grant/no secrets":          grant(grants.Read, func(*secrets.Secret) grants.Scope { return grants.Secrets() }),
	"grant/nil secret":          grant(grants.Read, func(s *secrets.Secret) grants.Scope { return grants.Secrets(s, (*secrets.Secret)(nil)) }),
	"grant/nil imported secret": grant(grants.Read, func(s *secrets.Secret) grants.Scope { return grants.Secrets((*secrets.ImportedSecret)(nil)) }),
	"grant/regions on exact":    grant(grants.Read, func(s *secrets.Secret) grants.Scope { return grants.Secrets(s).InRegions("eu-west-1") }),
	"grant/keys on exact":       grant(grants.Read, func(s *secrets.Secret) grants.Scope { return grants.Secrets(s).EncryptedWith(str(key)) }),
	"grant/tag key empty":       grant(grants.Read, func(*secrets.Secret) grants.Scope { return grants.Tagged("", "payments") }),
	"grant/tag key 129":         grant(grants.Read, func(*secrets.Secret) grants.Scope { return grants.Tagged(strings.Repeat("k", 129), "v") }),
	"grant/tag value 257":       grant(grants.Read, func(*secrets.Secret) grants.Scope { return grants.Tagged("k", strings.Repeat("v", 257)) }),
	"grant/tag invalid UTF-8":   grant(grants.Read, func(*secrets.Secret) grants.Scope { return grants.Tagged("k\xff", "v") }),
	"grant/prefix empty":        grant(grants.Read, func(*secrets.Secret) grants.Scope { return grants.NamePrefix("") }),
	"grant/prefix wildcard":     grant(grants.Read, func(*secrets.Secret) grants.Scope { return grants.NamePrefix("prod/*") }),
	"grant/prefix with a space": grant(grants.Read, func(*secrets.Secret) grants.Scope { return grants.NamePrefix("prod payments/") }),
	"grant/prefix key alias":    grant(grants.Read, func(*secrets.Secret) grants.Scope { return grants.NamePrefix("p/").EncryptedWith(str("alias/p")) }),
	"grant/prefix key output alias": grant(grants.Read, func(*secrets.Secret) grants.Scope {
		return grants.NamePrefix("p/").EncryptedWith(hiddenStr("alias/" + hidden))
	}),
	"grant/prefix nil key":         grant(grants.Read, func(*secrets.Secret) grants.Scope { return grants.NamePrefix("p/").EncryptedWith(nil) }),
	"grant/tag bad region":         grant(grants.Read, func(*secrets.Secret) grants.Scope { return grants.Tagged("a", "b").InRegions("Europe") }),
	"grant/tag region twice":       grant(grants.Read, func(*secrets.Secret) grants.Scope { return grants.Tagged("a", "b").InRegions("eu-west-1", "eu-west-1") }),
	"grant/access without actions": grant(grants.NewAccess("none", nil, nil), func(s *secrets.Secret) grants.Scope { return grants.Secrets(s) }),
	"grant/extra with principal": grant(grants.NewAccess("x", []string{"secretsmanager:DescribeSecret"}, nil,
		grants.Statement{Actions: []string{"secretsmanager:ListSecrets"}, Principals: []grants.Grantee{grants.Account("222222222222")}}),
		func(s *secrets.Secret) grants.Scope { return grants.Secrets(s) }),
	"grant/extra without actions": grant(grants.NewAccess("x", []string{"secretsmanager:DescribeSecret"}, nil, grants.Statement{}),
		func(s *secrets.Secret) grants.Scope { return grants.Secrets(s) }),
	"grant/inline quota": readMany(120),
	"grant/managed quota": func(ctx *pulumi.Context) error {
		r, err := role(ctx)
		if err != nil {
			return err
		}
		for i := range 11 {
			if _, err := grants.New(ctx, fmt.Sprintf("g%02d", i), grants.Role(r), grants.Read, grants.NamePrefix(fmt.Sprintf("p%d/", i)), grants.ManagedPolicy()); err != nil {
				return err
			}
		}
		return nil
	},
	"grant/user quota": func(ctx *pulumi.Context) error {
		u, err := iam.NewUser(ctx, "ops", &iam.UserArgs{Name: str("ops")})
		if err != nil {
			return err
		}
		for i := range 20 {
			if _, err := grants.New(ctx, fmt.Sprintf("g%02d", i), grants.User(u), grants.Write, grants.NamePrefix(fmt.Sprintf("team-%02d/", i))); err != nil {
				return err
			}
		}
		return nil
	},
	// RotationSchedule
	"schedule/args nil": func(ctx *pulumi.Context) error { _, err := rotation.NewRotationSchedule(ctx, "rot", nil); return err },
	"schedule/secret nil": schedule(func(_ *secrets.Secret, fn *lambda.Function) *rotation.RotationScheduleArgs {
		return &rotation.RotationScheduleArgs{RotationLambda: fn}
	}),
	"schedule/secret typed nil": schedule(func(_ *secrets.Secret, fn *lambda.Function) *rotation.RotationScheduleArgs {
		return &rotation.RotationScheduleArgs{Secret: (*secrets.Secret)(nil), RotationLambda: fn}
	}),
	"schedule/imported typed nil": schedule(func(_ *secrets.Secret, fn *lambda.Function) *rotation.RotationScheduleArgs {
		return &rotation.RotationScheduleArgs{Secret: (*secrets.ImportedSecret)(nil), RotationLambda: fn}
	}),
	"schedule/no function": schedule(func(s *secrets.Secret, _ *lambda.Function) *rotation.RotationScheduleArgs {
		return &rotation.RotationScheduleArgs{Secret: s}
	}),
	"schedule/two functions": schedule(func(s *secrets.Secret, fn *lambda.Function) *rotation.RotationScheduleArgs {
		return &rotation.RotationScheduleArgs{Secret: s, RotationLambda: fn, RotationLambdaARN: str(fnARN)}
	}),
	"schedule/three functions": schedule(func(s *secrets.Secret, fn *lambda.Function) *rotation.RotationScheduleArgs {
		return &rotation.RotationScheduleArgs{Secret: s, RotationLambda: fn, RotationLambdaARN: str(fnARN), HostedRotation: rotation.MySQLSingleUser(nil)}
	}),
	"schedule/function ARN empty":         lambdaARN(""),
	"schedule/function ARN of a layer":    lambdaARN("arn:aws:lambda:us-east-1:123456789012:layer:rotator:1"),
	"schedule/function ARN of a bucket":   lambdaARN("arn:aws:s3:::rotator"),
	"schedule/function ARN name too long": lambdaARN("arn:aws:lambda:us-east-1:123456789012:function:" + strings.Repeat("f", 65)),
	"schedule/function name only":         lambdaARN("rotator"),
	"schedule/function ARN account short": lambdaARN("arn:aws:lambda:us-east-1:1234:function:rotator"),
	"schedule/after 3 hours":              after(3 * time.Hour),
	"schedule/after 1001 days":            after(1001 * 24 * time.Hour),
	"schedule/after 4.5 hours":            after(4*time.Hour + 30*time.Minute),
	"schedule/after negative":             after(-time.Hour),
	"schedule/after and expression": schedule(func(s *secrets.Secret, _ *lambda.Function) *rotation.RotationScheduleArgs {
		return &rotation.RotationScheduleArgs{Secret: s, RotationLambdaARN: str(fnARN), AutomaticallyAfter: 24 * time.Hour, ScheduleExpression: "rate(2 days)"}
	}),
	"schedule/expression garbage":          every("every day"),
	"schedule/rate 3 hours":                every("rate(3 hours)"),
	"schedule/rate 0 days":                 every("rate(0 days)"),
	"schedule/rate 1001 days":              every("rate(1001 days)"),
	"schedule/rate minutes":                every("rate(300 minutes)"),
	"schedule/rate weeks":                  every("rate(2 weeks)"),
	"schedule/rate negative":               every("rate(-1 days)"),
	"schedule/rate no unit":                every("rate(4)"),
	"schedule/cron five fields":            every("cron(0 9 * * ?)"),
	"schedule/cron seven fields":           every("cron(0 9 * * ? * *)"),
	"schedule/cron every hour":             every("cron(0 * * * ? *)"),
	"schedule/cron every minute":           every("cron(* 9 * * ? *)"),
	"schedule/cron both days":              every("cron(0 9 1 * MON *)"),
	"schedule/cron bad weekday":            every("cron(0 9 ? * FUNDAY *)"),
	"schedule/cron hour 24":                every("cron(0 24 * * ? *)"),
	"schedule/cron minute 60":              every("cron(60 9 * * ? *)"),
	"schedule/cron month 13":               every("cron(0 9 1 13 ? *)"),
	"schedule/cron bad hash":               every("cron(0 9 ? * 2#6 *)"),
	"schedule/cron unbalanced":             every("cron(0 9 * * ? *"),
	"schedule/window 30 minutes":           window("rate(10 days)", 30*time.Minute),
	"schedule/window 25 hours":             window("rate(10 days)", 25*time.Hour),
	"schedule/window 90 minutes":           window("rate(10 days)", 90*time.Minute),
	"schedule/window longer than interval": window("rate(4 hours)", 5*time.Hour),
	"schedule/window past the UTC day":     window("cron(0 22 * * ? *)", 3*time.Hour),
	"schedule/window negative":             window("rate(10 days)", -time.Hour),
	"schedule/rotate immediately, no schedule": schedule(func(s *secrets.Secret, _ *lambda.Function) *rotation.RotationScheduleArgs {
		return &rotation.RotationScheduleArgs{Secret: s, RotationLambdaARN: str(fnARN), AutomaticallyAfter: rotation.NoAutomaticRotation, RotateImmediatelyOnUpdate: ptrTo(true)}
	}),
	"schedule/hosted zero":                 hosted(&rotation.HostedRotation{}),
	"schedule/hosted multi-user no master": hosted(rotation.PostgreSQLMultiUser(nil, nil)),
	"schedule/hosted master typed nil":     hosted(rotation.MySQLMultiUser((*secrets.Secret)(nil), nil)),
	"schedule/hosted function name 65":     hosted(rotation.MySQLSingleUser(&rotation.HostedRotationOptions{FunctionName: strings.Repeat("f", 65)})),
	"schedule/hosted function name bad":    hosted(rotation.MySQLSingleUser(&rotation.HostedRotationOptions{FunctionName: "rotate db"})),
	"schedule/hosted VPC without subnets":  hosted(rotation.MySQLSingleUser(&rotation.HostedRotationOptions{VPC: &rotation.VPC{ID: str("vpc-1")}})),
	"schedule/hosted VPC without ID":       hosted(rotation.MySQLSingleUser(&rotation.HostedRotationOptions{VPC: &rotation.VPC{SubnetIDs: pulumi.ToStringArray([]string{"subnet-1"})}})),
	"schedule/hosted groups without VPC":   hosted(rotation.MySQLSingleUser(&rotation.HostedRotationOptions{SecurityGroupIDs: pulumi.ToStringArray([]string{"sg-1"})})),
	"schedule/go zero":                     goRotation(&rotation.GoRotation{}, false),
	"schedule/go alternating no master":    goRotation(rotation.GoPostgreSQLAlternatingUsers(nil, nil), false),
	"schedule/go master typed nil":         goRotation(rotation.GoMySQLAlternatingUsers((*secrets.Secret)(nil), nil), false),
	"schedule/go VPC without subnets":      goRotation(rotation.GoMySQLSingleUser(&rotation.GoRotationOptions{VPC: &rotation.VPC{ID: str("vpc-1")}}), false),
	"schedule/go groups without VPC":       goRotation(rotation.GoMySQLSingleUser(&rotation.GoRotationOptions{SecurityGroupIDs: pulumi.ToStringArray([]string{"sg-1"})}), false),
	"schedule/go bundle with archive":      goRotation(rotation.GoGenerate(&rotation.GoRotationOptions{CABundle: "rds.pem", Archive: pulumi.NewFileArchive("f.zip")}), false),
	"schedule/go database for generated":   goRotation(rotation.GoPostgreSQLSingleUser(nil), true),
	"schedule/hosted for generated": func(ctx *pulumi.Context) error {
		s, err := secrets.NewSecret(ctx, "s", &secrets.SecretArgs{GenerateInAWS: true, DenyAccountRootDelete: true})
		if err != nil {
			return err
		}
		_, err = rotation.NewRotationSchedule(ctx, "rot", &rotation.RotationScheduleArgs{Secret: s, HostedRotation: rotation.MySQLSingleUser(nil)})
		return err
	},
	"secret/generate in AWS with a value": secret(&secrets.SecretArgs{GenerateInAWS: true, SecretStringValue: hiddenStr(hidden)}),
	"schedule/function not covering": func(ctx *pulumi.Context) error {
		a, err := secrets.NewSecret(ctx, "a", nil)
		if err != nil {
			return err
		}
		b, err := secrets.NewSecret(ctx, "b", nil)
		if err != nil {
			return err
		}
		fn, err := lambda.NewFunction(ctx, "fn", &lambda.FunctionArgs{Role: str("arn:aws:iam::123456789012:role/fn"), Runtime: str("provided.al2023"), Handler: str("bootstrap")})
		if err != nil {
			return err
		}
		rf, err := rotation.NewRotationFunction(ctx, "rf", &rotation.RotationFunctionArgs{Function: fn, Secrets: grants.Secrets(a)})
		if err != nil {
			return err
		}
		_, err = rotation.NewRotationSchedule(ctx, "rot", &rotation.RotationScheduleArgs{Secret: b, RotationFunction: rf})
		return err
	},
	// RotationFunction
	"function/args nil": func(ctx *pulumi.Context) error { _, err := rotation.NewRotationFunction(ctx, "rf", nil); return err },
	"function/no secrets": func(ctx *pulumi.Context) error {
		fn, err := lambda.NewFunction(ctx, "fn", &lambda.FunctionArgs{Role: str("arn:aws:iam::123456789012:role/fn"), Runtime: str("provided.al2023"), Handler: str("bootstrap")})
		if err != nil {
			return err
		}
		_, err = rotation.NewRotationFunction(ctx, "rf", &rotation.RotationFunctionArgs{Function: fn, Secrets: grants.Secrets()})
		return err
	},
	"function/bad prefix": func(ctx *pulumi.Context) error {
		fn, err := lambda.NewFunction(ctx, "fn", &lambda.FunctionArgs{Role: str("arn:aws:iam::123456789012:role/fn"), Runtime: str("provided.al2023"), Handler: str("bootstrap")})
		if err != nil {
			return err
		}
		_, err = rotation.NewRotationFunction(ctx, "rf", &rotation.RotationFunctionArgs{Function: fn, Secrets: grants.NamePrefix("a b")})
		return err
	},
	// SecretRotation
	"secret rotation/args nil":       func(ctx *pulumi.Context) error { _, err := rotation.NewSecretRotation(ctx, "rot", nil); return err },
	"secret rotation/no application": secretRotation(func(a *rotation.SecretRotationArgs, _ *secrets.Secret) { a.Application = rotation.Application{} }),
	"secret rotation/unknown application": secretRotation(func(a *rotation.SecretRotationArgs, _ *secrets.Secret) {
		a.Application = rotation.NewApplication("MyOwnRotation", nil)
	}),
	"secret rotation/no secret":       secretRotation(func(a *rotation.SecretRotationArgs, _ *secrets.Secret) { a.Secret = nil }),
	"secret rotation/typed nil":       secretRotation(func(a *rotation.SecretRotationArgs, _ *secrets.Secret) { a.Secret = (*secrets.ImportedSecret)(nil) }),
	"secret rotation/no VPC":          secretRotation(func(a *rotation.SecretRotationArgs, _ *secrets.Secret) { a.VPC = nil }),
	"secret rotation/no target":       secretRotation(func(a *rotation.SecretRotationArgs, _ *secrets.Secret) { a.Database = nil }),
	"secret rotation/port 0":          secretRotation(func(a *rotation.SecretRotationArgs, _ *secrets.Secret) { a.Database.Port = 0 }),
	"secret rotation/port 65536":      secretRotation(func(a *rotation.SecretRotationArgs, _ *secrets.Secret) { a.Database.Port = 65536 }),
	"secret rotation/no target group": secretRotation(func(a *rotation.SecretRotationArgs, _ *secrets.Secret) { a.Database.SecurityGroupID = nil }),
	"secret rotation/multi-user no master": secretRotation(func(a *rotation.SecretRotationArgs, _ *secrets.Secret) {
		a.Application = rotation.PostgresRotationMultiUser
	}),
	"secret rotation/master typed nil": secretRotation(func(a *rotation.SecretRotationArgs, _ *secrets.Secret) {
		a.Application, a.MasterSecret = rotation.PostgresRotationMultiUser, (*secrets.Secret)(nil)
	}),
	"secret rotation/after 2 hours":       secretRotation(func(a *rotation.SecretRotationArgs, _ *secrets.Secret) { a.AutomaticallyAfter = 2 * time.Hour }),
	"secret rotation/VPC without subnets": secretRotation(func(a *rotation.SecretRotationArgs, _ *secrets.Secret) { a.VPC.SubnetIDs = nil }),
	// replica.NewKeys
	"keys/args nil":   func(ctx *pulumi.Context) error { _, err := replica.NewKeys(ctx, "keys", nil); return err },
	"keys/no regions": keys(func(p map[string]pulumi.ProviderResource) *replica.KeysArgs { return &replica.KeysArgs{Providers: p} }),
	"keys/bad region": keys(func(p map[string]pulumi.ProviderResource) *replica.KeysArgs {
		return &replica.KeysArgs{Regions: []string{"EU"}, Providers: p}
	}),
	"keys/region twice": keys(func(p map[string]pulumi.ProviderResource) *replica.KeysArgs {
		return &replica.KeysArgs{Regions: []string{"eu-west-1", "eu-west-1"}, Providers: p}
	}),
	"keys/no provider": keys(func(p map[string]pulumi.ProviderResource) *replica.KeysArgs {
		return &replica.KeysArgs{Regions: []string{"ap-south-1"}, Providers: p}
	}),
	"keys/primary region": keys(func(p map[string]pulumi.ProviderResource) *replica.KeysArgs {
		return &replica.KeysArgs{Regions: []string{"us-east-1"}, Providers: p}
	}),
	"keys/window 6 days": keys(func(p map[string]pulumi.ProviderResource) *replica.KeysArgs {
		return &replica.KeysArgs{Regions: []string{"eu-west-1"}, Providers: p, DeletionWindowInDays: ptrTo(6)}
	}),
	"keys/window 31 days": keys(func(p map[string]pulumi.ProviderResource) *replica.KeysArgs {
		return &replica.KeysArgs{Regions: []string{"eu-west-1"}, Providers: p, DeletionWindowInDays: ptrTo(31)}
	}),
	"keys/empty region": keys(func(p map[string]pulumi.ProviderResource) *replica.KeysArgs {
		return &replica.KeysArgs{Regions: []string{""}, Providers: p}
	}),
	"keys/three problems": keys(func(p map[string]pulumi.ProviderResource) *replica.KeysArgs {
		return &replica.KeysArgs{Regions: []string{"EU", "ap-south-1"}, Providers: p, DeletionWindowInDays: ptrTo(0)}
	}),
}

// readMany grants the role "app" read on n imported secrets with realistic names.
func readMany(n int) program {
	return func(ctx *pulumi.Context) error {
		r, err := role(ctx)
		if err != nil {
			return err
		}
		var ts []grants.Target
		for i := range n {
			imp, err := secrets.FromSecretCompleteARN(ctx, fmt.Sprintf("imp%d", i),
				str(fmt.Sprintf("arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/payments/service-%03d-AbCdEf", i)))
			if err != nil {
				return err
			}
			ts = append(ts, imp)
		}
		_, err = grants.New(ctx, "g", grants.Role(r), grants.Read, grants.Secrets(ts...))
		return err
	}
}

func target(port int) program {
	return secret(&secrets.SecretArgs{
		GenerateSecretString: &secrets.SecretStringGenerator{SecretStringTemplate: `{"username":"app"}`, GenerateStringKey: "password"},
		Target:               &secrets.TargetAttachment{Engine: str("mysql"), Host: str("h"), Port: pulumi.Int(port)},
	})
}

func importComplete(a string) program {
	return func(ctx *pulumi.Context) error {
		_, err := secrets.FromSecretCompleteARN(ctx, "imp", str(a))
		return err
	}
}

func importPartial(a string) program {
	return func(ctx *pulumi.Context) error {
		_, err := secrets.FromSecretPartialARN(ctx, "imp", str(a))
		return err
	}
}

func importName(n string) program {
	return func(ctx *pulumi.Context) error { _, err := secrets.FromSecretName(ctx, "imp", str(n)); return err }
}

// good are edge cases AWS accepts: they must pass.
var good = map[string]program{
	"secrets/name 512 characters":       secret(&secrets.SecretArgs{SecretName: str(strings.Repeat("n", 512))}),
	"secrets/name every allowed sign":   secret(&secrets.SecretArgs{SecretName: str("a/b_c+d=e.f@g-h")}),
	"secrets/description 2048":          secret(&secrets.SecretArgs{Description: str(strings.Repeat("d", 2048))}),
	"secrets/description non-ASCII":     secret(&secrets.SecretArgs{Description: str("base de données")}),
	"secrets/recovery window 0":         secret(&secrets.SecretArgs{RecoveryWindowInDays: ptrTo(0)}),
	"secrets/recovery window 7":         secret(&secrets.SecretArgs{RecoveryWindowInDays: ptrTo(7)}),
	"secrets/recovery window 30":        secret(&secrets.SecretArgs{RecoveryWindowInDays: ptrTo(30)}),
	"secrets/50 tags":                   secret(&secrets.SecretArgs{Tags: tags(50)}),
	"secrets/tag key 128, value 256":    secret(&secrets.SecretArgs{Tags: pulumi.StringMap{strings.Repeat("k", 128): str(strings.Repeat("v", 256))}}),
	"secrets/tag value empty":           secret(&secrets.SecretArgs{Tags: pulumi.StringMap{"k": str("")}}),
	"secrets/key in the region":         secret(&secrets.SecretArgs{EncryptionKey: str(key)}),
	"generator/length 1":                generated(secrets.SecretStringGenerator{PasswordLength: 1, RequireEachIncludedType: ptrTo(false)}),
	"generator/length 4096":             generated(secrets.SecretStringGenerator{PasswordLength: 4096}),
	"generator/only digits":             generated(secrets.SecretStringGenerator{ExcludeLowercase: true, ExcludeUppercase: true, ExcludePunctuation: true}),
	"value/exactly 64 KiB":              secret(&secrets.SecretArgs{SecretStringValue: hiddenStr(strings.Repeat("x", 65536))}),
	"value/non-ASCII":                   secret(&secrets.SecretArgs{SecretStringValue: hiddenStr("mot de passe é")}),
	"target/port 1":                     target(1),
	"target/port 65535":                 target(65535),
	"replicas/opt-in region":            secret(&secrets.SecretArgs{ReplicaRegions: []replica.Region{{Region: "me-central-1"}}}),
	"policy/describe only, no key":      secret(&secrets.SecretArgs{ResourcePolicy: []grants.Statement{statement(grants.Account("222222222222"), "secretsmanager:DescribeSecret")}}),
	"policy/deny another account":       secret(&secrets.SecretArgs{ResourcePolicy: []grants.Statement{{Effect: grants.Deny, Principals: []grants.Grantee{grants.Account("222222222222")}, Actions: []string{"secretsmanager:*"}}}}),
	"policy/own account, no key":        secret(&secrets.SecretArgs{ResourcePolicy: []grants.Statement{grants.AllowRead(grants.Account("123456789012"))}}),
	"schedule/after 4 hours":            after(4 * time.Hour),
	"schedule/after 1000 days":          after(1000 * 24 * time.Hour),
	"schedule/rate 1 day":               every("rate(1 day)"),
	"schedule/rate 4 hours":             every("rate(4 hours)"),
	"schedule/cron last day":            every("cron(0 9 L * ? *)"),
	"schedule/cron weekday nearest":     every("cron(0 9 15W * ? *)"),
	"schedule/cron second Monday":       every("cron(0 9 ? * 2#2 *)"),
	"schedule/cron every 4 hours":       every("cron(0 0/4 * * ? *)"),
	"schedule/window 24 hours":          window("rate(2 days)", 24*time.Hour),
	"schedule/window to the end of day": window("cron(0 21 * * ? *)", 3*time.Hour),
	"schedule/no automatic rotation":    after(rotation.NoAutomaticRotation),
	"grant/tag value empty":             grant(grants.Read, func(*secrets.Secret) grants.Scope { return grants.Tagged("k", "") }),
	"grant/100 secrets inline":          readMany(100),
	"keys/window 7 and 30": keys(func(p map[string]pulumi.ProviderResource) *replica.KeysArgs {
		return &replica.KeysArgs{Regions: []string{"eu-west-1"}, Providers: p, DeletionWindowInDays: ptrTo(7)}
	}),
}
