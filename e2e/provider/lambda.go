package provider

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	lambdatypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/archive"
)

// zipOf is the archive at k as zip bytes.
func zipOf(p Props, k string) ([]byte, error) {
	a, ok := p[k].(*archive.Archive)
	if !ok {
		return nil, fmt.Errorf("%s must be an archive", k)
	}
	return a.Bytes(archive.ZIPArchive)
}

// archiveEqual compares archives by their hash, which the engine keeps in the state (the
// state's archive has no contents).
func archiveEqual(a, b *archive.Archive) bool {
	for _, x := range []*archive.Archive{a, b} {
		if x.Hash == "" && x.HasContents() {
			if err := x.EnsureHash(); err != nil {
				return false
			}
		}
	}
	return a.Hash != "" && a.Hash == b.Hash
}

// function is aws:lambda/function:Function (upstream resourceFunction*), for zip packages:
// its ID is its name; the code is kept from the configuration, as AWS gives none back.
var function = &Type{
	ForceNew: []string{"name", "packageType"},
	AutoName: "name",
	Defaults: map[string]any{"packageType": "Zip", "memorySize": 128.0, "timeout": 3.0, "publish": false},
	Computed: []string{"arn", "invokeArn", "qualifiedArn", "qualifiedInvokeArn", "version", "lastModified", "sourceCodeHash", "sourceCodeSize", "tagsAll", "architectures"},
	Create: func(ctx context.Context, c *Clients, in Props) (string, Props, error) {
		code, err := zipOf(in, "code")
		if err != nil {
			return "", nil, err
		}
		timeout, _ := in.Int("timeout")
		memory, _ := in.Int("memorySize")
		if _, err := c.Lambda().CreateFunction(ctx, &lambda.CreateFunctionInput{
			FunctionName: aws.String(in.Str("name")), Role: aws.String(in.Str("role")), Runtime: lambdatypes.Runtime(in.Str("runtime")),
			Handler: strPtr(in, "handler"), Code: &lambdatypes.FunctionCode{ZipFile: code},
			Timeout: aws.Int32(int32(timeout)), MemorySize: aws.Int32(int32(memory)), Environment: environment(in),
			Description: strPtr(in, "description"), Architectures: architectures(in), VpcConfig: vpcConfig(in),
		}); err != nil {
			return "", nil, fmt.Errorf("creating Lambda Function (%s): %w", in.Str("name"), err)
		}
		return in.Str("name"), nil, nil
	},
	Read: func(ctx context.Context, c *Clients, id string, state Props) (Props, error) {
		out, err := c.Lambda().GetFunction(ctx, &lambda.GetFunctionInput{FunctionName: aws.String(id)})
		if lambdaNotFound(err) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		f := out.Configuration
		p := state.copy()
		arn := aws.ToString(f.FunctionArn)
		p["arn"], p["name"], p["role"], p["runtime"], p["handler"] = arn, aws.ToString(f.FunctionName), aws.ToString(f.Role), string(f.Runtime), aws.ToString(f.Handler)
		p["timeout"], p["memorySize"] = float64(aws.ToInt32(f.Timeout)), float64(aws.ToInt32(f.MemorySize))
		p["version"], p["lastModified"], p["sourceCodeHash"] = aws.ToString(f.Version), aws.ToString(f.LastModified), aws.ToString(f.CodeSha256)
		p["qualifiedArn"] = arn + ":" + aws.ToString(f.Version)
		p["invokeArn"] = fmt.Sprintf("arn:aws:apigateway:%s:lambda:path/2015-03-31/functions/%s/invocations", c.Region, arn)
		p["tagsAll"] = state["tags"]
		var archs []any
		for _, a := range f.Architectures {
			archs = append(archs, string(a))
		}
		p["architectures"] = archs
		if d := aws.ToString(f.Description); d != "" {
			p["description"] = d
		}
		if v := f.VpcConfig; v != nil && len(v.SubnetIds) > 0 {
			p["vpcConfig"] = map[string]any{"subnetIds": anys(v.SubnetIds), "securityGroupIds": anys(v.SecurityGroupIds), "vpcId": aws.ToString(v.VpcId)}
		}
		if f.Environment != nil && len(f.Environment.Variables) > 0 {
			vars := map[string]any{}
			for k, v := range f.Environment.Variables {
				vars[k] = v
			}
			p["environment"] = map[string]any{"variables": vars}
		}
		return p, nil
	},
	Update: func(ctx context.Context, c *Clients, id string, olds, news Props) error {
		timeout, _ := news.Int("timeout")
		memory, _ := news.Int("memorySize")
		if _, err := c.Lambda().UpdateFunctionConfiguration(ctx, &lambda.UpdateFunctionConfigurationInput{
			FunctionName: aws.String(id), Role: aws.String(news.Str("role")), Runtime: lambdatypes.Runtime(news.Str("runtime")),
			Handler: strPtr(news, "handler"), Timeout: aws.Int32(int32(timeout)), MemorySize: aws.Int32(int32(memory)),
			Environment: environment(news), Description: strPtr(news, "description"), VpcConfig: vpcConfig(news),
		}); err != nil {
			return err
		}
		if a, ok := olds["code"].(*archive.Archive); ok {
			if b, ok := news["code"].(*archive.Archive); ok && archiveEqual(a, b) {
				return nil
			}
		}
		code, err := zipOf(news, "code")
		if err != nil {
			return err
		}
		_, err = c.Lambda().UpdateFunctionCode(ctx, &lambda.UpdateFunctionCodeInput{FunctionName: aws.String(id), ZipFile: code})
		return err
	},
	Delete: func(ctx context.Context, c *Clients, id string, _ Props) error {
		_, err := c.Lambda().DeleteFunction(ctx, &lambda.DeleteFunctionInput{FunctionName: aws.String(id)})
		if err != nil && !lambdaNotFound(err) {
			return fmt.Errorf("deleting Lambda Function (%s): %w", id, err)
		}
		return nil
	},
}

