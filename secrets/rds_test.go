package secrets_test

import (
	"encoding/json"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/rds"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/internal/pulumitest"
	"github.com/secretsmith/secretsmith/secrets"
)

// The Target of an instance or a cluster carries its endpoint, port and identifier, and the
// engine as the rotation functions name it.
func TestTargetOfInstanceAndCluster(t *testing.T) {
	t.Parallel()
	m := pulumitest.New()
	var inst, cluster *pulumitest.Captured
	if err := m.Run(func(ctx *pulumi.Context) error {
		i, err := rds.NewInstance(ctx, "db", &rds.InstanceArgs{Engine: pulumi.String("mysql"), InstanceClass: pulumi.String("db.t3.micro")})
		if err != nil {
			return err
		}
		c, err := rds.NewCluster(ctx, "aurora", &rds.ClusterArgs{Engine: pulumi.String("aurora-postgresql")})
		if err != nil {
			return err
		}
		template := &secrets.SecretStringGenerator{SecretStringTemplate: `{"username":"admin"}`, GenerateStringKey: "password"}
		a, err := secrets.NewSecret(ctx, "a", &secrets.SecretArgs{GenerateSecretString: template, Target: secrets.TargetOfInstance(i)})
		if err != nil {
			return err
		}
		b, err := secrets.NewSecret(ctx, "b", &secrets.SecretArgs{GenerateSecretString: template, Target: secrets.TargetOfCluster(c)})
		inst, cluster = pulumitest.Capture(ctx, a.SecretValue()), pulumitest.Capture(ctx, b.SecretValue())
		return err
	}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		got  *pulumitest.Captured
		want map[string]any
	}{
		{inst, map[string]any{"engine": "mysql", "host": "db.abcdefghij.us-east-1.rds.amazonaws.com", "port": 3306.0, "dbInstanceIdentifier": "db"}},
		{cluster, map[string]any{"engine": "postgres", "host": "aurora.abcdefghij.us-east-1.rds.amazonaws.com", "port": 5432.0, "dbClusterIdentifier": "aurora"}},
	} {
		var v map[string]any
		if err := json.Unmarshal([]byte(tt.got.String()), &v); err != nil {
			t.Fatal("the value is not JSON (value withheld)")
		}
		for k, want := range tt.want {
			if v[k] != want {
				t.Errorf("%s = %v, want %v", k, v[k], want)
			}
		}
	}
}
