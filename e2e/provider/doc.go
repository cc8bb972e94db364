// Package provider is a test fixture: a stand-in for the pulumi-aws and pulumi-random
// provider plugins, so that the engine suite runs secretsmith programs through the real
// Pulumi engine without the real plugins (which cannot be had here) and without an AWS
// account.
//
// It serves the resource types and invokes secretsmith uses, under the tokens and versions
// of the real providers. Each type follows the behaviour users get from pulumi-aws: the
// upstream terraform-provider-aws resource decides which inputs force replacement, what
// Create, Read, Update and Delete call, and what Read writes back; pulumi-terraform-bridge
// decides how a refresh turns what Read saw into the state's inputs. Comments cite the
// upstream function that each behaviour copies.
//
// Every AWS call goes to a local emulator (moto): the provider refuses to start unless
// SECRETSMITH_E2E_AWS_ENDPOINT names a loopback address, so no test can reach a real AWS
// account.
//
// One type is record-only, since the emulator serves no Serverless Application Repository:
// aws:serverlessrepository/cloudFormationStack:CloudFormationStack keeps its inputs as its
// state, and a stand-in Lambda function (never run) takes the place of the rotation
// function the application would deploy.
package provider