// architectures are the function's instruction set architectures, as Lambda takes them;
// nil for Lambda's default (x86_64).
func architectures(in Props) []lambdatypes.Architecture {
	var out []lambdatypes.Architecture
	for _, a := range in.Strings("architectures") {
		out = append(out, lambdatypes.Architecture(a))
	}
	return out
}

// vpcConfig is the function's subnets and security groups, as Lambda takes them; nil
// outside a VPC.
func vpcConfig(in Props) *lambdatypes.VpcConfig {
	v := in.Obj("vpcConfig")
	if len(v.Strings("subnetIds")) == 0 {
		return nil
	}
	return &lambdatypes.VpcConfig{SubnetIds: v.Strings("subnetIds"), SecurityGroupIds: v.Strings("securityGroupIds")}
}

// anys is ss as a property list.
func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// environment is the function's environment variables, as Lambda takes them.
func environment(in Props) *lambdatypes.Environment {
	vars := in.Obj("environment").StrMap("variables")
	if len(vars) == 0 {
		return nil
	}
	return &lambdatypes.Environment{Variables: vars}
}

// permission is aws:lambda/permission:Permission (upstream resourcePermission*): every
// input forces a new statement; without statementId the upstream names it terraform-...;
// Read finds the statement in the function's policy.
var permission = &Type{
	ForceNew: []string{"action", "function", "principal", "sourceAccount", "sourceArn", "statementId", "statementIdPrefix",
		"qualifier", "eventSourceToken", "principalOrgId", "functionUrlAuthType"},
	Computed: []string{"statementId"},
	Create: func(ctx context.Context, c *Clients, in Props) (string, Props, error) {
		sid := in.Str("statementId")
		if sid == "" {
			b := make([]byte, 13)
			_, _ = rand.Read(b)
			sid = in.Str("statementIdPrefix")
			if sid == "" {
				sid = "terraform-"
			}
			sid += hex.EncodeToString(b)
		}
		if _, err := c.Lambda().AddPermission(ctx, &lambda.AddPermissionInput{
			FunctionName: aws.String(in.Str("function")), Action: aws.String(in.Str("action")), Principal: aws.String(in.Str("principal")),
			StatementId: aws.String(sid), SourceAccount: strPtr(in, "sourceAccount"), SourceArn: strPtr(in, "sourceArn"),
			Qualifier: strPtr(in, "qualifier"),
		}); err != nil {
			return "", nil, fmt.Errorf("adding Lambda Permission (%s/%s): %w", in.Str("function"), sid, err)
		}
		return sid, Props{"statementId": sid}, nil
	},
	Read: func(ctx context.Context, c *Clients, id string, state Props) (Props, error) {
		out, err := c.Lambda().GetPolicy(ctx, &lambda.GetPolicyInput{FunctionName: aws.String(state.Str("function")), Qualifier: strPtr(state, "qualifier")})
		if lambdaNotFound(err) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		var policy struct {
			Statement []struct {
				Sid string
			}
		}
		if err := json.Unmarshal([]byte(aws.ToString(out.Policy)), &policy); err != nil {
			return nil, fmt.Errorf("reading Lambda Permission (%s): %w", id, err)
		}
		for _, s := range policy.Statement {
			if s.Sid == id {
				p := state.copy()
				p["statementId"] = id
				return p, nil
			}
		}
		return nil, nil
	},
	Delete: func(ctx context.Context, c *Clients, id string, state Props) error {
		_, err := c.Lambda().RemovePermission(ctx, &lambda.RemovePermissionInput{
			FunctionName: aws.String(state.Str("function")), StatementId: aws.String(id), Qualifier: strPtr(state, "qualifier"),
		})
		if err != nil && !lambdaNotFound(err) {
			return fmt.Errorf("removing Lambda Permission (%s): %w", id, err)
		}
		return nil
	},
}
