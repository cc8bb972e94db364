package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	kmstypes "github.com/aws/aws-sdk-go-v2/service/kms/types"
)

func kmsNotFound(err error) bool {
	var nf *kmstypes.NotFoundException
	return errors.As(err, &nf)
}

func kmsTags(in Props) []kmstypes.Tag {
	var tags []kmstypes.Tag
	for k, v := range in.StrMap("tags") {
		tags = append(tags, kmstypes.Tag{TagKey: aws.String(k), TagValue: aws.String(v)})
	}
	return tags
}

// readKey is the upstream's findKeyByID and the reads of resourceKeyRead: a key pending
// deletion is gone.
func readKey(ctx context.Context, c *Clients, id string, state Props) (Props, error) {
	k := c.KMS()
	out, err := k.DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(id)})
	if kmsNotFound(err) || (err == nil && out.KeyMetadata.KeyState == kmstypes.KeyStatePendingDeletion) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	md := out.KeyMetadata
	policy, err := k.GetKeyPolicy(ctx, &kms.GetKeyPolicyInput{KeyId: aws.String(id), PolicyName: aws.String("default")})
	if err != nil {
		return nil, err
	}
	rot, err := k.GetKeyRotationStatus(ctx, &kms.GetKeyRotationStatusInput{KeyId: aws.String(id)})
	if err != nil {
		return nil, err
	}
	p := Props{
		"arn": aws.ToString(md.Arn), "keyId": aws.ToString(md.KeyId), "description": aws.ToString(md.Description),
		"keyUsage": string(md.KeyUsage), "customerMasterKeySpec": string(md.KeySpec), "keySpec": string(md.KeySpec),
		"multiRegion": aws.ToBool(md.MultiRegion), "isEnabled": md.Enabled, "enabled": md.Enabled,
		"enableKeyRotation": rot.KeyRotationEnabled, "keyRotationEnabled": rot.KeyRotationEnabled,
		"policy":                         keepPolicy(state.Str("policy"), aws.ToString(policy.Policy)),
		"tags":                           state["tags"],
		"tagsAll":                        state["tags"],
		"bypassPolicyLockoutSafetyCheck": state.Bool("bypassPolicyLockoutSafetyCheck", false),
		"deletionWindowInDays":           state["deletionWindowInDays"],
	}
	if state.Has("primaryKeyArn") {
		p["primaryKeyArn"] = state.Str("primaryKeyArn")
	}
	return p, nil
}

