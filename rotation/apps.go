package rotation

import (
	"fmt"
	"maps"
	"strings"
)

// Application is an AWS rotation application of the Serverless Application Repository, with
// its pinned semantic version in each partition (CDK's SecretRotationApplication). It is an
// immutable value: use the variables below (MySQLRotationSingleUser...), or
// NewApplication for another application or version.
type Application struct {
	name      string
	versions  map[string]string // never changed after NewApplication
	multiUser bool
}

// NewApplication is the application name (such as
// SecretsManagerRDSMySQLRotationSingleUser) at the semantic version given for each
// partition (aws, aws-cn, aws-us-gov) it is deployed in; versions is copied. A name ending
// in MultiUser is the alternating-users scheme, which needs a master secret.
func NewApplication(name string, versions map[string]string) Application {
	return Application{name: name, versions: maps.Clone(versions), multiUser: strings.HasSuffix(name, "MultiUser")}
}

// Name is the application's name, such as SecretsManagerRDSMySQLRotationSingleUser.
func (a Application) Name() string { return a.name }

// Version is the semantic version deployed in partition; ok is false when the application
// is not deployed there.
func (a Application) Version(partition string) (version string, ok bool) {
	version, ok = a.versions[partition]
	return version, ok
}

// MultiUser reports whether the application alternates two users, changed with a master
// secret.
func (a Application) MultiUser() bool { return a.multiUser }

// The accounts that publish the rotation applications, by partition (from aws-cdk-lib
// 2.276.0, secret-rotation.js: applicationArnForPartition).
var publishers = map[string]struct{ region, account string }{
	"aws":        {"us-east-1", "297356227824"},
	"aws-cn":     {"cn-north-1", "193023089310"},
	"aws-us-gov": {"us-gov-west-1", "023102451235"},
}

// ApplicationARN returns the application's ARN in partition, or CDK's "unsupported
// partition" error.
func (a Application) ApplicationARN(partition string) (string, error) {
	p, ok := publishers[partition]
	if _, versioned := a.versions[partition]; !ok || !versioned {
		return "", fmt.Errorf("unsupported partition: %s", partition)
	}
	return fmt.Sprintf("arn:%s:serverlessrepo:%s:%s:applications/%s", partition, p.region, p.account, a.name), nil
}

func app(name, aws, cn, gov string) Application {
	return NewApplication(name, map[string]string{"aws": aws, "aws-cn": cn, "aws-us-gov": gov})
}

// The rotation applications and their versions in aws-cdk-lib 2.276.0 (secret-rotation.js).
// These numbers are bumped often upstream: update them here, as data.
var (
	MariaDBRotationSingleUser   = app("SecretsManagerRDSMariaDBRotationSingleUser", "1.1.670", "1.1.442", "1.1.383")
	MariaDBRotationMultiUser    = app("SecretsManagerRDSMariaDBRotationMultiUser", "1.1.670", "1.1.441", "1.1.383")
	MySQLRotationSingleUser     = app("SecretsManagerRDSMySQLRotationSingleUser", "1.1.671", "1.1.440", "1.1.384")
	MySQLRotationMultiUser      = app("SecretsManagerRDSMySQLRotationMultiUser", "1.1.671", "1.1.440", "1.1.383")
	OracleRotationSingleUser    = app("SecretsManagerRDSOracleRotationSingleUser", "1.1.671", "1.1.441", "1.1.382")
	OracleRotationMultiUser     = app("SecretsManagerRDSOracleRotationMultiUser", "1.1.671", "1.1.441", "1.1.383")
	PostgresRotationSingleUser  = app("SecretsManagerRDSPostgreSQLRotationSingleUser", "1.1.671", "1.1.440", "1.1.383")
	PostgresRotationMultiUser   = app("SecretsManagerRDSPostgreSQLRotationMultiUser", "1.1.671", "1.1.440", "1.1.383")
	SQLServerRotationSingleUser = app("SecretsManagerRDSSQLServerRotationSingleUser", "1.1.670", "1.1.441", "1.1.383")
	SQLServerRotationMultiUser  = app("SecretsManagerRDSSQLServerRotationMultiUser", "1.1.671", "1.1.441", "1.1.384")
	RedshiftRotationSingleUser  = app("SecretsManagerRedshiftRotationSingleUser", "1.1.671", "1.1.441", "1.1.383")
	RedshiftRotationMultiUser   = app("SecretsManagerRedshiftRotationMultiUser", "1.1.671", "1.1.440", "1.1.383")
	MongoDBRotationSingleUser   = app("SecretsManagerMongoDBRotationSingleUser", "1.1.671", "1.1.440", "1.1.384")
	MongoDBRotationMultiUser    = app("SecretsManagerMongoDBRotationMultiUser", "1.1.671", "1.1.441", "1.1.384")
	DB2RotationSingleUser       = app("SecretsManagerRDSDb2RotationSingleUser", "1.1.271", "1.1.242", "1.1.222")
	DB2RotationMultiUser        = app("SecretsManagerRDSDb2RotationMultiUser", "1.1.272", "1.1.240", "1.1.223")
)
