package rotator

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"
)

// The staging labels of the rotation protocol.
const (
	Current  = "AWSCURRENT"
	Pending  = "AWSPENDING"
	Previous = "AWSPREVIOUS"
)

// Rotator runs the steps of a rotation against Secrets Manager.
type Rotator struct {
	// Client is Secrets Manager. Required.
	Client Client
	// Strategy changes the credential in the service. Required.
	Strategy Strategy
	// Passwords makes new passwords. Required.
	Passwords *Passwords
}

// Handle runs e's step. It is the Lambda handler: an error fails the step, and Secrets
// Manager retries it.
func (r *Rotator) Handle(ctx context.Context, e Event) error {
	if e.SecretID == "" || e.ClientRequestToken == "" {
		return errors.New("rotator: the event needs SecretId and ClientRequestToken")
	}
	if !slices.Contains(Steps(), e.Step) {
		return fmt.Errorf("rotator: unknown step %q: want createSecret, setSecret, testSecret or finishSecret", e.Step)
	}
	meta, err := r.Client.DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: aws.String(e.SecretID)})
	if err != nil {
		return fmt.Errorf("rotator: %s: describing secret %s: %w", e.Step, e.SecretID, err)
	}
	if !aws.ToBool(meta.RotationEnabled) {
		return fmt.Errorf("rotator: %s: secret %s is not enabled for rotation", e.Step, e.SecretID)
	}
	stages, known := meta.VersionIdsToStages[e.ClientRequestToken]
	switch {
	case slices.Contains(stages, Current):
		// The rotation finished: a late or repeated step has nothing left to do.
		return nil
	case !known && len(meta.VersionIdsToStages) == 0 && e.Step == CreateSecret:
		// The secret's first value: see the package doc.
	case !known:
		return fmt.Errorf("rotator: %s: secret version %s has no stage for rotation of secret %s", e.Step, e.ClientRequestToken, e.SecretID)
	case !slices.Contains(stages, Pending):
		return fmt.Errorf("rotator: %s: secret version %s not set as AWSPENDING for rotation of secret %s", e.Step, e.ClientRequestToken, e.SecretID)
	}
	switch e.Step {
	case CreateSecret:
		err = r.create(ctx, e)
	case SetSecret:
		err = r.set(ctx, e)
	case TestSecret:
		err = r.test(ctx, e)
	default:
		err = r.finish(ctx, e, meta.VersionIdsToStages)
	}
	if err != nil {
		return fmt.Errorf("rotator: %s of secret %s: %w", e.Step, e.SecretID, err)
	}
	return nil
}

// create writes the pending value under the token, unless a value is already there.
func (r *Rotator) create(ctx context.Context, e Event) error {
	current, hasCurrent, err := r.value(ctx, e.SecretID, Current, "")
	if err != nil {
		return err
	}
	if _, ok, err := r.value(ctx, e.SecretID, Pending, e.ClientRequestToken); err != nil || ok {
		// A retry: the value written before stays, so every step sees one password.
		return err
	}
	pw, err := r.Passwords.New()
	if err != nil {
		return err
	}
	pending, err := r.Strategy.Create(ctx, current, hasCurrent, pw)
	if err != nil {
		return err
	}
	in := &secretsmanager.PutSecretValueInput{
		SecretId:           aws.String(e.SecretID),
		ClientRequestToken: aws.String(e.ClientRequestToken),
		SecretString:       aws.String(pending),
		VersionStages:      []string{Pending},
	}
	if e.RotationToken != "" {
		in.RotationToken = aws.String(e.RotationToken)
	}
	if _, err := r.Client.PutSecretValue(ctx, in); err != nil {
		return fmt.Errorf("putting the pending value: %w", err)
	}
	return nil
}

func (r *Rotator) set(ctx context.Context, e Event) error {
	var v Versions
	var ok bool
	var err error
	if v.Pending, ok, err = r.value(ctx, e.SecretID, Pending, e.ClientRequestToken); err != nil {
		return err
	} else if !ok {
		return errors.New("the pending version has no value: createSecret did not run")
	}
	if v.Current, ok, err = r.value(ctx, e.SecretID, Current, ""); err != nil {
		return err
	} else if !ok {
		return errors.New("the secret has no AWSCURRENT value")
	}
	if v.Previous, _, err = r.value(ctx, e.SecretID, Previous, ""); err != nil {
		return err
	}
	v.Read = func(ctx context.Context, secretID string) (string, error) {
		s, ok, err := r.value(ctx, secretID, Current, "")
		if err == nil && !ok {
			err = fmt.Errorf("secret %s has no AWSCURRENT value", secretID)
		}
		return s, err
	}
	return r.Strategy.Set(ctx, v)
}

func (r *Rotator) test(ctx context.Context, e Event) error {
	pending, ok, err := r.value(ctx, e.SecretID, Pending, e.ClientRequestToken)
	if err != nil {
		return err
	}
	if !ok {
		return errors.New("the pending version has no value: createSecret did not run")
	}
	return r.Strategy.Test(ctx, pending)
}

// finish moves AWSCURRENT to the token; Secrets Manager moves AWSPREVIOUS along.
func (r *Rotator) finish(ctx context.Context, e Event, versions map[string][]string) error {
	in := &secretsmanager.UpdateSecretVersionStageInput{
		SecretId:        aws.String(e.SecretID),
		VersionStage:    aws.String(Current),
		MoveToVersionId: aws.String(e.ClientRequestToken),
	}
	for id, stages := range versions {
		if slices.Contains(stages, Current) {
			in.RemoveFromVersionId = aws.String(id)
		}
	}
	if _, err := r.Client.UpdateSecretVersionStage(ctx, in); err != nil {
		return fmt.Errorf("moving AWSCURRENT to version %s: %w", e.ClientRequestToken, err)
	}
	return nil
}

// value reads secretID's value under stage (and versionID when given); ok is false when
// there is none.
func (r *Rotator) value(ctx context.Context, secretID, stage, versionID string) (string, bool, error) {
	in := &secretsmanager.GetSecretValueInput{SecretId: aws.String(secretID), VersionStage: aws.String(stage)}
	if versionID != "" {
		in.VersionId = aws.String(versionID)
	}
	out, err := r.Client.GetSecretValue(ctx, in)
	var notFound *types.ResourceNotFoundException
	switch {
	case errors.As(err, &notFound):
		return "", false, nil
	case err != nil:
		return "", false, fmt.Errorf("reading the %s value of secret %s: %w", stage, secretID, err)
	case out.SecretString == nil:
		return "", false, fmt.Errorf("the %s value of secret %s is binary: only string values rotate", stage, secretID)
	}
	return *out.SecretString, true, nil
}
