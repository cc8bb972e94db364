package secrets

import (
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/rds"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// TargetOfInstance is the Target of an RDS instance: its engine (as the rotation functions
// name it), address, port and identifier, for SecretArgs.Target.
func TargetOfInstance(i *rds.Instance) *TargetAttachment {
	return &TargetAttachment{
		Engine: rotationEngine(i.Engine), Host: i.Address, Port: i.Port, DBInstanceIdentifier: i.Identifier,
	}
}

// TargetOfCluster is the Target of an Aurora or RDS cluster: its engine (as the rotation
// functions name it), writer endpoint, port and identifier, for SecretArgs.Target.
func TargetOfCluster(c *rds.Cluster) *TargetAttachment {
	return &TargetAttachment{
		Engine: rotationEngine(c.Engine), Host: c.Endpoint, Port: c.Port, DBClusterIdentifier: c.ClusterIdentifier,
	}
}

// rotationEngine is the engine field AWS's rotation functions expect for an RDS engine:
// they check for "mysql", "postgres", "mariadb", "oracle", "sqlserver" or "db2", while RDS
// names Aurora and edition engines otherwise (aurora-postgresql, oracle-ee, sqlserver-se).
func rotationEngine(engine pulumi.StringOutput) pulumi.StringOutput {
	return engine.ApplyT(func(e string) string {
		switch {
		case e == "aurora" || e == "aurora-mysql":
			return "mysql"
		case e == "aurora-postgresql":
			return "postgres"
		case strings.HasPrefix(e, "oracle-"), strings.HasPrefix(e, "custom-oracle"):
			return "oracle"
		case strings.HasPrefix(e, "sqlserver-"), strings.HasPrefix(e, "custom-sqlserver"):
			return "sqlserver"
		case strings.HasPrefix(e, "db2-"):
			return "db2"
		}
		return e
	}).(pulumi.StringOutput)
}
