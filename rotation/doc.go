// Package rotation rotates Secrets Manager secrets: [RotationSchedule]
// ([NewRotationSchedule]) with a custom Lambda (defined in the program or given by ARN), a
// hosted rotation function ([HostedRotation], such as [MySQLSingleUser]), secretsmith's own
// function in Go ([GoRotation], such as [GoPostgreSQLSingleUser], built from package
// [github.com/secretsmith/secretsmith/rotator]) or one function for many secrets
// ([NewRotationFunction]); [RotationScheduleSet] ([NewRotationScheduleSet]), one such
// function and schedule for any number of secrets in one component; and [SecretRotation] ([NewSecretRotation]), CDK's construct that
// deploys an AWS rotation application ([Application]) next to a
// database.
//
// Hosted rotation and SecretRotation both deploy the AWS Serverless Application Repository
// rotation applications with serverlessrepository.CloudFormationStack: CloudFormation's
// AWS::SecretsManager transform, which CDK's HostedRotation relies on, does not exist
// outside CloudFormation. Application ids and semantic versions are kept as data per
// partition (see Application).
//
// Rotation and the program's value: a secret created by secrets.NewSecret keeps its initial
// value in a version labelled secrets.ManagedVersionStage, so neither `pulumi refresh` nor
// `pulumi up` brings the old value back after rotation moves AWSCURRENT (see secrets).
package rotation