// updateKey applies the in-place changes of resourceKeyUpdate and resourceReplicaKeyUpdate.
func updateKey(ctx context.Context, c *Clients, id string, olds, news Props) error {
	k := c.KMS()
	if olds.Str("description") != news.Str("description") {
		if _, err := k.UpdateKeyDescription(ctx, &kms.UpdateKeyDescriptionInput{KeyId: aws.String(id), Description: aws.String(news.Str("description"))}); err != nil {
			return err
		}
	}
	if news.Has("policy") && !jsonEqual(olds.Str("policy"), news.Str("policy")) {
		if _, err := k.PutKeyPolicy(ctx, &kms.PutKeyPolicyInput{KeyId: aws.String(id), PolicyName: aws.String("default"), Policy: aws.String(news.Str("policy"))}); err != nil {
			return err
		}
	}
	if rotate := news.Bool("enableKeyRotation", false); rotate != olds.Bool("enableKeyRotation", false) {
		var err error
		if rotate {
			_, err = k.EnableKeyRotation(ctx, &kms.EnableKeyRotationInput{KeyId: aws.String(id)})
		} else {
			_, err = k.DisableKeyRotation(ctx, &kms.DisableKeyRotationInput{KeyId: aws.String(id)})
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// deleteKey schedules the key's deletion (resourceKeyDelete), after deletionWindowInDays or
// AWS's 30 days.
func deleteKey(ctx context.Context, c *Clients, id string, state Props) error {
	in := &kms.ScheduleKeyDeletionInput{KeyId: aws.String(id)}
	if w, ok := state.Int("deletionWindowInDays"); ok {
		in.PendingWindowInDays = aws.Int32(int32(w))
	}
	if _, err := c.KMS().ScheduleKeyDeletion(ctx, in); err != nil && !kmsNotFound(err) {
		return fmt.Errorf("deleting KMS Key (%s): %w", id, err)
	}
	return nil
}

// key is aws:kms/key:Key (upstream resourceKey*).
var key = &Type{
	ForceNew: []string{"keyUsage", "customerMasterKeySpec", "keySpec", "multiRegion", "customKeyStoreId", "xksKeyId"},
	Defaults: map[string]any{"keyUsage": "ENCRYPT_DECRYPT", "customerMasterKeySpec": "SYMMETRIC_DEFAULT",
		"isEnabled": true, "enableKeyRotation": false, "bypassPolicyLockoutSafetyCheck": false},
	Computed: []string{"arn", "keyId", "policy", "description", "keySpec", "multiRegion", "tagsAll", "rotationPeriodInDays"},
	JSON:     []string{"policy"},
	Create: func(ctx context.Context, c *Clients, in Props) (string, Props, error) {
		out, err := c.KMS().CreateKey(ctx, &kms.CreateKeyInput{
			Description: strPtr(in, "description"), KeyUsage: kmstypes.KeyUsageType(in.Str("keyUsage")),
			KeySpec: kmstypes.KeySpec(in.Str("customerMasterKeySpec")), Policy: strPtr(in, "policy"),
			MultiRegion: aws.Bool(in.Bool("multiRegion", false)), Tags: kmsTags(in),
		})
		if err != nil {
			return "", nil, fmt.Errorf("creating KMS Key: %w", err)
		}
		id := aws.ToString(out.KeyMetadata.KeyId)
		if in.Bool("enableKeyRotation", false) {
			if _, err := c.KMS().EnableKeyRotation(ctx, &kms.EnableKeyRotationInput{KeyId: aws.String(id)}); err != nil {
				return id, nil, err
			}
		}
		return id, nil, nil
	},
	Read:   readKey,
	Update: updateKey,
	Delete: deleteKey,
}

// replicaKey is aws:kms/replicaKey:ReplicaKey (upstream resourceReplicaKey*): created by
// ReplicateKey in the primary key's region, then read in the provider's region.
var replicaKey = &Type{
	ForceNew: []string{"primaryKeyArn"},
	Defaults: map[string]any{"enabled": true, "deletionWindowInDays": 30.0, "bypassPolicyLockoutSafetyCheck": false},
	Computed: []string{"arn", "keyId", "policy", "description", "keyRotationEnabled", "keySpec", "keyUsage", "tagsAll"},
	JSON:     []string{"policy"},
	Create: func(ctx context.Context, c *Clients, in Props) (string, Props, error) {
		primary := in.Str("primaryKeyArn")
		parts := strings.Split(primary, ":")
		if len(parts) < 6 {
			return "", nil, fmt.Errorf("primaryKeyArn %q is not a KMS key ARN", primary)
		}
		out, err := c.in(parts[3]).KMS().ReplicateKey(ctx, &kms.ReplicateKeyInput{
			KeyId: aws.String(primary), ReplicaRegion: aws.String(c.Region),
			Description: strPtr(in, "description"), Policy: strPtr(in, "policy"), Tags: kmsTags(in),
		})
		if err != nil {
			return "", nil, fmt.Errorf("creating KMS Replica Key: %w", err)
		}
		return aws.ToString(out.ReplicaKeyMetadata.KeyId), nil, nil
	},
	Read:   readKey,
	Update: updateKey,
	Delete: deleteKey,
}

// grant is aws:kms/grant:Grant (upstream resourceGrant*): every input forces a new grant;
// its ID is keyId:grantId; Delete retires or revokes it.
var grant = &Type{
	ForceNew: []string{"name", "keyId", "granteePrincipal", "operations", "retiringPrincipal", "constraints", "grantCreationTokens", "retireOnDelete"},
	Defaults: map[string]any{"retireOnDelete": false},
	Computed: []string{"grantId", "grantToken"},
	Sets:     []string{"operations", "constraints"},
	Create: func(ctx context.Context, c *Clients, in Props) (string, Props, error) {
		req := &kms.CreateGrantInput{
			KeyId: aws.String(in.Str("keyId")), GranteePrincipal: aws.String(in.Str("granteePrincipal")),
			Name: strPtr(in, "name"), RetiringPrincipal: strPtr(in, "retiringPrincipal"),
		}
		for _, op := range in.Strings("operations") {
			req.Operations = append(req.Operations, kmstypes.GrantOperation(op))
		}
		for _, con := range in.Objs("constraints") {
			req.Constraints = &kmstypes.GrantConstraints{
				EncryptionContextEquals: con.StrMap("encryptionContextEquals"), EncryptionContextSubset: con.StrMap("encryptionContextSubset"),
			}
		}
		out, err := c.KMS().CreateGrant(ctx, req)
		if err != nil {
			return "", nil, fmt.Errorf("creating KMS Grant for key (%s): %w", in.Str("keyId"), err)
		}
		return in.Str("keyId") + ":" + aws.ToString(out.GrantId), nil, nil
	},
	Read: func(ctx context.Context, c *Clients, id string, state Props) (Props, error) {
		keyID, grantID, err := splitGrantID(id)
		if err != nil {
			return nil, err
		}
		out, err := c.KMS().ListGrants(ctx, &kms.ListGrantsInput{KeyId: aws.String(keyID), GrantId: aws.String(grantID)})
		if kmsNotFound(err) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		for _, g := range out.Grants {
			if aws.ToString(g.GrantId) != grantID {
				continue
			}
			p := state.copy()
			p["grantId"], p["keyId"] = grantID, keyID
			p["granteePrincipal"] = aws.ToString(g.GranteePrincipal)
			var ops []string
			for _, op := range g.Operations {
				ops = append(ops, string(op))
			}
			p["operations"] = ops
			return p, nil
		}
		return nil, nil
	},
	Delete: func(ctx context.Context, c *Clients, id string, state Props) error {
		keyID, grantID, err := splitGrantID(id)
		if err != nil {
			return err
		}
		if state.Bool("retireOnDelete", false) {
			_, err = c.KMS().RetireGrant(ctx, &kms.RetireGrantInput{KeyId: aws.String(keyID), GrantId: aws.String(grantID)})
		} else {
			_, err = c.KMS().RevokeGrant(ctx, &kms.RevokeGrantInput{KeyId: aws.String(keyID), GrantId: aws.String(grantID)})
		}
		if err != nil && !kmsNotFound(err) {
			return fmt.Errorf("deleting KMS Grant (%s): %w", id, err)
		}
		return nil
	},
}

// splitGrantID splits keyID:grantID; the key may be an ARN, which holds colons too.
func splitGrantID(id string) (keyID, grantID string, err error) {
	i := strings.LastIndex(id, ":")
	if i <= 0 {
		return "", "", fmt.Errorf("unexpected format of ID (%s), expected KeyID:GrantID", id)
	}
	return id[:i], id[i+1:], nil
}

// getAlias is aws:kms/getAlias:getAlias (upstream dataSourceAliasRead).
var getAlias = &Invoke{Call: func(ctx context.Context, c *Clients, args Props) (Props, error) {
	name := args.Str("name")
	out, err := c.KMS().DescribeKey(ctx, &kms.DescribeKeyInput{KeyId: aws.String(name)})
	if err != nil {
		return nil, fmt.Errorf("reading KMS Alias (%s): %w", name, err)
	}
	md := out.KeyMetadata
	aliasARN := fmt.Sprintf("arn:aws:kms:%s:%s:%s", c.Region, Account, name)
	return Props{"id": aliasARN, "arn": aliasARN, "name": name,
		"targetKeyArn": aws.ToString(md.Arn), "targetKeyId": aws.ToString(md.KeyId)}, nil
}}
