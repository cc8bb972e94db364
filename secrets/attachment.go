package secrets

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// TargetAttachment is the database a secret's credentials belong to. Its connection fields
// are merged into the secret's JSON value, as CloudFormation's SecretTargetAttachment (CDK's
// attach) does, so that rotation functions find the database. The AWS provider has no such
// resource: the fields are part of the value the program sets.
type TargetAttachment struct {
	// Engine is the database engine, such as "mysql" or "postgres": the "engine" field.
	// Required.
	Engine pulumi.StringInput `pulumi:"engine"`
	// Host is the database's endpoint address: the "host" field. Required.
	Host pulumi.StringInput `pulumi:"host"`
	// Port is the database's port: the "port" field. Required.
	Port pulumi.IntInput `pulumi:"port"`
	// DBInstanceIdentifier is the RDS instance's identifier: the "dbInstanceIdentifier"
	// field. If nil, the field is left out.
	DBInstanceIdentifier pulumi.StringInput `pulumi:"dbInstanceIdentifier"`
	// DBClusterIdentifier is the Aurora, DocumentDB or Redshift cluster's identifier: the
	// "dbClusterIdentifier" field. If nil, the field is left out.
	DBClusterIdentifier pulumi.StringInput `pulumi:"dbClusterIdentifier"`
	// MasterSecretARN is the ARN of the secret whose user changes this one's password: the
	// "masterarn" field, which AWS's alternating-users rotation functions (and
	// rotator/dbrotation's AlternatingUsers) read to find the master credentials. If nil,
	// the field is left out.
	MasterSecretARN pulumi.StringInput `pulumi:"masterSecretArn"`
}

// check reports what is missing from t.
func (t *TargetAttachment) check() []error {
	var errs []error
	if t.Engine == nil {
		errs = append(errs, errors.New("Target.Engine is required"))
	}
	if t.Host == nil {
		errs = append(errs, errors.New("Target.Host is required"))
	}
	if t.Port == nil {
		errs = append(errs, errors.New("Target.Port is required"))
	} else if p, ok := t.Port.(pulumi.Int); ok && (p < 1 || p > 65535) {
		errs = append(errs, fmt.Errorf("Target.Port must be between 1 and 65535, got %d", int(p)))
	}
	return errs
}

// keys are the fields t sets in the value.
func (t *TargetAttachment) keys() []string {
	keys := []string{"engine", "host", "port"}
	if t.DBInstanceIdentifier != nil {
		keys = append(keys, "dbInstanceIdentifier")
	}
	if t.DBClusterIdentifier != nil {
		keys = append(keys, "dbClusterIdentifier")
	}
	if t.MasterSecretARN != nil {
		keys = append(keys, "masterarn")
	}
	return keys
}

// attach merges t's fields into value, a JSON object, overwriting fields of the same name.
func (t *TargetAttachment) attach(value pulumi.StringOutput) pulumi.StringOutput {
	fields := pulumi.Map{"engine": t.Engine, "host": t.Host, "port": t.Port}
	if t.DBInstanceIdentifier != nil {
		fields["dbInstanceIdentifier"] = t.DBInstanceIdentifier
	}
	if t.DBClusterIdentifier != nil {
		fields["dbClusterIdentifier"] = t.DBClusterIdentifier
	}
	if t.MasterSecretARN != nil {
		fields["masterarn"] = t.MasterSecretARN
	}
	merged := pulumi.All(value, fields).ApplyT(func(v []any) (string, error) {
		var obj map[string]json.RawMessage
		if err := json.Unmarshal([]byte(v[0].(string)), &obj); err != nil || obj == nil {
			return "", errors.New("secrets: Target: the secret value is not a JSON object (value withheld): " +
				"give SecretStringTemplate and GenerateStringKey, SecretObjectValue or a JSON SecretStringValue")
		}
		if p, ok := v[1].(map[string]any)["port"].(int); ok && (p < 1 || p > 65535) {
			return "", fmt.Errorf("secrets: Target.Port must be between 1 and 65535, got %d", p)
		}
		for k, field := range v[1].(map[string]any) {
			b, err := json.Marshal(field)
			if err != nil {
				return "", errNoDetail
			}
			obj[k] = b
		}
		// encoding/json sorts map keys: the same fields always give the same bytes.
		b, err := json.Marshal(obj)
		if err != nil {
			return "", errNoDetail
		}
		return string(b), nil
	})
	return pulumi.ToSecret(merged).(pulumi.StringOutput)
}
