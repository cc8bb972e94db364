package provider

import (
	"archive/zip"
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"maps"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	lambdatypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
)

// rotationStandIn is the code of the stand-in rotation functions (see its doc).
//
//go:embed rotation_standin.py
var rotationStandIn []byte

// CreateStandInFunction makes a rotation function named name, with the role name-role, that
// the emulator runs when Secrets Manager rotates a secret with it: AWS's rotation function
// template with nothing but a password to rotate, or, when application is given, a
// stand-in for that Serverless Application Repository rotation application (the checks
// and writes of its published code; see rotation_standin.py). env adds to its environment.
// As the applications' templates do, it lets Secrets Manager invoke it from this account.
// It returns the function's ARN.
func (c *Clients) CreateStandInFunction(ctx context.Context, name, application string, env map[string]string) (string, error) {
	r, err := c.IAM().CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(name + "-role"), AssumeRolePolicyDocument: aws.String(
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`)})
	if err != nil {
		return "", fmt.Errorf("stand-in function: %w", err)
	}
	vars := map[string]string{"APPLICATION": application, "SECRETS_MANAGER_ENDPOINT": c.Endpoint}
	maps.Copy(vars, env)
	f, err := c.Lambda().CreateFunction(ctx, &lambda.CreateFunctionInput{
		FunctionName: aws.String(name), Role: r.Role.Arn, Runtime: lambdatypes.RuntimePython312,
		Handler: aws.String("rotation_standin.lambda_handler"), Timeout: aws.Int32(30),
		Code: &lambdatypes.FunctionCode{ZipFile: standInZip()}, Environment: &lambdatypes.Environment{Variables: vars},
	})
	if err != nil {
		return "", fmt.Errorf("stand-in function: %w", err)
	}
	if _, err := c.Lambda().AddPermission(ctx, &lambda.AddPermissionInput{
		FunctionName: aws.String(name), StatementId: aws.String("SecretsManagerAccess"), Action: aws.String("lambda:InvokeFunction"),
		Principal: aws.String("secretsmanager.amazonaws.com"), SourceAccount: aws.String(Account),
	}); err != nil {
		return "", fmt.Errorf("stand-in function: %w", err)
	}
	return aws.ToString(f.FunctionArn), nil
}

// DeleteStandInFunction deletes what CreateStandInFunction made; what is gone already is
// no error.
func (c *Clients) DeleteStandInFunction(ctx context.Context, name string) error {
	if _, err := c.Lambda().DeleteFunction(ctx, &lambda.DeleteFunctionInput{FunctionName: aws.String(name)}); err != nil && !lambdaNotFound(err) {
		return err
	}
	if _, err := c.IAM().DeleteRole(ctx, &iam.DeleteRoleInput{RoleName: aws.String(name + "-role")}); err != nil && !iamNotFound(err) {
		return err
	}
	return nil
}

// standInZip is the stand-in functions' package.
func standInZip() []byte {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	f, _ := w.Create("rotation_standin.py")
	_, _ = f.Write(rotationStandIn)
	_ = w.Close()
	return buf.Bytes()
}

func lambdaNotFound(err error) bool {
	var nf *lambdatypes.ResourceNotFoundException
	return errors.As(err, &nf)
}

// cloudFormationStack is aws:serverlessrepository/cloudFormationStack:CloudFormationStack:
// moto serves no Serverless Application Repository. The stand-in deploys what a rotation
// application deploys that the rest of the program uses: a Lambda function named by the
// functionName parameter (with a role and the permission for Secrets Manager), which plays
// the application named by applicationId with the excludeCharacters parameter, and the
// RotationLambdaARN output.
var cloudFormationStack = &Type{
	ForceNew: []string{"applicationId", "name"},
	AutoName: "name",
	Computed: []string{"outputs", "tagsAll"},
	Create: func(ctx context.Context, c *Clients, in Props) (string, Props, error) {
		fn := in.StrMap("parameters")["functionName"]
		if fn == "" {
			return "", nil, errors.New("stand-in application: the functionName parameter is required")
		}
		app := in.Str("applicationId")
		app = app[strings.LastIndex(app, "/")+1:]
		env := map[string]string{}
		if x, ok := in.StrMap("parameters")["excludeCharacters"]; ok {
			env["EXCLUDE_CHARACTERS"] = x
		}
		if _, err := c.CreateStandInFunction(ctx, fn, app, env); err != nil {
			return "", nil, fmt.Errorf("stand-in application: %w", err)
		}
		return fmt.Sprintf("arn:aws:cloudformation:%s:%s:stack/serverlessrepo-%s/%s", c.Region, Account, in.Str("name"), fn), nil, nil
	},
	Read: func(ctx context.Context, c *Clients, id string, state Props) (Props, error) {
		fn := state.StrMap("parameters")["functionName"]
		out, err := c.Lambda().GetFunction(ctx, &lambda.GetFunctionInput{FunctionName: aws.String(fn)})
		if lambdaNotFound(err) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		p := state.copy()
		p["outputs"] = map[string]string{"RotationLambdaARN": aws.ToString(out.Configuration.FunctionArn)}
		p["tagsAll"] = state["tags"]
		return p, nil
	},
	Update: func(context.Context, *Clients, string, Props, Props) error { return nil },
	Delete: func(ctx context.Context, c *Clients, _ string, state Props) error {
		return c.DeleteStandInFunction(ctx, state.StrMap("parameters")["functionName"])
	},
}
