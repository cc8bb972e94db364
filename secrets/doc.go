// Package secrets provides [Secret] ([NewSecret]), a Pulumi component for an AWS Secrets
// Manager secret and its value, [SecretSet] ([NewSecretSet]), one component for any number
// of such secrets (each an [Owned] secret, as a Secret is), the helpers that import existing secrets
// ([FromSecretCompleteARN], [FromSecretPartialARN], [FromSecretName],
// [FromSecretAttributes], [Find]), and the [Reference] interface both satisfy.
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
//     value back (see [ManagedVersionStage]); with [SecretArgs].GenerateInAWS the value never enters the
//     state at all.
//
// Grants on a secret are [Owned.GrantRead] and [Owned.GrantWrite] (see package
// [github.com/secretsmith/secretsmith/grants] for more); rotation is package
// [github.com/secretsmith/secretsmith/rotation].
//
// Arguments are validated before anything is registered, and every problem is reported at
// once; values unknown during preview are checked once known.
package secrets
