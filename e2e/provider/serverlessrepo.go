package provider

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	lambdatypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
)

// CreateStandInFunction makes a Lambda function named name, with the role name-role, that
// the emulator stores and never runs: a rotation function for Secrets Manager to call. It
// returns the function's ARN.
func (c *Clients) CreateStandInFunction(ctx context.Context, name string) (string, error) {
	r, err := c.IAM().CreateRole(ctx, &iam.CreateRoleInput{RoleName: aws.String(name + "-role"), AssumeRolePolicyDocument: aws.String(
		`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}`)})
	if err != nil {
		return "", fmt.Errorf("stand-in function: %w", err)
	}
	f, err := c.Lambda().CreateFunction(ctx, &lambda.CreateFunctionInput{
		FunctionName: aws.String(name), Role: r.Role.Arn, Runtime: lambdatypes.RuntimeProvidedal2023, Handler: aws.String("bootstrap"),
		Code: &lambdatypes.FunctionCode{ZipFile: standInZip()},
	})
	if err != nil {
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

// standInZip is the code of a stand-in function: the emulator never runs it.
func standInZip() []byte {
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	f, _ := w.Create("bootstrap")
	_, _ = f.Write([]byte("#!/bin/sh\n"))
	_ = w.Close()
	return buf.Bytes()
}

func lambdaNotFound(err error) bool {
	var nf *lambdatypes.ResourceNotFoundException
	return errors.As(err, &nf)
}

// cloudFormationStack is aws:serverlessrepository/cloudFormationStack:CloudFormationStack,
// record-only: moto serves no Serverless Application Repository. The stand-in deploys what
// a rotation application deploys that the rest of the program uses: a Lambda function named
// by the functionName parameter (with a role), and the RotationLambdaARN output. Secrets
// Manager then accepts it as a rotation function.
var cloudFormationStack = &Type{
	ForceNew: []string{"applicationId", "name"},
	AutoName: "name",
	Computed: []string{"outputs", "tagsAll"},
	Create: func(ctx context.Context, c *Clients, in Props) (string, Props, error) {
		fn := in.StrMap("parameters")["functionName"]
		if fn == "" {
			return "", nil, errors.New("stand-in application: the functionName parameter is required")
		}
		if _, err := c.CreateStandInFunction(ctx, fn); err != nil {
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
