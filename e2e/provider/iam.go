package provider

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"
)

func iamNotFound(err error) bool {
	var nf *iamtypes.NoSuchEntityException
	return errors.As(err, &nf)
}

// policyDocument decodes the URL-encoded document IAM returns.
func policyDocument(s string) string {
	if d, err := url.QueryUnescape(s); err == nil {
		return d
	}
	return s
}

// role is aws:iam/role:Role (upstream resourceRole*). Its ID is its name. The inline and
// managed policies it reads are computed and never part of the program's inputs.
var role = &Type{
	ForceNew: []string{"name", "namePrefix", "path"},
	AutoName: "name",
	Defaults: map[string]any{"path": "/", "forceDetachPolicies": false, "maxSessionDuration": 3600.0},
	Computed: []string{"arn", "createDate", "uniqueId", "tagsAll", "namePrefix", "inlinePolicies", "managedPolicyArns", "description"},
	JSON:     []string{"assumeRolePolicy"},
	Create: func(ctx context.Context, c *Clients, in Props) (string, Props, error) {
		req := &iam.CreateRoleInput{
			RoleName: aws.String(in.Str("name")), AssumeRolePolicyDocument: aws.String(in.Str("assumeRolePolicy")),
			Path: aws.String(in.Str("path")), Description: strPtr(in, "description"), PermissionsBoundary: strPtr(in, "permissionsBoundary"),
		}
		if d, ok := in.Int("maxSessionDuration"); ok {
			req.MaxSessionDuration = aws.Int32(int32(d))
		}
		for k, v := range in.StrMap("tags") {
			req.Tags = append(req.Tags, iamtypes.Tag{Key: aws.String(k), Value: aws.String(v)})
		}
		if _, err := c.IAM().CreateRole(ctx, req); err != nil {
			return "", nil, fmt.Errorf("creating IAM Role (%s): %w", in.Str("name"), err)
		}
		return in.Str("name"), nil, nil
	},
	Read: func(ctx context.Context, c *Clients, id string, state Props) (Props, error) {
		out, err := c.IAM().GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(id)})
		if iamNotFound(err) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		r := out.Role
		tags := map[string]string{}
		for _, t := range r.Tags {
			tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
		}
		var inline []Props
		names, err := c.IAM().ListRolePolicies(ctx, &iam.ListRolePoliciesInput{RoleName: aws.String(id)})
		if err != nil {
			return nil, err
		}
		for _, n := range names.PolicyNames {
			p, err := c.IAM().GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String(id), PolicyName: aws.String(n)})
			if err != nil {
				return nil, err
			}
			inline = append(inline, Props{"name": n, "policy": policyDocument(aws.ToString(p.PolicyDocument))})
		}
		attached, err := c.IAM().ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String(id)})
		if err != nil {
			return nil, err
		}
		managed := []string{}
		for _, a := range attached.AttachedPolicies {
			managed = append(managed, aws.ToString(a.PolicyArn))
		}
		return Props{
			"arn": aws.ToString(r.Arn), "name": aws.ToString(r.RoleName), "namePrefix": state.Str("namePrefix"),
			"path": aws.ToString(r.Path), "uniqueId": aws.ToString(r.RoleId), "createDate": r.CreateDate.String(),
			"description":         aws.ToString(r.Description),
			"assumeRolePolicy":    keepPolicy(state.Str("assumeRolePolicy"), policyDocument(aws.ToString(r.AssumeRolePolicyDocument))),
			"maxSessionDuration":  float64(aws.ToInt32(r.MaxSessionDuration)),
			"forceDetachPolicies": state.Bool("forceDetachPolicies", false),
			"tags":                tags, "tagsAll": tags, "inlinePolicies": inline, "managedPolicyArns": managed,
		}, nil
	},
	Update: func(ctx context.Context, c *Clients, id string, olds, news Props) error {
		if !jsonEqual(olds.Str("assumeRolePolicy"), news.Str("assumeRolePolicy")) {
			if _, err := c.IAM().UpdateAssumeRolePolicy(ctx, &iam.UpdateAssumeRolePolicyInput{
				RoleName: aws.String(id), PolicyDocument: aws.String(news.Str("assumeRolePolicy")),
			}); err != nil {
				return err
			}
		}
		if olds.Str("description") != news.Str("description") {
			if _, err := c.IAM().UpdateRoleDescription(ctx, &iam.UpdateRoleDescriptionInput{
				RoleName: aws.String(id), Description: aws.String(news.Str("description")),
			}); err != nil {
				return err
			}
		}
		return nil
	},
	Delete: func(ctx context.Context, c *Clients, id string, _ Props) error {
		_, err := c.IAM().DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String(id)})
		if err != nil && !iamNotFound(err) {
			return fmt.Errorf("deleting IAM Role (%s): %w", id, err)
		}
		return nil
	},
}

