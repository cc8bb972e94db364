package main

import (
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/secretsmith/secretsmith/secrets"
)

// SecretRef is an existing secret, by ARN: what grants and rotations on the wire take.
type SecretRef struct {
	ARN           pulumi.StringInput `pulumi:"arn"`
	Partial       bool               `pulumi:"partial,optional"`
	EncryptionKey pulumi.StringInput `pulumi:"encryptionKey,optional"`
}

// Annotate documents the reference.
func (r *SecretRef) Annotate(an infer.Annotator) {
	an.Describe(r, "An existing secret, by ARN.")
	an.Describe(&r.ARN, "The secret's ARN, complete (with the 6-character suffix) unless partial is true.")
	an.Describe(&r.Partial, `The ARN is partial, without the suffix: policies name it with "-??????". If left out, false.`)
	an.Describe(&r.EncryptionKey, "The ARN of the secret's customer managed KMS key. If left out, the AWS managed key.")
}

// reference is the secret r names, as an imported secret named name in errors.
func (r SecretRef) reference(ctx *pulumi.Context, name string) (*secrets.ImportedSecret, error) {
	attrs := &secrets.SecretAttributes{SecretCompleteARN: r.ARN, EncryptionKey: r.EncryptionKey}
	if r.Partial {
		attrs = &secrets.SecretAttributes{SecretPartialARN: r.ARN, EncryptionKey: r.EncryptionKey}
	}
	return secrets.FromSecretAttributes(ctx, name, attrs)
}
