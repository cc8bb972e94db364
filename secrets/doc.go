// Package secrets provides Secret, a Pulumi component for an AWS Secrets Manager secret and
// its value, the helpers that import existing secrets, and the Reference interface both
// satisfy.
//
// It is the Pulumi counterpart of the AWS CDK's aws-secretsmanager Secret: generated and
// templated values with GetRandomPassword's semantics, explicit string, object and binary
// values, customer managed KMS keys, replica regions and removal policies. Where Pulumi's
// lifecycle differs from CloudFormation's, secretsmith follows Pulumi:
//
//   - Values are generated in the program from random bytes that pulumi-random keeps in the
//     stack state as a secret, so the value is stable across runs and releases.
//   - Every output or input that carries the value is a Pulumi secret, and no error quotes it.
//   - The value lives in a SecretVersion registered so that rotation never brings the old
//     value back (see ManagedVersionStage).
//
// Arguments are validated before anything is registered, and every problem is reported at
// once; values unknown during preview are checked once known.
package secrets
