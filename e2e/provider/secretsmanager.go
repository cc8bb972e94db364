package provider

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/secretsmanager"
	smtypes "github.com/aws/aws-sdk-go-v2/service/secretsmanager/types"
	"github.com/aws/smithy-go"
)

// secretNotFound is the upstream's findSecretVersion/findSecretByID test: ResourceNotFound,
// or an InvalidRequest because the secret was deleted or is marked for deletion.
func secretNotFound(err error) bool {
	var nf *smtypes.ResourceNotFoundException
	var ir *smtypes.InvalidRequestException
	return errors.As(err, &nf) || (errors.As(err, &ir) &&
		(strings.Contains(ir.ErrorMessage(), "because it was deleted") ||
			strings.Contains(ir.ErrorMessage(), "marked for deletion")))
}

// ClientRequestToken is a fresh version ID in the UUID form Secrets Manager asks for.
func ClientRequestToken() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

func strPtr(p Props, k string) *string {
	if !p.Has(k) {
		return nil
	}
	return aws.String(p.Str(k))
}

// describeSecret is the upstream's findSecretByID: a secret scheduled for deletion is gone.
func describeSecret(ctx context.Context, c *Clients, id string) (*secretsmanager.DescribeSecretOutput, error) {
	out, err := c.SM().DescribeSecret(ctx, &secretsmanager.DescribeSecretInput{SecretId: aws.String(id)})
	if secretNotFound(err) || (err == nil && out.DeletedDate != nil) {
		return nil, nil
	}
	return out, err
}