// rolePolicy is aws:iam/rolePolicy:RolePolicy (upstream resourceRolePolicy*): its ID is
// role:name; a change of policy is a PutRolePolicy in place.
var rolePolicy = &Type{
	ForceNew: []string{"name", "namePrefix", "role"},
	AutoName: "name",
	Computed: []string{"namePrefix"},
	JSON:     []string{"policy"},
	Create: func(ctx context.Context, c *Clients, in Props) (string, Props, error) {
		if err := putRolePolicy(ctx, c, in.Str("role"), in.Str("name"), in.Str("policy")); err != nil {
			return "", nil, err
		}
		return in.Str("role") + ":" + in.Str("name"), nil, nil
	},
	Read: func(ctx context.Context, c *Clients, id string, state Props) (Props, error) {
		roleName, name, _ := strings.Cut(id, ":")
		out, err := c.IAM().GetRolePolicy(ctx, &iam.GetRolePolicyInput{RoleName: aws.String(roleName), PolicyName: aws.String(name)})
		if iamNotFound(err) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		return Props{"role": roleName, "name": name, "namePrefix": state.Str("namePrefix"),
			"policy": keepPolicy(state.Str("policy"), policyDocument(aws.ToString(out.PolicyDocument)))}, nil
	},
	Update: func(ctx context.Context, c *Clients, id string, _, news Props) error {
		roleName, name, _ := strings.Cut(id, ":")
		return putRolePolicy(ctx, c, roleName, name, news.Str("policy"))
	},
	Delete: func(ctx context.Context, c *Clients, id string, _ Props) error {
		roleName, name, _ := strings.Cut(id, ":")
		_, err := c.IAM().DeleteRolePolicy(ctx, &iam.DeleteRolePolicyInput{RoleName: aws.String(roleName), PolicyName: aws.String(name)})
		if err != nil && !iamNotFound(err) {
			return fmt.Errorf("deleting IAM Role Policy (%s): %w", id, err)
		}
		return nil
	},
}

func putRolePolicy(ctx context.Context, c *Clients, roleName, name, policy string) error {
	if _, err := c.IAM().PutRolePolicy(ctx, &iam.PutRolePolicyInput{
		RoleName: aws.String(roleName), PolicyName: aws.String(name), PolicyDocument: aws.String(policy),
	}); err != nil {
		return fmt.Errorf("putting IAM Role Policy (%s): %w", name, err)
	}
	return nil
}

