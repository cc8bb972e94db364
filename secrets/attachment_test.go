package secrets_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/pulumitest"
	"github.com/secretsmith/secretsmith/secrets"
)

func mysql() *secrets.TargetAttachment {
	return &secrets.TargetAttachment{
		Engine: pulumi.String("mysql"), Host: pulumi.String("db.internal"), Port: pulumi.Int(3306),
		DBInstanceIdentifier: pulumi.String("db-1"),
	}
}

// CDK secret.test.ts 49 (attach), the Pulumi way: the target's connection fields join the
// generated JSON value, and the password stays the same as without them.
func TestTargetAttachment(t *testing.T) {
	t.Parallel()
	args := templated(`{"username":"app","host":"old"}`, 0)
	plain := decode(t, secretInput(t, newSecret(t, args).MustFind(t, versionType, "s-version"), "secretString"))
	args = templated(`{"username":"app","host":"old"}`, 0)
	args.Target = mysql()
	obj := decode(t, secretInput(t, newSecret(t, args).MustFind(t, versionType, "s-version"), "secretString"))
	want := map[string]any{"engine": "mysql", "host": "db.internal", "port": 3306.0, "dbInstanceIdentifier": "db-1", "username": "app"}
	for k, v := range want {
		if obj[k] != v {
			t.Errorf("%s = %v; want %v", k, obj[k], v)
		}
	}
	if obj["password"] != plain["password"] || len(obj) != 6 {
		t.Errorf("the attachment changed the password or added unexpected fields: %d fields", len(obj))
	}
}

func TestTargetAttachmentObjectValue(t *testing.T) {
	t.Parallel()
	var field *pulumitest.Captured
	m := run(t, func(ctx *pulumi.Context) error {
		s, err := secrets.NewSecret(ctx, "s", &secrets.SecretArgs{
			SecretObjectValue: pulumi.StringMap{"username": pulumi.String("u"), "password": pulumi.String("p")},
			Target:            &secrets.TargetAttachment{Engine: pulumi.String("postgres"), Host: pulumi.String("h"), Port: pulumi.Int(5432), DBClusterIdentifier: pulumi.String("c")},
		})
		if err != nil {
			return err
		}
		field = pulumitest.Capture(ctx, s.SecretValueFromJSON("port"))
		return nil
	})
	got := secretInput(t, m.MustFind(t, versionType, "s-version"), "secretString")
	if want := `{"dbClusterIdentifier":"c","engine":"postgres","host":"h","password":"p","port":5432,"username":"u"}`; got != want {
		t.Errorf("secretString = %q; want %q", got, want)
	}
	if field.String() != "5432" || !field.Secret() {
		t.Errorf("SecretValueFromJSON(port) = %q (secret %v)", field.String(), field.Secret())
	}
}

// The master secret's ARN goes in as "masterarn", where the alternating-users rotation
// functions look for it.
func TestTargetAttachmentMasterSecret(t *testing.T) {
	t.Parallel()
	const masterARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:master-AbCdEf"
	m := run(t, func(ctx *pulumi.Context) error {
		_, err := secrets.NewSecret(ctx, "s", &secrets.SecretArgs{
			SecretObjectValue: pulumi.StringMap{"username": pulumi.String("u"), "password": pulumi.String("p")},
			Target: &secrets.TargetAttachment{Engine: pulumi.String("postgres"), Host: pulumi.String("h"), Port: pulumi.Int(5432),
				MasterSecretARN: pulumi.String(masterARN)},
		})
		return err
	})
	got := secretInput(t, m.MustFind(t, versionType, "s-version"), "secretString")
	if want := `{"engine":"postgres","host":"h","masterarn":"` + masterARN + `","password":"p","port":5432,"username":"u"}`; got != want {
		t.Errorf("secretString = %q; want %q", got, want)
	}
}

func TestTargetAttachmentErrors(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		args *secrets.SecretArgs
		want []string
	}{
		"missing fields": {&secrets.SecretArgs{GenerateSecretString: &secrets.SecretStringGenerator{SecretStringTemplate: `{}`, GenerateStringKey: "p"}, Target: &secrets.TargetAttachment{}},
			[]string{"secrets: Target.Engine is required", "secrets: Target.Host is required", "secrets: Target.Port is required"}},
		"bare password": {&secrets.SecretArgs{Target: mysql()},
			[]string{"secrets: Target needs a JSON value: give GenerateSecretString a SecretStringTemplate and GenerateStringKey"}},
		"binary": {&secrets.SecretArgs{SecretBinaryValue: pulumi.String("AA=="), Target: mysql()},
			[]string{"secrets: Target needs a JSON value, not SecretBinaryValue"}},
		"string not JSON": {&secrets.SecretArgs{SecretStringValue: pulumi.String("hunter2"), Target: mysql()},
			[]string{"secrets: Target: the secret value is not a JSON object (value withheld)"}},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			err := pulumitest.New().Run(func(ctx *pulumi.Context) error {
				_, err := secrets.NewSecret(ctx, "s", tt.args)
				return err
			})
			for _, w := range tt.want {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Errorf("got %v; want %q", err, w)
				}
			}
			if err != nil && strings.Contains(err.Error(), "hunter2") {
				t.Errorf("the error quotes the value")
			}
		})
	}
}
