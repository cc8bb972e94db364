// Package rotator is the Secrets Manager rotation protocol in Go: the four steps a rotation
// function runs (createSecret, setSecret, testSecret and finishSecret) with the staging-label
// rules of AWS's own rotation functions, and a Strategy that says what a step does to the
// service whose credential the secret holds.
//
// It is the runtime half of secretsmith: the code that runs inside a Lambda function, not in
// a Pulumi program. Package rotator/dbrotation has the single-user and alternating-users
// strategies for databases, rotator/postgres and rotator/mysql their drivers, and
// rotator/lambda the function's entry point, which rotation.GoRotation builds and deploys.
//
// The protocol, as Secrets Manager drives it:
//
//   - RotateSecret adds a version for the rotation's token, labelled AWSPENDING but without
//     a value yet, and invokes the function once per step with that token.
//   - Every step first checks that rotation is enabled and that the token is a version of
//     the secret: a token that already holds AWSCURRENT means the rotation finished (the
//     step does nothing); a token without AWSPENDING is refused.
//   - createSecret writes the new value under the token with AWSPENDING, once: a retry that
//     finds a value under the token keeps it, so every later step sees the same password.
//   - setSecret changes the credential in the service; testSecret signs in with the new one.
//     Both are retried by Secrets Manager and must be idempotent.
//   - finishSecret moves AWSCURRENT to the token; Secrets Manager moves AWSPREVIOUS to the
//     version that held AWSCURRENT.
//
// The one departure: a secret that has no version at all (one created by secrets.NewSecret
// with GenerateInAWS) gets its first value from createSecret whatever the token, as the
// version PutSecretValue creates then holds AWSCURRENT too.
//
// Secret values never appear in an error or a log line of this package.
package rotator