func tagMap(tags []smtypes.Tag) map[string]string {
	m := map[string]string{}
	for _, t := range tags {
		m[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return m
}

func replicaRegions(p Props) []smtypes.ReplicaRegionType {
	var out []smtypes.ReplicaRegionType
	for _, r := range p.Objs("replicas") {
		out = append(out, smtypes.ReplicaRegionType{Region: strPtr(r, "region"), KmsKeyId: strPtr(r, "kmsKeyId")})
	}
	return out
}

// secret is aws:secretsmanager/secret:Secret (upstream resourceSecret*).
var secret = &Type{
	ForceNew: []string{"name", "namePrefix"},
	AutoName: "name",
	Defaults: map[string]any{"recoveryWindowInDays": 30.0, "forceOverwriteReplicaSecret": false},
	Computed: []string{"arn", "policy", "replicas", "tagsAll", "namePrefix"},
	Sets:     []string{"replicas"},
	JSON:     []string{"policy"},
	Create: func(ctx context.Context, c *Clients, in Props) (string, Props, error) {
		in2 := &secretsmanager.CreateSecretInput{
			ClientRequestToken:          aws.String(ClientRequestToken()), // the upstream's, for its own retries
			Name:                        aws.String(in.Str("name")),
			Description:                 strPtr(in, "description"),
			KmsKeyId:                    strPtr(in, "kmsKeyId"),
			ForceOverwriteReplicaSecret: in.Bool("forceOverwriteReplicaSecret", false),
			AddReplicaRegions:           replicaRegions(in),
		}
		for k, v := range in.StrMap("tags") {
			in2.Tags = append(in2.Tags, smtypes.Tag{Key: aws.String(k), Value: aws.String(v)})
		}
		// resourceSecretCreate: CreateSecret is retried while the name is still taken by a
		// deleted secret, then the secret is waited for until a read finds it.
		var out *secretsmanager.CreateSecretOutput
		err := retryFor(ctx, propagationTimeout, "a deleted secret's name", func() error {
			var err error
			out, err = c.SM().CreateSecret(ctx, in2)
			var ir *smtypes.InvalidRequestException
			if errors.As(err, &ir) && (strings.Contains(ir.ErrorMessage(), "scheduled for deletion") || strings.Contains(ir.ErrorMessage(), "was deleted")) {
				return errNotYet
			}
			return err
		})
		if err != nil {
			return "", nil, fmt.Errorf("creating Secrets Manager Secret (%s): %w", in.Str("name"), err)
		}
		if err := untilFound(ctx, "the secret to be found", func() (bool, error) {
			found, err := describeSecret(ctx, c, aws.ToString(out.ARN))
			return found != nil, err
		}); err != nil {
			return "", nil, fmt.Errorf("waiting for Secrets Manager Secret (%s) create: %w", aws.ToString(out.ARN), err)
		}
		if in.Has("policy") {
			if _, err := c.SM().PutResourcePolicy(ctx, &secretsmanager.PutResourcePolicyInput{
				SecretId: out.ARN, ResourcePolicy: aws.String(in.Str("policy")),
			}); err != nil {
				return aws.ToString(out.ARN), nil, err
			}
		}
		return aws.ToString(out.ARN), nil, nil
	},
	Read: func(ctx context.Context, c *Clients, id string, state Props) (Props, error) {
		out, err := describeSecret(ctx, c, id)
		if out == nil || err != nil {
			return nil, err
		}
		var replicas []Props
		for _, r := range out.ReplicationStatus {
			replicas = append(replicas, Props{
				"region": aws.ToString(r.Region), "kmsKeyId": aws.ToString(r.KmsKeyId),
				"status": string(r.Status), "statusMessage": aws.ToString(r.StatusMessage), "lastAccessedDate": "",
			})
		}
		policy := ""
		if p, err := c.SM().GetResourcePolicy(ctx, &secretsmanager.GetResourcePolicyInput{SecretId: aws.String(id)}); err == nil && p.ResourcePolicy != nil {
			policy = keepPolicy(state.Str("policy"), aws.ToString(p.ResourcePolicy))
		}
		tags := tagMap(out.Tags)
		return Props{
			"arn": aws.ToString(out.ARN), "name": aws.ToString(out.Name), "namePrefix": state.Str("namePrefix"),
			"description": aws.ToString(out.Description), "kmsKeyId": aws.ToString(out.KmsKeyId),
			"replicas": replicas, "policy": policy, "tags": tags, "tagsAll": tags,
			// Not read from AWS: the upstream keeps them from the configuration.
			"recoveryWindowInDays":        state["recoveryWindowInDays"],
			"forceOverwriteReplicaSecret": state.Bool("forceOverwriteReplicaSecret", false),
		}, nil
	},
	Update: func(ctx context.Context, c *Clients, id string, olds, news Props) error {
		sm := c.SM()
		if olds.Str("description") != news.Str("description") || olds.Str("kmsKeyId") != news.Str("kmsKeyId") {
			if _, err := sm.UpdateSecret(ctx, &secretsmanager.UpdateSecretInput{
				SecretId: aws.String(id), Description: aws.String(news.Str("description")), KmsKeyId: strPtr(news, "kmsKeyId"),
			}); err != nil {
				return fmt.Errorf("updating Secrets Manager Secret (%s): %w", id, err)
			}
		}
		newList, _ := news["replicas"].([]any)
		oldList, _ := olds["replicas"].([]any)
		if _, given := news["replicas"]; given && !sameSet(newList, oldList) {
			newRegions := map[string]bool{}
			for _, r := range news.Objs("replicas") {
				newRegions[r.Str("region")] = true
			}
			var gone []string
			for _, r := range olds.Objs("replicas") {
				if !newRegions[r.Str("region")] {
					gone = append(gone, r.Str("region"))
				}
			}
			if len(gone) > 0 {
				if _, err := sm.RemoveRegionsFromReplication(ctx, &secretsmanager.RemoveRegionsFromReplicationInput{
					SecretId: aws.String(id), RemoveReplicaRegions: gone,
				}); err != nil {
					return err
				}
			}
			oldRegions := map[string]bool{}
			for _, r := range olds.Objs("replicas") {
				oldRegions[r.Str("region")] = true
			}
			var added []smtypes.ReplicaRegionType
			for _, r := range replicaRegions(news) {
				if !oldRegions[aws.ToString(r.Region)] {
					added = append(added, r)
				}
			}
			if len(added) > 0 {
				if _, err := sm.ReplicateSecretToRegions(ctx, &secretsmanager.ReplicateSecretToRegionsInput{
					SecretId: aws.String(id), AddReplicaRegions: added,
					ForceOverwriteReplicaSecret: news.Bool("forceOverwriteReplicaSecret", false),
				}); err != nil {
					return err
				}
			}
		}
		oldTags, newTags := olds.StrMap("tags"), news.StrMap("tags")
		var removed []string
		for k := range oldTags {
			if _, ok := newTags[k]; !ok {
				removed = append(removed, k)
			}
		}
		if len(removed) > 0 {
			if _, err := sm.UntagResource(ctx, &secretsmanager.UntagResourceInput{SecretId: aws.String(id), TagKeys: removed}); err != nil {
				return err
			}
		}
		var tags []smtypes.Tag
		for k, v := range newTags {
			if oldTags[k] != v {
				tags = append(tags, smtypes.Tag{Key: aws.String(k), Value: aws.String(v)})
			}
		}
		if len(tags) > 0 {
			if _, err := sm.TagResource(ctx, &secretsmanager.TagResourceInput{SecretId: aws.String(id), Tags: tags}); err != nil {
				return err
			}
		}
		return nil
	},
	// resourceSecretDelete: replicas are removed first, then the secret is deleted with the
	// recovery window (0: without recovery), and the delete waits until it is gone.
	Delete: func(ctx context.Context, c *Clients, id string, state Props) error {
		sm := c.SM()
		var regions []string
		for _, r := range state.Objs("replicas") {
			regions = append(regions, r.Str("region"))
		}
		if len(regions) > 0 {
			if _, err := sm.RemoveRegionsFromReplication(ctx, &secretsmanager.RemoveRegionsFromReplicationInput{
				SecretId: aws.String(id), RemoveReplicaRegions: regions,
			}); err != nil && !secretNotFound(err) {
				return fmt.Errorf("removing Secrets Manager Secret (%s) replicas: %w", id, err)
			}
		}
		in := &secretsmanager.DeleteSecretInput{SecretId: aws.String(id)}
		if w, ok := state.Int("recoveryWindowInDays"); ok && w == 0 {
			in.ForceDeleteWithoutRecovery = aws.Bool(true)
		} else if ok {
			in.RecoveryWindowInDays = aws.Int64(int64(w))
		}
		if _, err := sm.DeleteSecret(ctx, in); err != nil && !secretNotFound(err) {
			return fmt.Errorf("deleting Secrets Manager Secret (%s): %w", id, err)
		}
		return nil
	},
}

// The labels the upstream treats specially.
const (
	stageCurrent  = "AWSCURRENT"
	stagePrevious = "AWSPREVIOUS"
)

func parseVersionID(id string) (secretID, versionID string, err error) {
	parts := strings.SplitN(id, "|", 2)
	if len(parts) != 2 || parts[0] == "" || parts[1] == "" {
		return "", "", fmt.Errorf("unexpected format of ID (%s), expected SecretID|VersionID", id)
	}
	return parts[0], parts[1], nil
}

func getVersion(ctx context.Context, c *Clients, secretID, versionID string) (*secretsmanager.GetSecretValueOutput, error) {
	out, err := c.SM().GetSecretValue(ctx, &secretsmanager.GetSecretValueInput{
		SecretId: aws.String(secretID), VersionId: aws.String(versionID),
	})
	if secretNotFound(err) {
		return nil, nil
	}
	return out, err
}

// secretVersion is aws:secretsmanager/secretVersion:SecretVersion (upstream
// resourceSecretVersion*).
var secretVersion = &Type{
	ForceNew: []string{"secretId", "secretString", "secretBinary"},
	Computed: []string{"arn", "versionId", "versionStages", "hasSecretStringWo"},
	Sets:     []string{"versionStages"},
	Secrets:  []string{"secretString", "secretBinary"},
	// resourceSecretVersionCreate: PutSecretValue with the stages given (AWS labels a
	// version AWSCURRENT when none are).
	Create: func(ctx context.Context, c *Clients, in Props) (string, Props, error) {
		put := &secretsmanager.PutSecretValueInput{ClientRequestToken: aws.String(ClientRequestToken()), SecretId: aws.String(in.Str("secretId"))}
		if in.Has("secretBinary") {
			b, err := base64.StdEncoding.DecodeString(in.Str("secretBinary"))
			if err != nil {
				return "", nil, errors.New("secretBinary is not base64")
			}
			put.SecretBinary = b
		}
		if in.Has("secretString") {
			put.SecretString = aws.String(in.Str("secretString"))
		}
		if stages := in.Strings("versionStages"); len(stages) > 0 {
			put.VersionStages = stages
		}
		out, err := c.SM().PutSecretValue(ctx, put)
		if err != nil {
			return "", nil, fmt.Errorf("putting Secrets Manager Secret (%s) value: %w", in.Str("secretId"), err)
		}
		id := in.Str("secretId") + "|" + aws.ToString(out.VersionId)
		// Then the version is waited for until a read finds it (RetryWhenNotFound).
		if err := untilFound(ctx, "the version to be found", func() (bool, error) {
			found, err := getVersion(ctx, c, in.Str("secretId"), aws.ToString(out.VersionId))
			return found != nil, err
		}); err != nil {
			return "", nil, fmt.Errorf("waiting for Secrets Manager Secret Version (%s) create: %w", id, err)
		}
		return id, nil, nil
	},
	// resourceSecretVersionRead: the version by its ID; gone when AWS no longer has it.
	Read: func(ctx context.Context, c *Clients, id string, state Props) (Props, error) {
		secretID, versionID, err := parseVersionID(id)
		if err != nil {
			return nil, err
		}
		out, err := getVersion(ctx, c, secretID, versionID)
		if out == nil || err != nil {
			return nil, err
		}
		p := Props{
			"arn": aws.ToString(out.ARN), "secretId": secretID, "versionId": aws.ToString(out.VersionId),
			"versionStages": out.VersionStages, "hasSecretStringWo": false,
		}
		if out.SecretString != nil {
			p["secretString"] = aws.ToString(out.SecretString)
		}
		if out.SecretBinary != nil {
			p["secretBinary"] = base64.StdEncoding.EncodeToString(out.SecretBinary)
		}
		return p, nil
	},
	// resourceSecretVersionUpdate: only the labels move. An added AWSCURRENT is taken from
	// the version holding it; AWSCURRENT is never removed, and AWSPREVIOUS not once
	// AWSCURRENT was added (AWS moved it then).
	Update: func(ctx context.Context, c *Clients, id string, olds, news Props) error {
		secretID, versionID, err := parseVersionID(id)
		if err != nil {
			return err
		}
		sm := c.SM()
		oldStages, newStages := olds.Strings("versionStages"), news.Strings("versionStages")
		listed := false
		for _, stage := range newStages {
			if contains(oldStages, stage) {
				continue
			}
			in := &secretsmanager.UpdateSecretVersionStageInput{
				SecretId: aws.String(secretID), MoveToVersionId: aws.String(versionID), VersionStage: aws.String(stage),
			}
			if stage == stageCurrent && !listed {
				current, err := holder(ctx, c, secretID, stageCurrent)
				if err != nil {
					return err
				}
				in.RemoveFromVersionId = aws.String(current)
				listed = true
			}
			if _, err := sm.UpdateSecretVersionStage(ctx, in); err != nil {
				return fmt.Errorf("adding Secrets Manager Secret Version (%s) stage (%s): %w", id, stage, err)
			}
		}
		for _, stage := range oldStages {
			if contains(newStages, stage) || stage == stageCurrent || (listed && stage == stagePrevious) {
				continue
			}
			if _, err := sm.UpdateSecretVersionStage(ctx, &secretsmanager.UpdateSecretVersionStageInput{
				SecretId: aws.String(secretID), RemoveFromVersionId: aws.String(versionID), VersionStage: aws.String(stage),
			}); err != nil {
				return fmt.Errorf("deleting Secrets Manager Secret Version (%s) stage (%s): %w", id, stage, err)
			}
		}
		return nil
	},
	// resourceSecretVersionDelete: every label in the state but AWSCURRENT is removed from
	// this version ID; a label no longer attached there fails the delete. A deleted secret
	// ends it early. Then it waits until the version is gone or holds only AWSCURRENT or
	// AWSPREVIOUS.
	Delete: func(ctx context.Context, c *Clients, id string, state Props) error {
		secretID, versionID, err := parseVersionID(id)
		if err != nil {
			return err
		}
		for _, stage := range state.Strings("versionStages") {
			if stage == stageCurrent {
				continue
			}
			_, err := c.SM().UpdateSecretVersionStage(ctx, &secretsmanager.UpdateSecretVersionStageInput{
				SecretId: aws.String(secretID), RemoveFromVersionId: aws.String(versionID), VersionStage: aws.String(stage),
			})
			if secretNotFound(err) {
				return nil
			}
			if err != nil {
				return fmt.Errorf("deleting Secrets Manager Secret Version (%s) stage (%s): %w", id, stage, err)
			}
		}
		for range 50 {
			out, err := getVersion(ctx, c, secretID, versionID)
			if err != nil {
				return err
			}
			if out == nil || len(out.VersionStages) == 0 ||
				(len(out.VersionStages) == 1 && (out.VersionStages[0] == stageCurrent || out.VersionStages[0] == stagePrevious)) {
				return nil
			}
			time.Sleep(100 * time.Millisecond)
		}
		return fmt.Errorf("waiting for Secrets Manager Secret Version (%s) delete: it still holds other labels", id)
	},
}

// holder is the version that holds stage.
func holder(ctx context.Context, c *Clients, secretID, stage string) (string, error) {
	out, err := c.SM().ListSecretVersionIds(ctx, &secretsmanager.ListSecretVersionIdsInput{SecretId: aws.String(secretID)})
	if err != nil {
		return "", fmt.Errorf("listing Secrets Manager Secret (%s) version IDs: %w", secretID, err)
	}
	for _, v := range out.Versions {
		if contains(v.VersionStages, stage) {
			return aws.ToString(v.VersionId), nil
		}
	}
	return "", nil
}

// secretPolicy is aws:secretsmanager/secretPolicy:SecretPolicy (upstream
// resourceSecretPolicy*).
var secretPolicy = &Type{
	ForceNew: []string{"secretArn"},
	JSON:     []string{"policy"},
	Create: func(ctx context.Context, c *Clients, in Props) (string, Props, error) {
		return in.Str("secretArn"), nil, putPolicy(ctx, c, in.Str("secretArn"), in)
	},
	Read: func(ctx context.Context, c *Clients, id string, state Props) (Props, error) {
		out, err := c.SM().GetResourcePolicy(ctx, &secretsmanager.GetResourcePolicyInput{SecretId: aws.String(id)})
		if secretNotFound(err) || (err == nil && out.ResourcePolicy == nil) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		return Props{
			"secretArn": id, "policy": keepPolicy(state.Str("policy"), aws.ToString(out.ResourcePolicy)),
			"blockPublicPolicy": state["blockPublicPolicy"], // not readable: kept from the configuration
		}, nil
	},
	Update: func(ctx context.Context, c *Clients, id string, _, news Props) error {
		return putPolicy(ctx, c, id, news)
	},
	Delete: func(ctx context.Context, c *Clients, id string, _ Props) error {
		_, err := c.SM().DeleteResourcePolicy(ctx, &secretsmanager.DeleteResourcePolicyInput{SecretId: aws.String(id)})
		if secretNotFound(err) {
			return nil
		}
		return err
	},
}

func putPolicy(ctx context.Context, c *Clients, arn string, in Props) error {
	_, err := c.SM().PutResourcePolicy(ctx, &secretsmanager.PutResourcePolicyInput{
		SecretId: aws.String(arn), ResourcePolicy: aws.String(in.Str("policy")),
		BlockPublicPolicy: aws.Bool(in.Bool("blockPublicPolicy", false)),
	})
	if err != nil {
		return fmt.Errorf("putting Secrets Manager Secret (%s) policy: %w", arn, err)
	}
	return nil
}

func rotationRules(in Props) *smtypes.RotationRulesType {
	r := in.Obj("rotationRules")
	out := &smtypes.RotationRulesType{ScheduleExpression: strPtr(r, "scheduleExpression"), Duration: strPtr(r, "duration")}
	if out.ScheduleExpression == nil {
		if d, ok := r.Int("automaticallyAfterDays"); ok && d != 0 {
			out.AutomaticallyAfterDays = aws.Int64(int64(d))
		}
	}
	return out
}

// rotate is resourceSecretRotationCreate's (and Update's) RotateSecret, retried on
// AccessDeniedException (Secrets Manager cannot invoke the function yet: its permission is
// propagating) and InvalidRequestException (the role cannot be assumed yet; a previous
// rotation is still in progress), as the upstream retries them.
func rotate(ctx context.Context, c *Clients, in Props) (*secretsmanager.RotateSecretOutput, error) {
	input := &secretsmanager.RotateSecretInput{
		ClientRequestToken: aws.String(ClientRequestToken()),
		SecretId:           aws.String(in.Str("secretId")),
		RotationLambdaARN:  strPtr(in, "rotationLambdaArn"),
		RotationRules:      rotationRules(in),
		RotateImmediately:  aws.Bool(in.Bool("rotateImmediately", true)),
	}
	var out *secretsmanager.RotateSecretOutput
	var last error
	err := retryFor(ctx, propagationTimeout, "RotateSecret", func() error {
		var err error
		out, err = c.SM().RotateSecret(ctx, input)
		var api smithy.APIError
		if errors.As(err, &api) && (api.ErrorCode() == "AccessDeniedException" || api.ErrorCode() == "InvalidRequestException") {
			last = err
			return errNotYet
		}
		return err
	})
	if err != nil && last != nil {
		err = fmt.Errorf("%w (last: %w)", err, last)
	}
	if err != nil {
		return nil, fmt.Errorf("rotating Secrets Manager Secret (%s): %w", in.Str("secretId"), err)
	}
	return out, nil
}

// secretRotation is aws:secretsmanager/secretRotation:SecretRotation (upstream
// resourceSecretRotation*): its ID, and so its secretId after a read, is the secret's
// complete ARN.
var secretRotation = &Type{
	ForceNew: []string{"secretId"},
	Defaults: map[string]any{"rotateImmediately": true},
	Computed: []string{"rotationEnabled"},
	Create: func(ctx context.Context, c *Clients, in Props) (string, Props, error) {
		out, err := rotate(ctx, c, in)
		if err != nil {
			return "", nil, err
		}
		return aws.ToString(out.ARN), nil, nil
	},
	Read: func(ctx context.Context, c *Clients, id string, state Props) (Props, error) {
		out, err := describeSecret(ctx, c, id)
		if out == nil || err != nil {
			return nil, err
		}
		enabled := aws.ToBool(out.RotationEnabled)
		p := Props{"secretId": id, "rotationEnabled": enabled, "rotateImmediately": state.Bool("rotateImmediately", true),
			"rotationLambdaArn": "", "rotationRules": nil}
		if enabled {
			p["rotationLambdaArn"] = aws.ToString(out.RotationLambdaARN)
			rules := Props{}
			if r := out.RotationRules; r != nil {
				if s := aws.ToString(r.ScheduleExpression); s != "" {
					rules["scheduleExpression"] = s
				} else if d := aws.ToInt64(r.AutomaticallyAfterDays); d != 0 {
					rules["automaticallyAfterDays"] = d
				}
				if r.Duration != nil {
					rules["duration"] = aws.ToString(r.Duration)
				}
			}
			p["rotationRules"] = rules
		}
		return p, nil
	},
	Update: func(ctx context.Context, c *Clients, _ string, _, news Props) error {
		_, err := rotate(ctx, c, news)
		return err
	},
	Delete: func(ctx context.Context, c *Clients, _ string, state Props) error {
		_, err := c.SM().CancelRotateSecret(ctx, &secretsmanager.CancelRotateSecretInput{SecretId: aws.String(state.Str("secretId"))})
		if err != nil && !secretNotFound(err) {
			return fmt.Errorf("deleting Secret Manager Secret Rotation (%s): %w", state.Str("secretId"), err)
		}
		return nil
	},
}

// getSecret is aws:secretsmanager/getSecret:getSecret (upstream dataSourceSecretRead).
var getSecret = &Invoke{Call: func(ctx context.Context, c *Clients, args Props) (Props, error) {
	id := args.Str("arn")
	if id == "" {
		id = args.Str("name")
	}
	out, err := describeSecret(ctx, c, id)
	if err != nil {
		return nil, err
	}
	if out == nil {
		return nil, fmt.Errorf("reading Secrets Manager Secret (%s): couldn't find resource", id)
	}
	policy := ""
	if p, err := c.SM().GetResourcePolicy(ctx, &secretsmanager.GetResourcePolicyInput{SecretId: out.ARN}); err == nil {
		policy = aws.ToString(p.ResourcePolicy)
	}
	return Props{
		"id": aws.ToString(out.ARN), "arn": aws.ToString(out.ARN), "name": aws.ToString(out.Name),
		"description": aws.ToString(out.Description), "kmsKeyId": aws.ToString(out.KmsKeyId),
		"policy": policy, "tags": tagMap(out.Tags), "createdDate": "", "lastChangedDate": "",
	}, nil
}}

// getSecretVersions is aws:secretsmanager/getSecretVersions:getSecretVersions (upstream
// dataSourceSecretVersionsRead): every version but the deprecated ones, with its labels.
var getSecretVersions = &Invoke{Call: func(ctx context.Context, c *Clients, args Props) (Props, error) {
	id := args.Str("secretId")
	out, err := c.SM().ListSecretVersionIds(ctx, &secretsmanager.ListSecretVersionIdsInput{
		SecretId: aws.String(id), IncludeDeprecated: aws.Bool(args.Bool("includeDeprecated", false)),
	})
	if err != nil {
		return nil, fmt.Errorf("reading Secrets Manager Secret Versions (%s): %w", id, err)
	}
	versions := []Props{}
	for _, v := range out.Versions {
		versions = append(versions, Props{"versionId": aws.ToString(v.VersionId), "versionStages": v.VersionStages,
			"createdTime": "", "lastAccessedDate": ""})
	}
	return Props{"id": aws.ToString(out.ARN), "arn": aws.ToString(out.ARN), "name": aws.ToString(out.Name), "secretId": id,
		"includeDeprecated": args.Bool("includeDeprecated", false), "versions": versions}, nil
}}

// getSecretVersion is aws:secretsmanager/getSecretVersion:getSecretVersion (upstream
// dataSourceSecretVersionRead): by version ID, else by stage (AWSCURRENT by default).
var getSecretVersion = &Invoke{
	Secrets: []string{"secretString", "secretBinary"},
	Call: func(ctx context.Context, c *Clients, args Props) (Props, error) {
		in := &secretsmanager.GetSecretValueInput{SecretId: aws.String(args.Str("secretId"))}
		stage := args.Str("versionStage")
		if args.Has("versionId") {
			in.VersionId = aws.String(args.Str("versionId"))
		} else {
			if stage == "" {
				stage = stageCurrent
			}
			in.VersionStage = aws.String(stage)
		}
		out, err := c.SM().GetSecretValue(ctx, in)
		if err != nil {
			return nil, fmt.Errorf("reading Secrets Manager Secret Version (%s): %w", args.Str("secretId"), err)
		}
		p := Props{
			"id": args.Str("secretId") + "|" + stage, "arn": aws.ToString(out.ARN), "secretId": args.Str("secretId"),
			"versionId": aws.ToString(out.VersionId), "versionStage": stage, "versionStages": out.VersionStages,
			"secretString": aws.ToString(out.SecretString), "secretBinary": base64.StdEncoding.EncodeToString(out.SecretBinary),
			"createdDate": "",
		}
		return p, nil
	},
}