// policy is aws:iam/policy:Policy (upstream resourcePolicy*), a customer managed policy:
// its ID is its ARN; a change of document is a new default version, after the oldest
// non-default one is deleted when the policy has IAM's five.
var policy = &Type{
	ForceNew: []string{"name", "namePrefix", "path", "description"},
	AutoName: "name",
	Defaults: map[string]any{"path": "/", "description": ""},
	Computed: []string{"arn", "policyId", "attachmentCount", "tagsAll", "namePrefix"},
	JSON:     []string{"policy"},
	Create: func(ctx context.Context, c *Clients, in Props) (string, Props, error) {
		out, err := c.IAM().CreatePolicy(ctx, &iam.CreatePolicyInput{
			PolicyName: aws.String(in.Str("name")), PolicyDocument: aws.String(in.Str("policy")),
			Path: aws.String(in.Str("path")), Description: strPtr(in, "description"),
		})
		if err != nil {
			return "", nil, fmt.Errorf("creating IAM Policy (%s): %w", in.Str("name"), err)
		}
		return aws.ToString(out.Policy.Arn), nil, nil
	},
	Read: func(ctx context.Context, c *Clients, id string, state Props) (Props, error) {
		out, err := c.IAM().GetPolicy(ctx, &iam.GetPolicyInput{PolicyArn: aws.String(id)})
		if iamNotFound(err) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		p := out.Policy
		v, err := c.IAM().GetPolicyVersion(ctx, &iam.GetPolicyVersionInput{PolicyArn: aws.String(id), VersionId: p.DefaultVersionId})
		if err != nil {
			return nil, err
		}
		return Props{
			"arn": id, "name": aws.ToString(p.PolicyName), "namePrefix": state.Str("namePrefix"), "path": aws.ToString(p.Path),
			"description": state.Str("description"), "policyId": aws.ToString(p.PolicyId),
			"attachmentCount": float64(aws.ToInt32(p.AttachmentCount)), "tags": state.StrMap("tags"), "tagsAll": state.StrMap("tags"),
			"policy": keepPolicy(state.Str("policy"), policyDocument(aws.ToString(v.PolicyVersion.Document))),
		}, nil
	},
	Update: func(ctx context.Context, c *Clients, id string, _, news Props) error {
		versions, err := c.IAM().ListPolicyVersions(ctx, &iam.ListPolicyVersionsInput{PolicyArn: aws.String(id)})
		if err != nil {
			return err
		}
		if len(versions.Versions) >= 5 {
			oldest := versions.Versions[len(versions.Versions)-1]
			for _, v := range versions.Versions {
				if !v.IsDefaultVersion && v.CreateDate.Before(*oldest.CreateDate) {
					oldest = v
				}
			}
			if _, err := c.IAM().DeletePolicyVersion(ctx, &iam.DeletePolicyVersionInput{PolicyArn: aws.String(id), VersionId: oldest.VersionId}); err != nil {
				return err
			}
		}
		_, err = c.IAM().CreatePolicyVersion(ctx, &iam.CreatePolicyVersionInput{
			PolicyArn: aws.String(id), PolicyDocument: aws.String(news.Str("policy")), SetAsDefault: true,
		})
		return err
	},
	Delete: func(ctx context.Context, c *Clients, id string, _ Props) error {
		versions, err := c.IAM().ListPolicyVersions(ctx, &iam.ListPolicyVersionsInput{PolicyArn: aws.String(id)})
		if iamNotFound(err) {
			return nil
		}
		if err != nil {
			return err
		}
		for _, v := range versions.Versions {
			if !v.IsDefaultVersion {
				if _, err := c.IAM().DeletePolicyVersion(ctx, &iam.DeletePolicyVersionInput{PolicyArn: aws.String(id), VersionId: v.VersionId}); err != nil {
					return err
				}
			}
		}
		if _, err := c.IAM().DeletePolicy(ctx, &iam.DeletePolicyInput{PolicyArn: aws.String(id)}); err != nil && !iamNotFound(err) {
			return fmt.Errorf("deleting IAM Policy (%s): %w", id, err)
		}
		return nil
	},
}

// rolePolicyAttachment is aws:iam/rolePolicyAttachment:RolePolicyAttachment (upstream
// resourceRolePolicyAttachment*): its ID is "<role>-<random>" upstream; here role/arn,
// which Read needs to find the attachment.
var rolePolicyAttachment = &Type{
	ForceNew: []string{"role", "policyArn"},
	Create: func(ctx context.Context, c *Clients, in Props) (string, Props, error) {
		if _, err := c.IAM().AttachRolePolicy(ctx, &iam.AttachRolePolicyInput{
			RoleName: aws.String(in.Str("role")), PolicyArn: aws.String(in.Str("policyArn")),
		}); err != nil {
			return "", nil, fmt.Errorf("attaching policy %s to IAM Role (%s): %w", in.Str("policyArn"), in.Str("role"), err)
		}
		return in.Str("role") + "/" + in.Str("policyArn"), nil, nil
	},
	Read: func(ctx context.Context, c *Clients, id string, _ Props) (Props, error) {
		roleName, policyARN, _ := strings.Cut(id, "/")
		out, err := c.IAM().ListAttachedRolePolicies(ctx, &iam.ListAttachedRolePoliciesInput{RoleName: aws.String(roleName)})
		if iamNotFound(err) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		for _, a := range out.AttachedPolicies {
			if aws.ToString(a.PolicyArn) == policyARN {
				return Props{"role": roleName, "policyArn": policyARN}, nil
			}
		}
		return nil, nil
	},
	Delete: func(ctx context.Context, c *Clients, id string, _ Props) error {
		roleName, policyARN, _ := strings.Cut(id, "/")
		_, err := c.IAM().DetachRolePolicy(ctx, &iam.DetachRolePolicyInput{RoleName: aws.String(roleName), PolicyArn: aws.String(policyARN)})
		if err != nil && !iamNotFound(err) {
			return fmt.Errorf("detaching policy %s from IAM Role (%s): %w", policyARN, roleName, err)
		}
		return nil
	},
}
