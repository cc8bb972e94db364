package provider

import (
	"context"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
)

// AWSSchema is the part of pulumi-aws's schema that the suite's YAML program needs (a
// YAML program is type-checked against the schemas of the packages it uses, and the
// secretsmith plugin's schema refers to the AWS provider): the provider's region and the
// IAM role, with the property types and the token format of the real schema.
var AWSSchema = []byte(`{
  "name": "aws",
  "version": "` + AWSVersion + `",
  "meta": {"moduleFormat": "(.*)(?:/[^/]*)"},
  "config": {"variables": {"region": {"type": "string"}}},
  "provider": {
    "inputProperties": {"region": {"type": "string"}},
    "properties": {"region": {"type": "string"}}
  },
  "resources": {
    "aws:iam/role:Role": {
      "inputProperties": {
        "assumeRolePolicy": {"type": "string"},
        "name": {"type": "string"},
        "description": {"type": "string"}
      },
      "requiredInputs": ["assumeRolePolicy"],
      "properties": {
        "arn": {"type": "string"},
        "assumeRolePolicy": {"type": "string"},
        "name": {"type": "string"},
        "description": {"type": "string"}
      },
      "required": ["arn", "assumeRolePolicy", "name"]
    }
  }
}`)

// GetSchema returns the schema the plugin was served with, if any.
func (p *Provider) GetSchema(ctx context.Context, req plugin.GetSchemaRequest) (plugin.GetSchemaResponse, error) {
	if p.schema == nil {
		return p.UnimplementedProvider.GetSchema(ctx, req)
	}
	return plugin.GetSchemaResponse{Schema: p.schema}, nil
}
