// Package grants gives IAM principals access to Secrets Manager secrets: the grantees, the
// KMS-aware read and write grants, and the statements of a secret's resource policy.
//
// Identity grantees ([Role], [RoleName], [User], [Group]) get an inline policy naming exactly the secret's
// ARN for policies and the actions granted; when the secret has a customer managed KMS key,
// owned or imported, they also get the KMS actions on that key, conditioned on
// kms:ViaService = secretsmanager.<region>.amazonaws.com, so they can use the key only
// through Secrets Manager. These KMS statements are identity statements, not key-policy
// statements as in CDK (which drops them for imported keys, aws-cdk #20087): they take
// effect as long as the key policy delegates to IAM — it allows the account root kms:* —
// which the AWS default key policy does.
//
// A grant ([New]) gives an [Access] ([Read], [Write]) on a [Scope]: exact secrets
// ([Secrets], one or many: one policy document with
// one statement for all their ARNs and one KMS statement per region), or every secret with
// a tag ([Tagged]) or a name prefix ([NamePrefix]), whose document keeps one size however many
// secrets there are. Each grant's document is checked, once known and before its policy is
// registered, against IAM's quotas for the identity together with the program's other
// grants to it: 10,240 characters of inline policies for a role, 5,120 for a group, 2,048
// for a user, 6,144 for a managed policy ([ManagedPolicy]) and 10 managed policies attached.
//
// Principal-only grantees ([Account], [Service], [ARN]) need the secret's resource policy, of
// which AWS allows exactly one per secret. It is declared once, on the secret, with
// [AllowRead], [AllowWrite] and free-form [Statement] values; cross-account principals then also get a
// kms.Grant on the secret's key.
package grants
